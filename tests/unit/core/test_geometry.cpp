#include <catch2/catch.hpp>

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
