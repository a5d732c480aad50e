#pragma once
// Label placement in screen space: candidates in priority order, each tried at a few positions
// around its anchor, kept only where it overlaps nothing already placed.
#include <string>
#include <vector>

#include "core/geometry.hpp"

namespace safetymap::analysis {

struct LabelCandidate {
  std::string text;
  Vec2 anchor;        // screen pixels
  Vec2 size;          // text box in pixels
  double offset = 0;  // gap from the anchor for point symbols; 0 = centred on the anchor (areas)
  int priority = 0;   // higher first
  int tag = 0;        // caller's id, returned with the placement
};

struct PlacedLabel {
  std::string text;
  Bounds box;  // screen pixels, y down
  int tag = 0;
};

// Places labels inside the viewport (w × h); overlapping candidates are dropped, not drawn on top.
std::vector<PlacedLabel> layoutLabels(std::vector<LabelCandidate> candidates, double w, double h, double padding = 2.0);

}  // namespace safetymap::analysis
