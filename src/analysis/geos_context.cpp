#include "analysis/geos_context.hpp"

#include <cstdarg>
#include <cstdio>

namespace safetymap::analysis {

namespace {
void silence(const char*, void*) {}

// Contexts are never finished: objects made on a loader thread (an index, a geometry) may be
// destroyed on the UI thread after the loader thread has ended, and GEOS reads the handle then.
GEOSContextHandle_t makeContext() {
  GEOSContextHandle_t h = GEOS_init_r();
  GEOSContext_setNoticeMessageHandler_r(h, silence, nullptr);
  GEOSContext_setErrorMessageHandler_r(h, silence, nullptr);
  return h;
}

GEOSCoordSequence* ringSeq(const Ring& r) {
  auto h = geos();
  // GEOS wants closed rings; core rings are closed implicitly.
  unsigned n = static_cast<unsigned>(r.size());
  GEOSCoordSequence* s = GEOSCoordSeq_create_r(h, n + 1, 2);
  for (unsigned i = 0; i <= n; ++i) {
    const Vec2& p = r[i % n];
    GEOSCoordSeq_setXY_r(h, s, i, p.x, p.y);
  }
  return s;
}

Ring readRing(const GEOSGeometry* ring) {
  auto h = geos();
  const GEOSCoordSequence* s = GEOSGeom_getCoordSeq_r(h, ring);
  unsigned n = 0;
  GEOSCoordSeq_getSize_r(h, s, &n);
  Ring out;
  out.reserve(n);
  for (unsigned i = 0; i < n; ++i) {
    double x, y;
    GEOSCoordSeq_getXY_r(h, s, i, &x, &y);
    out.push_back({x, y});
  }
  if (out.size() > 1 && out.front() == out.back()) out.pop_back();
  return out;
}
}  // namespace

GEOSContextHandle_t geos() {
  // One context per thread, finished when the thread ends (loader and print threads come and go).
  struct Context {
    GEOSContextHandle_t h = makeContext();
    ~Context() { GEOS_finish_r(h); }
  };
  thread_local Context context;
  return context.h;
}

void GeosDeleter::operator()(GEOSGeometry* g) const {
  if (g) GEOSGeom_destroy_r(geos(), g);
}

GeosPtr toGeos(const Polygon& p) {
  auto h = geos();
  if (p.outer.size() < 3) return GeosPtr(GEOSGeom_createEmptyPolygon_r(h));
  GEOSGeometry* shell = GEOSGeom_createLinearRing_r(h, ringSeq(p.outer));
  std::vector<GEOSGeometry*> holes;
  for (const auto& r : p.holes)
    if (r.size() >= 3) holes.push_back(GEOSGeom_createLinearRing_r(h, ringSeq(r)));
  return GeosPtr(GEOSGeom_createPolygon_r(h, shell, holes.data(), static_cast<unsigned>(holes.size())));
}

GeosPtr toGeosPoint(Vec2 p) {
  return GeosPtr(GEOSGeom_createPointFromXY_r(geos(), p.x, p.y));
}

GeosPtr toGeos(const Geometry& g) {
  auto h = geos();
  std::vector<GEOSGeometry*> parts;
  int type = GEOS_GEOMETRYCOLLECTION;
  if (!g.polygons.empty()) {
    for (const auto& p : g.polygons) parts.push_back(toGeos(p).release());
    type = GEOS_MULTIPOLYGON;
  } else if (!g.lines.empty()) {
    for (const auto& l : g.lines) {
      GEOSCoordSequence* s = GEOSCoordSeq_create_r(h, static_cast<unsigned>(l.size()), 2);
      for (unsigned i = 0; i < l.size(); ++i) GEOSCoordSeq_setXY_r(h, s, i, l[i].x, l[i].y);
      parts.push_back(GEOSGeom_createLineString_r(h, s));
    }
    type = GEOS_MULTILINESTRING;
  } else if (!g.points.empty()) {
    for (auto p : g.points) parts.push_back(toGeosPoint(p).release());
    type = GEOS_MULTIPOINT;
  }
  if (parts.size() == 1) return GeosPtr(parts.front());
  return GeosPtr(GEOSGeom_createCollection_r(h, type, parts.data(), static_cast<unsigned>(parts.size())));
}

void fromGeos(const GEOSGeometry* g, Geometry& out) {
  auto h = geos();
  if (!g || GEOSisEmpty_r(h, g)) return;
  int t = GEOSGeomTypeId_r(h, g);
  switch (t) {
    case GEOS_POINT: {
      double x, y;
      GEOSGeomGetX_r(h, g, &x);
      GEOSGeomGetY_r(h, g, &y);
      out.points.push_back({x, y});
      if (out.type == GeometryType::None) out.type = GeometryType::Point;
      break;
    }
    case GEOS_LINESTRING:
    case GEOS_LINEARRING:
      out.lines.push_back(readRing(g));
      if (t == GEOS_LINESTRING && !out.lines.back().empty()) {
        // readRing dropped a duplicated end point of a closed line; keep lines as they are.
        const GEOSCoordSequence* s = GEOSGeom_getCoordSeq_r(h, g);
        unsigned n = 0;
        GEOSCoordSeq_getSize_r(h, s, &n);
        if (n > out.lines.back().size()) out.lines.back().push_back(out.lines.back().front());
      }
      if (out.type == GeometryType::None) out.type = GeometryType::Line;
      break;
    case GEOS_POLYGON: {
      Polygon p;
      p.outer = readRing(GEOSGetExteriorRing_r(h, g));
      int nh = GEOSGetNumInteriorRings_r(h, g);
      for (int i = 0; i < nh; ++i) p.holes.push_back(readRing(GEOSGetInteriorRingN_r(h, g, i)));
      if (p.outer.size() >= 3) out.polygons.push_back(std::move(p));
      out.type = GeometryType::Polygon;
      break;
    }
    default: {
      int n = GEOSGetNumGeometries_r(h, g);
      for (int i = 0; i < n; ++i) fromGeos(GEOSGetGeometryN_r(h, g, i), out);
    }
  }
}

Geometry fromGeos(const GEOSGeometry* g) {
  Geometry out;
  fromGeos(g, out);
  return out;
}

}  // namespace safetymap::analysis
