#pragma once
// Which cells of a grid over the working CRS can be walked: what GDAL rasterises the road surfaces into (io)
// and what the walking grid (analysis) walks on, so neither needs the other.
#include <cstdint>
#include <vector>

#include "core/geometry.hpp"

namespace safetymap {

struct WalkableCells {
  Bounds extent;      // minx/miny = the lower-left corner of cell (0, 0)
  double cell = 2.0;  // metres
  int width = 0, height = 0;
  std::vector<std::uint8_t> walkable;  // 1 = walkable; row 0 is the northern edge
};

}  // namespace safetymap
