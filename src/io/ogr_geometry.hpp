#pragma once
// OGR's geometries into safetymap's: parts appended (curves linearised, collections flattened), vertices counted
// before and after linearising, and every coordinate transformed and checked.
#include <cstddef>
#include <string>

#include "core/geometry.hpp"
#include "io/crs.hpp"

class OGRGeometry;

namespace safetymap::io {

// One feature's vertices: more than this is not a map feature of a ward but a hostile or broken file.
inline constexpr std::size_t kMaxVertices = 250'000;

void appendGeometry(const OGRGeometry* g, Geometry& out);
std::size_t vertexCount(const OGRGeometry* g);  // as stored (curves by their control points)
std::size_t coreVertices(const Geometry& g);    // once linearised
// The geometry as WKT in its own coordinates (the working CRS): a point, or a multi-geometry for several points,
// lines and polygons (as the shared store's and the GeoPackage's tables declare them). Empty for no geometry.
std::string toWkt(const Geometry& g);
// False when a coordinate does not transform to a finite place within 10,000 km.
bool transformAll(Geometry& g, const Transformer& t);

}  // namespace safetymap::io
