// Edits from the map and the panels go through the history, so each can be undone; a moved or added point is
// tagged with its district again, a changed polygon layer triangulated again.
#include <set>

#include "analysis/district_join.hpp"
#include "render/layer_mesh.hpp"
#include "ui/room.hpp"

namespace safetymap::ui {

namespace {

class EditRoom final : public Room {
 public:
  void draw(Workspace& ws) override {
    auto c = ws.panels();
    drawEditToolbar(c);
  }

  void apply(Workspace& ws) override {
    auto& ui = ws.ui;
    Project& project = ws.project;
    std::set<std::string> touched;
    // Only changes to features need the districts and triangles again; a style or the order is drawn as it is.
    auto applied = [&](Edit::Kind kind, const std::string& layer) {
      if (kind == Edit::Kind::SetActivity)
        ui.activitiesChanged = true;
      else if (kind != Edit::Kind::SetStyle && kind != Edit::Kind::MoveLayer)
        touched.insert(layer);
    };
    for (auto& e : ui.requestEdits) {
      std::string layer = e.layerId;
      const Edit::Kind kind = e.kind;
      if (ws.history.apply(project, std::move(e))) applied(kind, layer);
    }
    ui.requestEdits.clear();
    auto step = [&](bool undo) {
      const Edit* e = undo ? ws.history.nextUndo() : ws.history.nextRedo();
      if (!e) return;
      const Edit::Kind kind = e->kind;
      std::string layer = e->layerId;
      if (undo ? ws.history.undo(project) : ws.history.redo(project)) applied(kind, layer);
    };
    if (ui.requestUndo) step(true), ui.requestUndo = false;
    if (ui.requestRedo) step(false), ui.requestRedo = false;
    // A moved or added point may now lie in another district.
    if (const Layer* d = project.layerByRole(LayerRole::Districts); d && !touched.empty()) {
      analysis::DistrictLocator locator(*d);
      for (const auto& id : touched)
        if (const Layer* l = project.layer(id); l && !isContextRole(l->role)) locator.tag(*project.edit(id));
    }
    for (const auto& id : touched)
      if (const Layer* l = project.layer(id)) {
        for (const auto& f : l->features)
          for (const auto& v : f.values) ws.fonts.require(v);
        if (l->geometryType() == GeometryType::Polygon)
          ws.renderer.setTriangulation(l->id, render::triangulateLayer(*l));
      }
    if (!touched.empty()) ui.selectionVersion++;
    if (ui.requestSelect) {
      if (const Layer* l = project.layer(ui.requestSelect->layerId);
          l && ui.requestSelect->feature < static_cast<int>(l->features.size()))
        project.selection = *ui.requestSelect;
      ui.requestSelect.reset();
    }
    ui.dirty = ws.history.dirty();
    ui.undoCount = ws.history.canUndo() ? ws.history.position() : 0;
    ui.redoCount = ws.history.size() - ws.history.position();
  }
};

}  // namespace

std::unique_ptr<Room> makeEditRoom(Workspace&) {
  return std::make_unique<EditRoom>();
}

}  // namespace safetymap::ui
