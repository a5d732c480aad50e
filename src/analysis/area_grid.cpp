#include "analysis/area_grid.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

namespace safetymap::analysis {

namespace {

template <typename F>
void forEachEdge(const Polygon& poly, F&& f) {
  auto ring = [&](const Ring& r) {
    for (std::size_t i = 0, n = r.size(); i < n; ++i) f(r[i], r[(i + 1) % n]);
  };
  ring(poly.outer);
  for (const Ring& h : poly.holes) ring(h);
}

}  // namespace

AreaGrid::AreaGrid(const std::vector<const Geometry*>& areas, double cell, std::size_t maxCells) {
  Bounds all;
  for (const Geometry* g : areas)
    if (g)
      for (const Polygon& p : g->polygons)
        for (Vec2 v : p.outer) all.add(v);
  if (all.empty() || areas.size() > static_cast<std::size_t>(kMaxAreas)) return;  // lookup says kNone; callers ask
  cell = std::max(cell, std::sqrt(all.width() * all.height() / static_cast<double>(maxCells)) * 1.01);
  cell_ = cell, inv_ = 1 / cell;
  minx_ = all.minx - 2 * cell, miny_ = all.miny - 2 * cell;  // a margin of cells that only boundaries can mark
  width_ = static_cast<int>(std::ceil(all.width() / cell)) + 4;
  height_ = static_cast<int>(std::ceil(all.height() / cell)) + 4;
  const auto w = static_cast<std::size_t>(width_);
  cells_.assign(w * static_cast<std::size_t>(height_), kNoneCell);

  // Fill: each polygon by even-odd crossings of its rings at each row's centre line, spans written whole; areas
  // from the last to the first, so that where two overlap the lower index is written last and wins. Cells near
  // a boundary may come out either way; they are marked below.
  std::vector<std::pair<int, double>> crossings;
  for (std::size_t a = areas.size(); a-- > 0;) {
    if (!areas[a]) continue;
    for (const Polygon& poly : areas[a]->polygons) {
      crossings.clear();
      forEachEdge(poly, [&](Vec2 p, Vec2 q) {
        if (p.y == q.y) return;
        const double lo = (std::min(p.y, q.y) - miny_) * inv_ - 0.5, hi = (std::max(p.y, q.y) - miny_) * inv_ - 0.5;
        for (int r = std::max(0, static_cast<int>(std::floor(lo))); r <= std::min(height_ - 1, static_cast<int>(hi));
             ++r) {
          const double yc = miny_ + (r + 0.5) * cell;
          if ((p.y > yc) == (q.y > yc)) continue;  // half-open, so a vertex on the line counts once
          crossings.emplace_back(r, p.x + (yc - p.y) * (q.x - p.x) / (q.y - p.y));
        }
      });
      std::sort(crossings.begin(), crossings.end());
      // Spans of one polygon never overlap (even-odd), so each is one memset.
      for (std::size_t k = 0; k + 1 < crossings.size(); k += 2) {
        const auto [r, x0] = crossings[k];
        const double x1 = crossings[k + 1].second;  // same row: each row crosses a closed ring an even number of times
        const int c0 = std::max(0, static_cast<int>(std::ceil((x0 - minx_) * inv_ - 0.5)));
        const int c1 = std::min(width_, static_cast<int>(std::ceil((x1 - minx_) * inv_ - 0.5)));
        if (c1 > c0)
          std::memset(cells_.data() + static_cast<std::size_t>(r) * w + static_cast<std::size_t>(c0),
                      static_cast<int>(a), static_cast<std::size_t>(c1 - c0));
      }
    }
  }

  // Ask: every cell a boundary segment comes within eps of (its closed square widened by eps), so a cell not
  // marked holds no boundary point and its centre's answer holds for all of it.
  const double eps = cell * 0.01;
  for (const Geometry* g : areas) {
    if (!g) continue;
    for (const Polygon& poly : g->polygons)
      forEachEdge(poly, [&](Vec2 p, Vec2 q) {
        const double ylo = std::min(p.y, q.y) - eps, yhi = std::max(p.y, q.y) + eps;
        const int r0 = std::max(0, static_cast<int>(std::floor((ylo - miny_) * inv_)));
        const int r1 = std::min(height_ - 1, static_cast<int>(std::floor((yhi - miny_) * inv_)));
        for (int r = r0; r <= r1; ++r) {
          double xlo = std::min(p.x, q.x), xhi = std::max(p.x, q.x);
          if (p.y != q.y) {  // the segment's x over the band's rows (widened by eps)
            const double y0 = std::max(ylo, miny_ + r * cell - eps), y1 = std::min(yhi, miny_ + (r + 1) * cell + eps);
            const double t = (q.x - p.x) / (q.y - p.y);
            const double xa = p.x + (std::clamp(y0, std::min(p.y, q.y), std::max(p.y, q.y)) - p.y) * t;
            const double xb = p.x + (std::clamp(y1, std::min(p.y, q.y), std::max(p.y, q.y)) - p.y) * t;
            xlo = std::max(xlo, std::min(xa, xb)), xhi = std::min(xhi, std::max(xa, xb));
          }
          const int c0 = std::max(0, static_cast<int>(std::floor((xlo - eps - minx_) * inv_)));
          const int c1 = std::min(width_ - 1, static_cast<int>(std::floor((xhi + eps - minx_) * inv_)));
          std::uint8_t* row = cells_.data() + static_cast<std::size_t>(r) * w;
          for (int c = c0; c <= c1; ++c) askCells_ += row[c] != kAskCell, row[c] = kAskCell;
        }
      });
  }
}

}  // namespace safetymap::analysis
