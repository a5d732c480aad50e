#pragma once
// What a validity check says of a polygon geometry, with the repaired geometry. GEOS does the checking
// (analysis/repair); a reader is handed it as a function, so reading (io) needs no GEOS.
#include <functional>
#include <string>

#include "core/geometry.hpp"

namespace safetymap {

struct GeometryCheck {
  bool wasValid = true;
  bool repaired = false;  // invalid and fixed
  std::string reason;     // GEOS's reason when invalid, e.g. "Self-intersection"
  Geometry geometry;      // the valid geometry (unchanged when it was valid)
};

using GeometryRepair = std::function<GeometryCheck(const Geometry&)>;

}  // namespace safetymap
