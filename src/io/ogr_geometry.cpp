#include "io/ogr_geometry.hpp"

#include <ogr_geometry.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <span>
#include <vector>

namespace safetymap::io {

// Appends OGR geometry parts to a core geometry (curves are linearised, collections flattened).
void appendGeometry(const OGRGeometry* g, Geometry& out) {
  if (!g || g->IsEmpty()) return;
  switch (wkbFlatten(g->getGeometryType())) {
    case wkbPoint: {
      auto* p = g->toPoint();
      out.points.push_back({p->getX(), p->getY()});
      if (out.type == GeometryType::None) out.type = GeometryType::Point;
      break;
    }
    case wkbLineString: {
      auto* l = g->toLineString();
      std::vector<Vec2> pts;
      pts.reserve(static_cast<std::size_t>(l->getNumPoints()));  // exactly: a layer may hold 100k of these
      for (int i = 0; i < l->getNumPoints(); ++i) pts.push_back({l->getX(i), l->getY(i)});
      out.lines.push_back(std::move(pts));
      if (out.type != GeometryType::Polygon) out.type = GeometryType::Line;
      break;
    }
    case wkbPolygon: {
      auto* poly = g->toPolygon();
      auto ring = [](const OGRLinearRing* r) {
        // Closed implicitly: the repeated last point is left out. Exactly as many as it holds (grown point by
        // point, a footprint's four corners would take room for eight).
        int n = r->getNumPoints();
        if (n > 1 && r->getX(0) == r->getX(n - 1) && r->getY(0) == r->getY(n - 1)) --n;
        Ring pts;
        pts.reserve(static_cast<std::size_t>(std::max(n, 0)));
        for (int i = 0; i < n; ++i) pts.push_back({r->getX(i), r->getY(i)});
        return pts;
      };
      Polygon p;
      if (poly->getExteriorRing()) p.outer = ring(poly->getExteriorRing());
      for (int i = 0; i < poly->getNumInteriorRings(); ++i) p.holes.push_back(ring(poly->getInteriorRing(i)));
      out.polygons.push_back(std::move(p));
      out.type = GeometryType::Polygon;
      break;
    }
    case wkbMultiPoint:
    case wkbMultiLineString:
    case wkbMultiPolygon:
    case wkbGeometryCollection: {
      auto* c = g->toGeometryCollection();
      for (int i = 0; i < c->getNumGeometries(); ++i) appendGeometry(c->getGeometryRef(i), out);
      break;
    }
    default: {
      std::unique_ptr<OGRGeometry> lin(g->getLinearGeometry());
      if (lin && wkbFlatten(lin->getGeometryType()) != wkbFlatten(g->getGeometryType())) appendGeometry(lin.get(), out);
    }
  }
}

size_t vertexCount(const OGRGeometry* g) {
  switch (wkbFlatten(g->getGeometryType())) {
    case wkbPoint: return 1;
    case wkbLineString:
    case wkbLinearRing:
    case wkbCircularString: return static_cast<size_t>(g->toSimpleCurve()->getNumPoints());
    case wkbPolygon: {
      size_t n = 0;
      for (const auto* r : *g->toPolygon()) n += static_cast<size_t>(r->getNumPoints());
      return n;
    }
    case wkbMultiPoint:
    case wkbMultiLineString:
    case wkbMultiPolygon:
    case wkbGeometryCollection: {
      size_t n = 0;
      for (const auto* p : *g->toGeometryCollection()) n += vertexCount(p);
      return n;
    }
    default: return 0;
  }
}

size_t coreVertices(const Geometry& g) {
  size_t n = g.points.size();
  for (const auto& l : g.lines) n += l.size();
  for (const auto& p : g.polygons) {
    n += p.outer.size();
    for (const auto& h : p.holes) n += h.size();
  }
  return n;
}

bool transformAll(Geometry& g, const Transformer& t) {
  auto run = [&](std::span<Vec2> pts) {
    t.forward(pts);
    for (auto& p : pts)
      if (!std::isfinite(p.x) || !std::isfinite(p.y) || std::abs(p.x) > 1e7 || std::abs(p.y) > 1e7) return false;
    return true;
  };
  bool ok = run(g.points);
  for (auto& l : g.lines) ok = run(l) && ok;
  for (auto& p : g.polygons) {
    ok = run(p.outer) && ok;
    for (auto& h : p.holes) ok = run(h) && ok;
  }
  return ok;
}

std::string toWkt(const Geometry& g) {
  std::unique_ptr<OGRGeometry> out;
  auto ring = [](const Ring& r) {
    auto lr = std::make_unique<OGRLinearRing>();
    for (auto p : r) lr->addPoint(p.x, p.y);
    lr->closeRings();
    return lr;
  };
  if (!g.polygons.empty()) {
    auto mp = std::make_unique<OGRMultiPolygon>();
    for (const auto& poly : g.polygons) {
      auto op = std::make_unique<OGRPolygon>();
      op->addRingDirectly(ring(poly.outer).release());
      for (const auto& h : poly.holes) op->addRingDirectly(ring(h).release());
      mp->addGeometryDirectly(op.release());
    }
    out = std::move(mp);
  } else if (!g.lines.empty()) {
    auto ml = std::make_unique<OGRMultiLineString>();
    for (const auto& l : g.lines) {
      auto ls = std::make_unique<OGRLineString>();
      for (auto p : l) ls->addPoint(p.x, p.y);
      ml->addGeometryDirectly(ls.release());
    }
    out = std::move(ml);
  } else if (g.points.size() == 1) {
    out = std::make_unique<OGRPoint>(g.points.front().x, g.points.front().y);
  } else if (!g.points.empty()) {
    auto mp = std::make_unique<OGRMultiPoint>();
    for (auto p : g.points) mp->addGeometryDirectly(new OGRPoint(p.x, p.y));
    out = std::move(mp);
  } else {
    return {};
  }
  return out->exportToWkt();
}

}  // namespace safetymap::io
