// The map tiles' grid: which level serves a zoom, and which tiles cover an area (render/tile_grid.hpp).
#include <catch2/catch.hpp>

#include "render/tile_grid.hpp"

using namespace safetymap;
using namespace safetymap::render;

TEST_CASE("a zoom is served by the level at or just above it, never magnified", "[tiles]") {
  for (double ppm : {0.005, 0.03, 0.35, 0.5, 1.0, 1.41, 1.4142135623730951, 2.0, 7.3, 50.0}) {
    const int level = tileLevel(ppm);
    INFO("ppm " << ppm << " level " << level);
    CHECK(levelPpm(level) >= ppm * (1 - 1e-9));                  // never magnified
    CHECK(levelPpm(level) < ppm * std::sqrt(2.0) * (1 + 1e-9));  // shrunk by less than √2
  }
  CHECK(tileLevel(1.0) == 0);
  CHECK(tileLevel(2.0) == 2);  // an exact level is its own, not the next
  CHECK(tileLevel(levelPpm(-7)) == -7);
  CHECK(tileMetres(0) == Approx(kTilePixels));
}

TEST_CASE("the tiles covering an area are the ones it touches with some area", "[tiles]") {
  const double s = tileMetres(0);
  const Bounds a{kRenderOrigin.x + 0.5 * s, kRenderOrigin.y - 0.25 * s, kRenderOrigin.x + 2.0 * s,
                 kRenderOrigin.y + 0.1 * s};
  const TileRange r = tilesCovering(a, 0);
  CHECK(r.x0 == 0);
  CHECK(r.x1 == 1);  // ends exactly on the edge of tile 2: not in it
  CHECK(r.y0 == -1);
  CHECK(r.y1 == 0);
  CHECK(r.count() == 4);
  // Each tile of the range overlaps the area, and together they hold it.
  Bounds all;
  for (int y = r.y0; y <= r.y1; ++y)
    for (int x = r.x0; x <= r.x1; ++x) {
      const Bounds t = tileBounds({0, x, y});
      const Bounds i = t.overlap(a);
      CHECK(i.width() > 0);
      CHECK(i.height() > 0);
      all.add(t);
    }
  CHECK(all.minx <= a.minx);
  CHECK(all.maxx >= a.maxx);
  CHECK(all.miny <= a.miny);
  CHECK(all.maxy >= a.maxy);
  CHECK(tilesCovering(Bounds{}, 0).count() == 0);
  // Neighbouring tiles share their edges exactly: no gap or overlap between them on screen.
  CHECK(tileBounds({3, 4, -2}).maxx == tileBounds({3, 5, -2}).minx);
  CHECK(tileBounds({3, 4, -2}).maxy == tileBounds({3, 4, -1}).miny);
}
