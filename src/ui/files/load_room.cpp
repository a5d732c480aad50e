// Opening: the bundled project at start, files opened or dropped (a layer each), saved projects (they replace
// what is open; files they name outside themselves are read only if the user agrees). One load job at a time.
#include <deque>
#include <filesystem>
#include <memory>
#include <utility>

#include "io/policy_reader.hpp"
#include "io/project_file.hpp"
#include "jobs/load.hpp"
#include "ui/room.hpp"

namespace fs = std::filesystem;

namespace safetymap::ui {

namespace {

class LoadRoom final : public Room {
 public:
  explicit LoadRoom(Workspace& ws) {
    startBundled(ws);
    if (!pending_.empty()) start(ws);  // at once: the shell makes the rooms before the window
  }

  void poll(Workspace& ws) override {
    if (ws.ui.requestReadReferences) {  // the user agreed to read the files the project names outside itself
      ws.ui.requestReadReferences = false;
      openProject(ws, ws.ui.referencesProject, ws.ui.outsideReferences);
      ws.ui.referencesProject.clear(), ws.ui.outsideReferences.clear();
    }
    if (!ws.ui.share.requestOpen.empty()) {  // File › 共有データベースに接続…
      jobs::LoadRequest req;
      req.database = std::exchange(ws.ui.share.requestOpen, {});
      pending_.push_back(std::move(req));
    }
    if (!ws.jobs.running("load") && !pending_.empty()) start(ws);
  }

  void apply(Workspace& ws) override {
    if (!ws.ui.requestOpenFiles.empty()) queue(ws, std::exchange(ws.ui.requestOpenFiles, {}));
    if (!ws.droppedFiles.empty()) queue(ws, std::exchange(ws.droppedFiles, {}));
    if (ws.ui.requestOpenDialog) {
      ws.fileDialog.open(ws.recentFolder());
      ws.ui.requestOpenDialog = false;
    }
  }

  bool settling(const Workspace& ws) const override {
    return !bundledLoaded_ || !pending_.empty() || ws.jobs.running("load");
  }

 private:
  void startBundled(Workspace& ws) {
    const auto& o = ws.options;
    jobs::LoadRequest req;
    if (o.database.empty())
      req = jobs::bundledRequest(o.geodataDir, o.roleFiles, ws.diag);
    else
      req.database = o.database;  // the shared store in place of the bundled data
    if (!o.geodataDir.empty())
      if (auto plan = io::readPolicy((fs::path(o.geodataDir) / "plan" / "plan.json").string(), ws.diag))
        ws.project.policy = std::move(*plan);
    if (!req.specs.empty() || !req.database.empty())
      pending_.push_back(std::move(req));
    else
      bundledLoaded_ = true;
    queue(ws, o.files);
  }

  void openProject(Workspace& ws, const std::string& path, const std::vector<std::string>& confirmed = {}) {
    jobs::LoadRequest req;
    req.projectFile = path;
    req.projectOptions.trustedFolders = {ws.options.geodataDir};
    req.projectOptions.confirmedReferences = confirmed;
    pending_.push_back(std::move(req));
    ws.settings.addRecent(path);
    io::saveSettings(ws.settings);
  }

  void queue(Workspace& ws, const std::vector<std::string>& files) {
    for (const auto& given : files) {
      std::error_code ec;
      std::string f = fs::absolute(given, ec).lexically_normal().string();  // messages and recent files name it plainly
      if (io::isProjectFile(f)) {                                           // a saved project replaces what is open
        if (ws.history.dirty()) {  // "save changes?" first; the save room opens it once answered
          ws.openAfterAnswer = f;
          ws.ui.confirmQuit = true;
          continue;
        }
        openProject(ws, f);
        continue;
      }
      jobs::LoadRequest req;
      req.specs.push_back(jobs::specForFile(f, ws.project.layers().size() + pending_.size()));
      pending_.push_back(std::move(req));
      ws.settings.addRecent(f);
    }
    if (!files.empty()) io::saveSettings(ws.settings);
  }

  void start(Workspace& ws) {
    auto req = std::make_shared<jobs::LoadRequest>(std::move(pending_.front()));
    pending_.pop_front();
    if (const Layer* d = ws.project.layerByRole(LayerRole::Districts))
      for (const auto& l : ws.project.layers())
        if (l.get() == d) req->districtsLayer = l;
    auto result = std::make_shared<jobs::LoadResult>();
    std::string title = !req->database.empty()     ? share::describeDatabase(req->database)
                        : req->projectFile.empty() ? req->specs.front().nameJa
                                                   : fs::path(req->projectFile).filename().string();
    ws.jobs.start(
        "load", title, true,
        [req, result, &diag = ws.diag](jobs::JobProgress& p) { *result = jobs::load(*req, diag, p, true); },
        [this, &ws, result](bool cancelled) {
          if (!cancelled) integrate(ws, std::move(*result));
          bundledLoaded_ = true;
        });
  }

  void integrate(Workspace& ws, jobs::LoadResult r) {
    Project& project = ws.project;
    for (auto& ll : r.layers) {
      for (const auto& v : ll.layer->features)
        for (const auto& s : v.values) ws.fonts.require(s);
      ws.fonts.require(ll.layer->nameJa);
    }
    bool newDistricts = r.districts.has_value();
    if (r.replaceAll) {  // a saved project: its layers, statuses and view replace what was open
      project.clearLayers();
      project.selection = {};
      project.selectedDistrict = -1;
      project.activities = r.activities;
      ws.projectPath = r.projectFile;
      ws.unreadEntries = r.view ? r.view->unreadEntries : std::vector<std::string>{};
      ws.history.clear();
      ws.store = std::move(r.store);  // the shared store, or none (a file)
      ws.projectGeneration++;         // the policy room forgets the layers' visibility it kept, and recolours
    }
    const auto ids = jobs::addToProject(project, r);  // each layer's final id
    for (size_t i = 0; i < ids.size(); ++i)
      if (r.layers[i].triangles) ws.renderer.setTriangulation(ids[i], r.layers[i].triangles);
    if (newDistricts) ws.ui.filterVersion++, ws.ui.tagVersion++;
    if (r.view) {
      if (r.view->pixelsPerMetre > 0) ws.camera.jumpTo(r.view->center, r.view->pixelsPerMetre), fitted_ = true;
      if (r.view->district >= 0 && r.view->district < static_cast<int>(project.districts().size()))
        project.selectedDistrict = r.view->district, ws.ui.filterVersion++;
      if (!r.view->policyItem.empty()) ws.ui.requestPolicyItem = r.view->policyItem;
      if (!r.view->outsideReferences.empty())  // asked in a dialog; read only if the user agrees
        ws.ui.referencesProject = r.projectFile, ws.ui.outsideReferences = r.view->outsideReferences;
    }
    if (!fitted_ && !project.wardBounds().empty()) {
      ws.camera.fit(project.wardBounds(), 24, false);
      fitted_ = true;
    }
    auto& o = ws.options;
    if (!o.district.empty() && project.districts().size()) {
      int d = project.findDistrict(o.district);
      if (d < 0) {
        ws.diag.error("--district", project.unknownDistrictMessage(o.district));
        if (!o.screenshot.empty()) ws.exitCode = 2, ws.closeWindow = true;
      } else {
        ws.ui.requestDistrict = d;
      }
      o.district.clear();
    }
    if (!o.policyItem.empty() && !bundledLoaded_ && !project.policy.issues.empty()) {
      if (project.policy.title(o.policyItem, Lang::Ja).empty())
        ws.diag.error("--plan", "unknown plan item '" + o.policyItem +
                                    "' (use an issue, strategy or action id such as 2, 2-2 or 2-1-3)");
      else
        ws.ui.requestPolicyItem = o.policyItem;
      o.policyItem.clear();
    }
  }

  std::deque<jobs::LoadRequest> pending_;
  bool bundledLoaded_ = false;
  bool fitted_ = false;
};

}  // namespace

std::unique_ptr<Room> makeLoadRoom(Workspace& ws) {
  return std::make_unique<LoadRoom>(ws);
}

}  // namespace safetymap::ui
