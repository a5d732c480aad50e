// Saving the project (File › Save, Save As…), importing records into it (File › Import…), exporting a layer
// (File › Export), and quitting (asking first when there are unsaved changes). Each runs as a job; a save and an
// import change nothing on screen until they have succeeded.
#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <utility>

#include "core/text.hpp"
#include "io/exporter.hpp"
#include "io/project_file.hpp"
#include "jobs/importer.hpp"
#include "jobs/snapshot.hpp"
#include "render/layer_mesh.hpp"
#include "ui/room.hpp"

namespace fs = std::filesystem;

namespace safetymap::ui {

namespace {

// Copies a job's messages into the viewer's errors panel.
void report(Workspace& ws, const Diagnostics& messages) {
  for (const auto& m : messages.snapshot()) ws.diag.report(m.severity, m.file, m.text);
}

class SaveRoom final : public Room {
 public:
  void draw(Workspace& ws) override {
    auto c = ws.panels();
    drawQuitConfirm(c);
    drawReferencesConfirm(c);
    if (auto chosen = ws.fileDialog.draw(ws.project.lang)) {
      auto& [purpose, path] = *chosen;
      switch (purpose) {
        case FileDialog::Purpose::Open: ws.ui.requestOpenFiles.push_back(path); break;
        case FileDialog::Purpose::Import: startImport(ws, path); break;
        case FileDialog::Purpose::SaveProject: startSave(ws, path); break;
        case FileDialog::Purpose::Export: startExport(ws, exportTarget_, path); break;
      }
    }
  }

  void apply(Workspace& ws) override {
    auto& ui = ws.ui;
    if (ui.requestQuit || ws.closeAsked) {
      ws.closeAsked = ui.requestQuit = false;
      if (ws.history.dirty() && !ui.quitConfirmed)
        ui.confirmQuit = true;  // ask first: nothing is lost
      else
        ws.closeWindow = true;
    }
    if (ui.quitConfirmed && !ws.openAfterAnswer.empty()) {  // "don't save", then open the other project
      ui.quitConfirmed = false;
      ws.history.clear();
      ui.requestOpenFiles.push_back(std::exchange(ws.openAfterAnswer, {}));
      ws.closeWindow = false;
    }
    if (ui.requestSaveAs || (ui.requestSave && ws.projectPath.empty())) {
      std::string dir =
          ws.projectPath.empty() ? fs::current_path().string() : fs::path(ws.projectPath).parent_path().string();
      ws.fileDialog.open(dir, FileDialog::Purpose::SaveProject,
                         ws.projectPath.empty() ? "港区安全マップ.gpkg" : fs::path(ws.projectPath).filename().string());
      ui.requestSave = ui.requestSaveAs = false;
    }
    if (ui.requestSave) {
      startSave(ws, ws.projectPath);
      ui.requestSave = false;
    }
    if (ui.requestImportDialog) {
      ws.fileDialog.open(ws.recentFolder(), FileDialog::Purpose::Import);
      ui.requestImportDialog = false;
    }
    if (!ui.requestExportLayer.empty()) {
      exportTarget_ = std::exchange(ui.requestExportLayer, {});
      ws.fileDialog.open(fs::current_path().string(), FileDialog::Purpose::Export, exportTarget_ + ".geojson");
    }
    ui.busy = ws.jobs.running("save") || ws.jobs.running("import") || ws.jobs.running("export");
  }

 private:
  bool writing(const Workspace& ws) const {
    return ws.jobs.running("save") || ws.jobs.running("import");  // one change of the project file at a time
  }

  void startSave(Workspace& ws, const std::string& path) {
    if (writing(ws)) return;
    auto snapshot = jobs::snapshotProject(ws.project);
    // Saved as the user set the layers, not as the drill tab or 2-1-1 set them aside for the moment.
    for (size_t i = 0; i < snapshot->layers().size(); ++i) {
      if (auto it = ws.setAside.find(snapshot->layers()[i]->id); it != ws.setAside.end())
        snapshot->setVisible(i, it->second);
      if (ws.activityFill && snapshot->layers()[i]->role == LayerRole::Districts)
        snapshot->edit(i)->style.drawFill = false;
    }
    io::ProjectView view{ws.camera.targetCenter(), ws.camera.targetPixelsPerMetre(), ws.project.selectedDistrict,
                         ws.project.selectedPolicyItem};
    view.unreadEntries = ws.unreadEntries;  // files outside the project it names, not read: kept as named
    const size_t position = ws.history.position();
    auto ok = std::make_shared<bool>(false);
    auto messages = std::make_shared<Diagnostics>(false);
    // Not cancellable: a save is atomic and short; stopping half-way would only throw it away.
    ws.jobs.start(
        "save", tr(ws.project.lang, "status.saving"), false,
        [=](jobs::JobProgress&) { *ok = io::saveProject(*snapshot, view, path, *messages); },
        [=, &ws](bool) {
          report(ws, *messages);
          if (!*ok) {
            ws.ui.quitAfterSave = false;
            return;
          }
          ws.projectPath = path;
          ws.history.markSavedAt(position);
          ws.ui.dirty = ws.history.dirty();
          ws.settings.addRecent(path);
          io::saveSettings(ws.settings);
          ws.diag.info(path, fmt::format(fmt::runtime(tr(ws.project.lang, "status.saved")), path));
          if (ws.ui.quitAfterSave) ws.closeWindow = true;
        });
  }

  void startImport(Workspace& ws, const std::string& file) {
    if (writing(ws)) return;
    auto snapshot = jobs::snapshotProject(ws.project);
    auto report_ = std::make_shared<jobs::ImportReport>();
    auto messages = std::make_shared<Diagnostics>(false);
    auto triangles = std::make_shared<std::shared_ptr<const render::Triangulation>>();
    ws.jobs.start(
        "import", tr(ws.project.lang, "status.importing"), true,
        [=](jobs::JobProgress& progress) {
          *report_ = jobs::importFile(*snapshot, file, *messages, &progress);
          if (progress.stopped()) return;
          if (const Layer* l = snapshot->layer(report_->layerId); l && l->geometryType() == GeometryType::Polygon)
            *triangles = render::triangulateLayer(*l);
        },
        [=, &ws](bool cancelled) {
          report(ws, *messages);
          if (cancelled || !report_->ok || report_->layerId.empty()) return;
          // The import is one undoable step: the layer as it was, the layer as it is now.
          Edit e;
          e.kind = Edit::Kind::ReplaceLayer;
          e.layerId = report_->layerId;
          for (const auto& l : ws.project.layers())
            if (l->id == report_->layerId) e.layerBefore = l;
          for (const auto& l : snapshot->layers())
            if (l->id == report_->layerId) e.layerAfter = l;
          e.label = "import";
          for (const auto& f : e.layerAfter->features)
            for (const auto& v : f.values) ws.fonts.require(v);
          ws.ui.requestEdits.push_back(std::move(e));
          if (*triangles) ws.renderer.setTriangulation(report_->layerId, *triangles);
          ws.diag.info(file, report_->summary(ws.project.lang));
          ws.settings.addRecent(file);
        });
  }

  void startExport(Workspace& ws, const std::string& layerId, const std::string& path) {
    const Layer* l = ws.project.layer(layerId);
    if (!l || ws.jobs.running("export")) return;
    auto layer = std::make_shared<const Layer>(*l);  // the job's own copy
    io::ExportOptions o;
    o.shiftJis = asciiLower(path).ends_with(".sjis.csv");  // name.sjis.csv → Shift_JIS
    auto ok = std::make_shared<bool>(false);
    auto messages = std::make_shared<Diagnostics>(false);
    ws.jobs.start(
        "export", fs::path(path).filename().string(), false,
        [=](jobs::JobProgress&) { *ok = io::exportLayer(*layer, path, o, *messages); },
        [=, &ws](bool) {
          report(ws, *messages);
          if (*ok) ws.diag.info(path, fmt::format(fmt::runtime(tr(ws.project.lang, "status.saved")), path));
        });
  }

  std::string exportTarget_;
};

}  // namespace

std::unique_ptr<Room> makeSaveRoom(Workspace&) {
  return std::make_unique<SaveRoom>();
}

}  // namespace safetymap::ui
