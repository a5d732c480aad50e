#include <catch2/catch.hpp>
#include <cmath>

#include "core/geometry.hpp"

using namespace safetymap;

TEST_CASE("areas subtract holes and do not depend on winding", "[geometry]") {
  Polygon p;
  p.outer = {{0, 0}, {10, 0}, {10, 10}, {0, 10}};
  p.holes.push_back({{2, 2}, {2, 4}, {4, 4}, {4, 2}});  // clockwise
  CHECK(signedArea(p.outer) == Approx(100));
  CHECK(signedArea(p.holes[0]) == Approx(-4));
  CHECK(area(p) == Approx(96));
  std::reverse(p.outer.begin(), p.outer.end());
  CHECK(area(p) == Approx(96));
}

TEST_CASE("containment honours holes", "[geometry]") {
  Polygon p;
  p.outer = {{0, 0}, {10, 0}, {10, 10}, {0, 10}};
  p.holes.push_back({{2, 2}, {4, 2}, {4, 4}, {2, 4}});
  CHECK(contains(p, {1, 1}));
  CHECK_FALSE(contains(p, {3, 3}));
  CHECK_FALSE(contains(p, {11, 5}));
}

TEST_CASE("the interior point of a U-shaped polygon lies inside it, away from the edge", "[geometry]") {
  Polygon u;
  u.outer = {{0, 0}, {30, 0}, {30, 30}, {20, 30}, {20, 10}, {10, 10}, {10, 30}, {0, 30}};
  Vec2 c = interiorPoint(u);
  CHECK(contains(u, c));
  Geometry g;
  g.type = GeometryType::Polygon;
  g.polygons.push_back(u);
  CHECK(contains(g, g.anchor()));
}

TEST_CASE("a convex footprint is labelled at its centroid, even in plane coordinates; a star is searched",
          "[geometry]") {
  // A 12 m x 8 m building in EPSG:6674 metres (10^5 from the origin), closed or not, either winding.
  Polygon b;
  b.outer = {{-49500, -148100}, {-49488, -148100}, {-49488, -148092}, {-49500, -148092}};
  for (int variant = 0; variant < 3; ++variant) {
    INFO(variant);
    Vec2 c = interiorPoint(b);
    CHECK(c.x == Approx(-49494).margin(1e-6));
    CHECK(c.y == Approx(-148096).margin(1e-6));
    if (variant == 0) b.outer.push_back(b.outer.front());
    if (variant == 1) std::reverse(b.outer.begin(), b.outer.end());
  }
  // A pentagram turns the same way at every vertex but winds twice: its middle is outside (even-odd), so the
  // anchor comes from the search, inside one of its points.
  Polygon star;
  for (int k = 0; k < 5; ++k) {
    const double a = M_PI / 2 + k * 4 * M_PI / 5;
    star.outer.push_back({100 * std::cos(a), 100 * std::sin(a)});
  }
  CHECK_FALSE(contains(star, {0, 0}));
  CHECK(contains(star, interiorPoint(star)));
}

TEST_CASE("bounds and distances", "[geometry]") {
  Bounds b;
  CHECK(b.empty());
  b.add(Vec2{1, 2});
  b.add(Vec2{-3, 5});
  CHECK(b.width() == 4);
  CHECK(b.height() == 3);
  CHECK(b.contains({0, 3}));
  CHECK(distanceToSegment({5, 5}, {0, 0}, {10, 0}) == Approx(5));
  CHECK(distanceToSegment({-3, 4}, {0, 0}, {10, 0}) == Approx(5));
}
