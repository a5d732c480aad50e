// The tsunami hazard against people and buildings: recomputed off the UI thread whenever a layer it reads changes
// (the hazard, its classes, the 町丁目, the districts, the evacuation buildings, the PLATEAU footprints).
#include <functional>

#include "analysis/tsunami_impact.hpp"
#include "jobs/snapshot.hpp"
#include "ui/room.hpp"

namespace safetymap::ui {

namespace {

class HazardRoom final : public Room {
 public:
  void poll(Workspace& ws) override {
    const std::uint64_t key = inputsKey(ws.project);
    if (key == computedKey_ && !ws.ui.hazard.computing) return;
    if (key == requestedKey_) return;
    requestedKey_ = key;
    const std::uint64_t request = ++requests_;
    ws.ui.hazard.computing = true;
    auto snapshot = jobs::snapshotProject(ws.project);
    auto out = std::make_shared<std::optional<analysis::TsunamiImpact>>();
    ws.jobs.cancel("hazard");
    ws.jobs.startBackground(
        "hazard", "hazard",
        [snapshot, out](jobs::JobProgress& progress) {
          if (!progress.stopped()) *out = analysis::tsunamiImpact(*snapshot);
        },
        [this, &ws, out, key, request](bool cancelled) {
          if (request != requests_) return;  // a newer computation is on its way
          ws.ui.hazard.computing = false;
          computedKey_ = key;
          if (cancelled) return;
          ws.ui.hazard.impact = *out ? std::make_shared<const analysis::TsunamiImpact>(std::move(**out)) : nullptr;
        });
  }

  // Only the tab waits for its figures: the map is ready without them.
  bool settling(const Workspace& ws) const override {
    return ws.ui.hazard.computing && ws.ui.rightTab == UiState::Tab::Hazard;
  }

 private:
  static std::uint64_t inputsKey(const Project& p) {
    std::uint64_t key = p.districts().size() + 1;
    for (LayerRole role : {LayerRole::TsunamiDepth, LayerRole::Chome, LayerRole::Districts, LayerRole::TsunamiBuildings,
                           LayerRole::Buildings}) {
      const Layer* l = p.layerByRole(role);
      key = key * 1099511628211ull ^ (l ? l->dataVersion : 0);
      if (role == LayerRole::TsunamiDepth && l)  // its classes (the breaks), not its opacity
        for (const auto& stop : l->style.ramp.stops) key = key * 1099511628211ull ^ std::hash<double>{}(stop.value);
    }
    return key;
  }
  std::uint64_t requestedKey_ = 0, computedKey_ = 0, requests_ = 0;
};

}  // namespace

std::unique_ptr<Room> makeHazardRoom(Workspace&) {
  return std::make_unique<HazardRoom>();
}

}  // namespace safetymap::ui
