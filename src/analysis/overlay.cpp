#include "analysis/overlay.hpp"

#include "analysis/geos_context.hpp"

namespace safetymap::analysis {

namespace {
Geometry polygonal(const GEOSGeometry* g) {
  Geometry out = fromGeos(g);
  out.points.clear();
  out.lines.clear();
  out.type = out.polygons.empty() ? GeometryType::None : GeometryType::Polygon;
  return out;
}
}  // namespace

std::vector<Geometry> voronoiCells(const std::vector<Vec2>& points, const Geometry& clip) {
  auto h = geos();
  std::vector<Geometry> cells(points.size());
  if (points.empty()) return cells;
  Geometry mp;
  mp.type = GeometryType::Point;
  mp.points = points;
  GeosPtr sites = toGeos(mp);
  GeosPtr clipG = toGeos(clip);
  Bounds b = clip.bounds();
  for (auto p : points) b.add(p);
  double m = std::max(b.width(), b.height());
  GeosPtr env(GEOSGeom_createRectangle_r(h, b.minx - m, b.miny - m, b.maxx + m, b.maxy + m));
  GeosPtr diagram(GEOSVoronoiDiagram_r(h, sites.get(), env.get(), 0, 0));
  if (!diagram) return cells;
  int n = GEOSGetNumGeometries_r(h, diagram.get());
  for (int i = 0; i < n; ++i) {
    const GEOSGeometry* cell = GEOSGetGeometryN_r(h, diagram.get(), i);
    // Match each cell to the site inside it (GEOS does not keep the input order).
    for (size_t k = 0; k < points.size(); ++k) {
      GeosPtr pt = toGeosPoint(points[k]);
      if (GEOSContains_r(h, cell, pt.get()) == 1) {
        GeosPtr clipped(GEOSIntersection_r(h, cell, clipG.get()));
        cells[k] = polygonal(clipped.get());
        break;
      }
    }
  }
  return cells;
}

Geometry unionAll(const std::vector<const Geometry*>& parts) {
  auto h = geos();
  std::vector<GEOSGeometry*> gs;
  for (auto* g : parts)
    if (g && !g->polygons.empty()) gs.push_back(toGeos(*g).release());
  if (gs.empty()) return {};
  GeosPtr coll(GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, gs.data(), static_cast<unsigned>(gs.size())));
  GeosPtr u(GEOSUnaryUnion_r(h, coll.get()));
  return polygonal(u.get());
}

Geometry intersection(const Geometry& a, const Geometry& b) {
  GeosPtr ga = toGeos(a), gb = toGeos(b);
  GeosPtr r(GEOSIntersection_r(geos(), ga.get(), gb.get()));
  return polygonal(r.get());
}

}  // namespace safetymap::analysis
