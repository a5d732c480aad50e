#pragma once
// Internal to analysis/: a thread-local GEOS context and conversions between core geometry and
// GEOS geometry. Other modules use the functions in the public analysis headers instead.
#include <geos_c.h>

#include <memory>

#include "core/geometry.hpp"

namespace safetymap::analysis {

GEOSContextHandle_t geos();  // one reentrant context per thread

struct GeosDeleter {
  void operator()(GEOSGeometry* g) const;
};
using GeosPtr = std::unique_ptr<GEOSGeometry, GeosDeleter>;

GeosPtr toGeos(const Polygon& p);
GeosPtr toGeos(const Geometry& g);  // Polygon/MultiPolygon, LineString/Multi…, Point/MultiPoint
GeosPtr toGeosPoint(Vec2 p);
// Appends the polygonal (or other) parts of a GEOS geometry to a core geometry; collections are flattened.
void fromGeos(const GEOSGeometry* g, Geometry& out);
Geometry fromGeos(const GEOSGeometry* g);

}  // namespace safetymap::analysis
