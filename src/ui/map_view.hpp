#pragma once
// The map as an input surface: drag to pan, wheel to zoom about the cursor, keys, hover tooltip
// and click to select. Picking goes through a spatial index per layer, rebuilt when data changes.
#include <map>
#include <optional>
#include <string>

#include "analysis/picking.hpp"
#include "ui/panels.hpp"

namespace safetymap::ui {

class MapView {
 public:
  void update(PanelContext& c, Camera& camera);
  // The topmost visible, pickable feature at a window position.
  std::optional<Selection> pickAt(const Project& p, const Camera& camera, const Rect& map, ImVec2 window);

 private:
  void tooltip(PanelContext& c, const Selection& s);
  std::map<std::string, analysis::PickIndex> indexes_;
  bool dragging_ = false;
  bool movingFeature_ = false;  // the Move tool is dragging the selected point
  ImVec2 pressPos_{};
  ImVec2 dragLast_;  // where the drag last moved the map from: only movement after the press pans
  ImVec2 lastMouse_{-1, -1};
  std::optional<Selection> hoverCache_;
};

bool isPickable(const Layer& l);

}  // namespace safetymap::ui
