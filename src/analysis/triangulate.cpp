#include "analysis/triangulate.hpp"

#include "analysis/geos_context.hpp"

namespace safetymap::analysis {

bool triangulate(const Polygon& p, std::vector<Vec2>& out) {
  if (p.outer.size() < 3) return false;
  if (p.outer.size() == 3 && p.holes.empty()) {  // the common case of a tiny road piece
    out.insert(out.end(), p.outer.begin(), p.outer.end());
    return true;
  }
  auto h = geos();
  GeosPtr g = toGeos(p);
  GeosPtr tris(GEOSConstrainedDelaunayTriangulation_r(h, g.get()));
  if (!tris) return false;
  int n = GEOSGetNumGeometries_r(h, tris.get());
  for (int i = 0; i < n; ++i) {
    const GEOSGeometry* t = GEOSGetGeometryN_r(h, tris.get(), i);
    const GEOSCoordSequence* s = GEOSGeom_getCoordSeq_r(h, GEOSGetExteriorRing_r(h, t));
    for (unsigned k = 0; k < 3; ++k) {
      double x, y;
      GEOSCoordSeq_getXY_r(h, s, k, &x, &y);
      out.push_back({x, y});
    }
  }
  return true;
}

bool triangulate(const Geometry& g, std::vector<Vec2>& out) {
  bool ok = true;
  for (const auto& p : g.polygons) ok = triangulate(p, out) && ok;
  return ok;
}

}  // namespace safetymap::analysis
