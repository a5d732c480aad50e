#pragma once
// The map as an input surface: drag to pan, wheel to zoom about the cursor, keys, hover tooltip
// and click to select. Picking goes through a spatial index per layer, rebuilt when data changes.
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "analysis/picking.hpp"
#include "ui/panels.hpp"

namespace safetymap::ui {

class MapView {
 public:
  void update(PanelContext& c, Camera& camera);
  // The topmost visible, pickable feature at a window position. A big layer's index is built on a thread of
  // its own: until it is there a hover finds nothing (wait = false), a click waits for it (wait = true).
  std::optional<Selection> pickAt(const Project& p, const Camera& camera, const Rect& map, ImVec2 window, bool wait);

 private:
  void tooltip(PanelContext& c, const Selection& s);
  struct Index {
    std::uint64_t version = ~0ull;
    std::shared_future<std::shared_ptr<const analysis::PickIndex>> built;
  };
  std::map<std::string, Index> indexes_;
  bool dragging_ = false;
  bool movingFeature_ = false;  // the Move tool is dragging the selected point
  ImVec2 pressPos_{};
  ImVec2 dragLast_;  // where the drag last moved the map from: only movement after the press pans
  ImVec2 lastMouse_{-1, -1};
  std::optional<Selection> hoverCache_;
};

bool isPickable(const Layer& l);

}  // namespace safetymap::ui
