#pragma once
// Area operations with GEOS: Voronoi cells clipped to an area, unions, intersections.
#include <vector>

#include "core/geometry.hpp"

namespace safetymap::analysis {

// One cell per input point (same order): the area closer to that point than to any other,
// clipped to `clip`. Cells are polygons; a point outside `clip` gets an empty cell.
std::vector<Geometry> voronoiCells(const std::vector<Vec2>& points, const Geometry& clip);
Geometry unionAll(const std::vector<const Geometry*>& parts);
Geometry intersection(const Geometry& a, const Geometry& b);

}  // namespace safetymap::analysis
