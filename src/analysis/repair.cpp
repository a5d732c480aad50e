#include "analysis/repair.hpp"

#include "analysis/geos_context.hpp"

namespace safetymap::analysis {

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
  if (GEOSisValid_r(h, gg.get()) == 1) return r;
  r.wasValid = false;
  if (char* why = GEOSisValidReason_r(h, gg.get())) {
    r.reason = why;
    GEOSFree_r(h, why);
  }
  GeosPtr fixed(GEOSMakeValid_r(h, gg.get()));
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
