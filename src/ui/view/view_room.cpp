// The view: choosing a district (the map zooms to it and shows only its records), fitting the ward, the
// language. The map itself (pan, zoom, pick) is the map view; this room carries out what the panels ask.
#include "io/settings.hpp"
#include "ui/room.hpp"

namespace safetymap::ui {

namespace {

class ViewRoom final : public Room {
 public:
  void apply(Workspace& ws) override {
    auto& ui = ws.ui;
    Project& p = ws.project;
    if (ui.requestLang) {
      p.lang = *ui.requestLang;
      ws.settings.lang = p.lang;
      io::saveSettings(ws.settings);
      ui.requestLang.reset();
    }
    if (ui.requestDistrict) {
      int d = *ui.requestDistrict;
      p.selectedDistrict = d;
      ui.filterVersion++;
      ui.selectionVersion++;
      if (p.selection.valid()) {  // a selection outside the new filter no longer shows
        const Layer* l = p.layer(p.selection.layerId);
        if (l && !p.passesFilter(*l, l->features[static_cast<size_t>(p.selection.feature)])) p.selection = {};
      }
      if (d >= 0)
        ws.camera.fit(p.districts()[static_cast<size_t>(d)].bounds, 40, true);
      else
        ws.camera.fit(p.wardBounds(), 24, true);
      ui.requestDistrict.reset();
    }
    if (ui.requestFit) {
      ws.camera.fit(p.selectedDistrict >= 0 ? p.districts()[static_cast<size_t>(p.selectedDistrict)].bounds
                                            : p.wardBounds(),
                    24, true);
      ui.requestFit = false;
    }
  }

  bool settling(const Workspace& ws) const override { return ws.ui.requestDistrict.has_value(); }
};

}  // namespace

std::unique_ptr<Room> makeViewRoom(Workspace&) {
  return std::make_unique<ViewRoom>();
}

}  // namespace safetymap::ui
