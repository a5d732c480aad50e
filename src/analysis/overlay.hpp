#pragma once
// Area operations with GEOS: Voronoi cells clipped to an area, unions, intersections.
#include <cstdint>
#include <vector>

#include "core/geometry.hpp"

namespace safetymap::analysis {

// One cell per input point (same order): the area closer to that point than to any other,
// clipped to `clip`. Cells are polygons; a point outside `clip` gets an empty cell.
std::vector<Geometry> voronoiCells(const std::vector<Vec2>& points, const Geometry& clip);
Geometry unionAll(const std::vector<const Geometry*>& parts);
Geometry intersection(const Geometry& a, const Geometry& b);

// Which cells of a raster lie inside the polygons (cell centres, even-odd), row 0 at extent.maxy: a scanline
// fill, one pass per row over the edges, so a ward-sized mask at 2 m costs milliseconds.
std::vector<std::uint8_t> insideMask(const Geometry& g, const Bounds& extent, double cell, int cols, int rows);

}  // namespace safetymap::analysis
