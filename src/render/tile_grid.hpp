#pragma once
// The grid of the map's tiles (see MapTiles): square images of kTilePixels a side at zoom levels √2 apart, aligned on
// the render origin. Pure math without OpenGL, so it can be tested.
#include <algorithm>
#include <cmath>
#include <compare>

#include "render/layer_mesh.hpp"

namespace safetymap::render {

inline constexpr int kTilePixels = 512;

struct TileId {
  int level = 0, x = 0, y = 0;
  auto operator<=>(const TileId&) const = default;
};

// Pixels per metre of a level: 2^(level/2).
inline double levelPpm(int level) {
  return std::exp2(level / 2.0);
}
// The level at or just above `ppm`: its tiles are never magnified on screen, and shrunk by at most √2.
inline int tileLevel(double ppm) {
  return static_cast<int>(std::ceil(2.0 * std::log2(ppm) - 1e-9));
}
inline double tileMetres(int level) {
  return kTilePixels / levelPpm(level);
}
// A tile's world bounds (working CRS metres).
inline Bounds tileBounds(TileId t) {
  const double s = tileMetres(t.level);
  return {kRenderOrigin.x + t.x * s, kRenderOrigin.y + t.y * s, kRenderOrigin.x + (t.x + 1) * s,
          kRenderOrigin.y + (t.y + 1) * s};
}
// The tiles of a level that `b` touches with some area (inclusive ranges; x1 < x0 when none).
struct TileRange {
  int x0 = 0, y0 = 0, x1 = -1, y1 = -1;
  int count() const { return x1 < x0 || y1 < y0 ? 0 : (x1 - x0 + 1) * (y1 - y0 + 1); }
};
inline TileRange tilesCovering(const Bounds& b, int level) {
  if (b.empty() || b.width() <= 0 || b.height() <= 0) return {};
  const double s = tileMetres(level);
  auto lo = [&](double v, double o) { return static_cast<int>(std::floor((v - o) / s)); };
  auto hi = [&](double v, double o) { return static_cast<int>(std::ceil((v - o) / s)) - 1; };
  return {lo(b.minx, kRenderOrigin.x), lo(b.miny, kRenderOrigin.y), hi(b.maxx, kRenderOrigin.x),
          hi(b.maxy, kRenderOrigin.y)};
}

}  // namespace safetymap::render
