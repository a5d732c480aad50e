#pragma once
// Polygon triangulation for the GPU, with holes and multipolygons: GEOS's constrained Delaunay
// triangulation of each polygon (it honours holes), flattened to a triangle list.
#include <vector>

#include "core/geometry.hpp"

namespace safetymap::analysis {

// Appends 3 vertices per triangle. Returns false if GEOS could not triangulate the polygon.
bool triangulate(const Polygon& p, std::vector<Vec2>& triangles);
bool triangulate(const Geometry& g, std::vector<Vec2>& triangles);

}  // namespace safetymap::analysis
