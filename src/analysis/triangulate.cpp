#include "analysis/triangulate.hpp"

#include <cmath>
#include <numbers>

#include "analysis/geos_context.hpp"

namespace safetymap::analysis {

namespace {
// A convex ring without holes is a fan from its first vertex. Convex: every turn the same way and, together, one
// full turn (a pentagram turns the same way throughout but twice round). A spike (a turn back) or a repeated
// vertex is not convex here: GEOS takes it.
bool fan(const Ring& r, std::vector<Vec2>& out) {
  const size_t n = r.size() >= 2 && r.front() == r.back() ? r.size() - 1 : r.size();
  if (n < 3) return false;
  double turning = 0;
  int sign = 0;
  for (size_t i = 0; i < n; ++i) {
    const Vec2 &p = r[i], &q = r[(i + 1) % n], &s = r[(i + 2) % n];
    const double ax = q.x - p.x, ay = q.y - p.y, bx = s.x - q.x, by = s.y - q.y;
    const double cross = ax * by - ay * bx, dot = ax * bx + ay * by;
    if (cross == 0 && dot <= 0) return false;  // a spike or a repeated vertex
    if (cross != 0) {
      if (sign != 0 && (cross > 0 ? 1 : -1) != sign) return false;
      sign = cross > 0 ? 1 : -1;
    }
    turning += std::atan2(cross, dot);
  }
  if (sign == 0 || !(std::abs(std::abs(turning) - 2 * std::numbers::pi) <= 1e-6)) return false;  // NaN: not fanned
  for (size_t i = 1; i + 1 < n; ++i) out.insert(out.end(), {r[0], r[i], r[i + 1]});
  return true;
}
}  // namespace

bool triangulate(const Polygon& p, std::vector<Vec2>& out) {
  if (p.outer.size() < 3) return false;
  if (p.holes.empty() && fan(p.outer, out)) return true;  // most road pieces and footprints: no GEOS
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
