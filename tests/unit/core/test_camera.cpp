#include <catch2/catch.hpp>

#include "core/camera.hpp"

using namespace safetymap;

static void settle(Camera& c) {
  for (int i = 0; i < 2000 && c.update(1.0 / 60); ++i) {
  }
}

TEST_CASE("screen and world coordinates are inverse, with north up", "[camera]") {
  Camera c;
  c.setViewport(800, 600);
  c.jumpTo({-49500, -148500}, 0.2);
  Vec2 w{-49000, -148000};
  Vec2 s = c.worldToScreen(w);
  Vec2 back = c.screenToWorld(s);
  CHECK(back.x == Approx(w.x));
  CHECK(back.y == Approx(w.y));
  // 500 m north of the centre is 100 px above it.
  CHECK(c.worldToScreen({-49500, -148000}).y == Approx(300 - 100));
}

TEST_CASE("wheel zoom keeps the point under the cursor still", "[camera]") {
  Camera c;
  c.setViewport(800, 600);
  c.jumpTo({0, 0}, 0.1);
  Vec2 cursor{650, 120};
  Vec2 before = c.screenToWorld(cursor);
  c.zoomAt(cursor, 1.25);
  c.zoomAt(cursor, 1.25);
  settle(c);
  Vec2 after = c.screenToWorld(cursor);
  CHECK(c.pixelsPerMetre() == Approx(0.15625));
  CHECK(after.x == Approx(before.x).margin(0.5));
  CHECK(after.y == Approx(before.y).margin(0.5));
}

TEST_CASE("fit shows the whole box and zoom is clamped", "[camera]") {
  Camera c;
  c.setViewport(1000, 500);
  Bounds b;
  b.add(Vec2{0, 0});
  b.add(Vec2{4000, 1000});
  c.fit(b, 0, false);
  Bounds v = c.visibleBounds();
  CHECK(v.minx <= 0.001);
  CHECK(v.maxx >= 3999.999);
  CHECK(v.miny <= 0.001);
  c.zoomAt({500, 250}, 1e9);
  settle(c);
  CHECK(c.pixelsPerMetre() == Approx(Camera::kMaxPpm));
}

TEST_CASE("panning moves the map with the hand", "[camera]") {
  Camera c;
  c.setViewport(800, 600);
  c.jumpTo({0, 0}, 1.0);
  Vec2 w = c.screenToWorld({100, 100});
  c.panPixels(50, -20);
  Vec2 s = c.worldToScreen(w);
  CHECK(s.x == Approx(150));
  CHECK(s.y == Approx(80));
}
