#pragma once
// Geometry validity: GEOS checks each polygon and repairs what it can (MakeValid), keeping only
// the polygonal result so a polygon layer stays a polygon layer.
#include <string>

#include "core/geometry_check.hpp"

namespace safetymap::analysis {

using RepairResult = GeometryCheck;

RepairResult checkAndRepair(const Geometry& g);

// A ring whose points all lie on one line (within 1/10,000 of its length, which a straight line in lon/lat
// bends by when projected): no area. GEOS calls such a polygon valid; safetymap leaves it out.
bool onOneLine(const Ring& ring);

}  // namespace safetymap::analysis
