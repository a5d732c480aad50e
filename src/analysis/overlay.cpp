#include "analysis/overlay.hpp"

#include <algorithm>
#include <cmath>

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

std::vector<std::uint8_t> insideMask(const Geometry& g, const Bounds& extent, double cell, int cols, int rows) {
  std::vector<std::uint8_t> mask(static_cast<size_t>(cols) * static_cast<size_t>(rows), 0);
  std::vector<std::pair<Vec2, Vec2>> edges;
  auto addRing = [&](const Ring& r) {
    for (size_t i = 0; i + 1 < r.size(); ++i) edges.push_back({r[i], r[i + 1]});
    if (r.size() > 2 && !(r.front().x == r.back().x && r.front().y == r.back().y))
      edges.push_back({r.back(), r.front()});
  };
  for (const auto& p : g.polygons) {
    addRing(p.outer);
    for (const auto& h : p.holes) addRing(h);
  }
  std::vector<double> xs;
  for (int y = 0; y < rows; ++y) {
    const double cy = extent.maxy - (y + 0.5) * cell;
    xs.clear();
    for (const auto& [a, b] : edges)
      if ((a.y <= cy) != (b.y <= cy)) xs.push_back(a.x + (cy - a.y) / (b.y - a.y) * (b.x - a.x));
    std::sort(xs.begin(), xs.end());
    for (size_t k = 0; k + 1 < xs.size(); k += 2) {
      int x0 = std::max(0, static_cast<int>(std::ceil((xs[k] - extent.minx) / cell - 0.5)));
      int x1 = std::min(cols - 1, static_cast<int>(std::floor((xs[k + 1] - extent.minx) / cell - 0.5)));
      for (int x = x0; x <= x1; ++x)
        mask[static_cast<size_t>(y) * static_cast<size_t>(cols) + static_cast<size_t>(x)] = 1;
    }
  }
  return mask;
}

}  // namespace safetymap::analysis
