#include "core/geometry.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace safetymap {

void Bounds::add(Vec2 p) {
  minx = std::min(minx, p.x);
  miny = std::min(miny, p.y);
  maxx = std::max(maxx, p.x);
  maxy = std::max(maxy, p.y);
}

void Bounds::add(const Bounds& b) {
  if (b.empty()) return;
  add(Vec2{b.minx, b.miny});
  add(Vec2{b.maxx, b.maxy});
}

bool Bounds::intersects(const Bounds& b) const {
  return !(b.minx > maxx || b.maxx < minx || b.miny > maxy || b.maxy < miny);
}

Bounds Geometry::bounds() const {
  Bounds b;
  for (auto p : points) b.add(p);
  for (const auto& l : lines)
    for (auto p : l) b.add(p);
  for (const auto& poly : polygons)
    for (auto p : poly.outer) b.add(p);
  return b;
}

Vec2 Geometry::anchor() const {
  if (!points.empty()) return points.front();
  if (!polygons.empty()) {
    // Label the largest part: a district's main body, not a pier.
    const Polygon* best = &polygons.front();
    double bestArea = -1;
    for (const auto& p : polygons) {
      double a = area(p);
      if (a > bestArea) bestArea = a, best = &p;
    }
    return interiorPoint(*best);
  }
  if (!lines.empty() && !lines.front().empty()) return lines.front()[lines.front().size() / 2];
  return {};
}

double signedArea(const Ring& r) {
  double s = 0;
  for (size_t i = 0, n = r.size(); i < n; ++i) {
    const Vec2& a = r[i];
    const Vec2& b = r[(i + 1) % n];
    s += a.x * b.y - b.x * a.y;
  }
  return s / 2;
}

double area(const Polygon& p) {
  double a = std::abs(signedArea(p.outer));
  for (const auto& h : p.holes) a -= std::abs(signedArea(h));
  return a;
}

double area(const Geometry& g) {
  double a = 0;
  for (const auto& p : g.polygons) a += area(p);
  return a;
}

bool contains(const Ring& r, Vec2 p) {
  bool inside = false;
  for (size_t i = 0, j = r.size() - 1, n = r.size(); i < n; j = i++) {
    const Vec2& a = r[i];
    const Vec2& b = r[j];
    if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

bool contains(const Polygon& poly, Vec2 p) {
  if (poly.outer.size() < 3 || !contains(poly.outer, p)) return false;
  return std::none_of(poly.holes.begin(), poly.holes.end(), [&](const Ring& h) { return contains(h, p); });
}

bool contains(const Geometry& g, Vec2 p) {
  return std::any_of(g.polygons.begin(), g.polygons.end(), [&](const Polygon& poly) { return contains(poly, p); });
}

double distance(Vec2 a, Vec2 b) {
  return std::hypot(a.x - b.x, a.y - b.y);
}

double distanceToSegment(Vec2 p, Vec2 a, Vec2 b) {
  double dx = b.x - a.x, dy = b.y - a.y;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0.0;
  return distance(p, {a.x + t * dx, a.y + t * dy});
}

static double distanceToEdges(const Polygon& poly, Vec2 p) {
  double d = std::numeric_limits<double>::infinity();
  auto ringDist = [&](const Ring& r) {
    for (size_t i = 0, n = r.size(); i < n; ++i) d = std::min(d, distanceToSegment(p, r[i], r[(i + 1) % n]));
  };
  ringDist(poly.outer);
  for (const auto& h : poly.holes) ringDist(h);
  return d;
}

namespace {
// The area centroid of a convex ring (every turn the same way), else nullopt. Most building footprints and
// blocks are convex, and for them the centroid is as good a label anchor as the searched one below, at a
// thousandth of the cost (100,000 footprints: milliseconds, not seconds).
std::optional<Vec2> convexCentroid(const Ring& r) {
  const size_t n = r.size() >= 2 && r.front() == r.back() ? r.size() - 1 : r.size();
  if (n < 3) return std::nullopt;
  int turn = 0;
  double a2 = 0, cx = 0, cy = 0;
  for (size_t i = 0; i < n; ++i) {
    const Vec2 &p = r[i], &q = r[(i + 1) % n], &s = r[(i + 2) % n];
    const double cross = (q.x - p.x) * (s.y - q.y) - (q.y - p.y) * (s.x - q.x);
    if (cross != 0) {
      const int sign = cross > 0 ? 1 : -1;
      if (turn != 0 && sign != turn) return std::nullopt;
      turn = sign;
    }
    // About the first vertex: plane coordinates are 10^5 m, their products would drown a footprint's area.
    const double px = p.x - r[0].x, py = p.y - r[0].y, qx = q.x - r[0].x, qy = q.y - r[0].y;
    const double w = px * qy - qx * py;
    a2 += w, cx += (px + qx) * w, cy += (py + qy) * w;
  }
  if (turn == 0 || a2 == 0) return std::nullopt;
  return Vec2{r[0].x + cx / (3 * a2), r[0].y + cy / (3 * a2)};
}
}  // namespace

Vec2 interiorPoint(const Polygon& poly) {
  if (poly.holes.empty())
    if (auto c = convexCentroid(poly.outer); c && contains(poly, *c)) return *c;  // a star winds twice: not inside
  // Each sample costs a pass over the rings: a ring of many vertices is searched through every k-th vertex
  // (an anchor for a label needs no more), so the cost stays linear in the vertices.
  constexpr size_t kSearchVertices = 4096;
  size_t n = poly.outer.size();
  for (const auto& h : poly.holes) n += h.size();
  if (n > kSearchVertices) {
    const size_t step = (n + kSearchVertices - 1) / kSearchVertices;
    auto thin = [&](const Ring& r) {
      Ring out;
      for (size_t i = 0; i < r.size(); i += step) out.push_back(r[i]);
      return out;
    };
    Polygon coarse{thin(poly.outer), {}};
    for (const auto& h : poly.holes)
      if (Ring t = thin(h); t.size() >= 3) coarse.holes.push_back(std::move(t));
    if (coarse.outer.size() >= 3) {
      Vec2 p = interiorPoint(coarse);
      if (contains(poly, p)) return p;
    }
  }
  Bounds b;
  for (auto p : poly.outer) b.add(p);
  if (b.empty()) return {};
  // Coarse grid, then refine around the best cell: good enough for label anchors.
  Vec2 best = b.center();
  double bestD = contains(poly, best) ? distanceToEdges(poly, best) : -1;
  double cw = b.width() / 24, ch = b.height() / 24;
  Vec2 lo{b.minx, b.miny};
  for (int pass = 0; pass < 3; ++pass) {
    Vec2 centre = best;
    for (int i = 0; i <= 24; ++i)
      for (int j = 0; j <= 24; ++j) {
        Vec2 p =
            pass == 0 ? Vec2{lo.x + i * cw, lo.y + j * ch} : Vec2{centre.x + (i - 12) * cw, centre.y + (j - 12) * ch};
        if (!contains(poly, p)) continue;
        double d = distanceToEdges(poly, p);
        if (d > bestD) bestD = d, best = p;
      }
    cw /= 8, ch /= 8;
  }
  return best;
}

}  // namespace safetymap
