#include "analysis/repair.hpp"

#include <cmath>

#include "analysis/geos_context.hpp"

namespace safetymap::analysis {

// (A line drawn in lon/lat and projected bends by 3 cm over 2 km; a 1 m wide street is 50× wider.)
bool onOneLine(const Ring& r) {
  if (r.size() < 3) return true;
  Vec2 a = r.front(), b = a;
  double far = 0;
  for (auto p : r)
    if (double d = distance(a, p); d > far) far = d, b = p;
  if (far == 0) return true;
  const double dx = b.x - a.x, dy = b.y - a.y;
  for (auto p : r)
    if (std::abs((p.x - a.x) * dy - (p.y - a.y) * dx) / far > 1e-4 * far) return false;
  return true;
}

RepairResult checkAndRepair(const Geometry& g) {
  RepairResult r;
  r.geometry = g;
  if (g.polygons.empty()) return r;
  auto h = geos();
  GeosPtr gg = toGeos(g);
  if (!gg) {
    r.wasValid = false;
    r.reason = "GEOS could not build the geometry";
    r.geometry = {};
    return r;
  }
  // GEOS calls a ring whose points all lie on one line valid; as an area it is nothing. Such parts are
  // dropped, not "repaired" into a sliver.
  Geometry solid = g;
  solid.polygons = {};
  for (const auto& p : g.polygons)
    if (!onOneLine(p.outer)) solid.polygons.push_back(p);
  const bool flat = solid.polygons.size() < g.polygons.size();
  if (!flat && GEOSisValid_r(h, gg.get()) == 1) return r;
  r.wasValid = false;
  if (flat) {
    r.reason = "a polygon has no area: its points lie on one line";
    if (solid.polygons.empty()) {
      r.geometry = {};
      return r;
    }
    gg = toGeos(solid);
    if (gg && GEOSisValid_r(h, gg.get()) == 1) {
      r.repaired = true;
      r.geometry = std::move(solid);
      return r;
    }
  } else if (char* why = GEOSisValidReason_r(h, gg.get())) {
    r.reason = why;
    GEOSFree_r(h, why);
  }
  GeosPtr fixed(gg ? GEOSMakeValid_r(h, gg.get()) : nullptr);
  Geometry out;
  if (fixed) fromGeos(fixed.get(), out);
  out.points.clear();  // keep polygonal parts only: a collapsed sliver is not a district
  out.lines.clear();
  out.type = out.polygons.empty() ? GeometryType::None : GeometryType::Polygon;
  r.repaired = !out.polygons.empty();
  r.geometry = std::move(out);
  return r;
}

}  // namespace safetymap::analysis
