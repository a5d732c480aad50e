#include <catch2/catch.hpp>

#include "analysis/triangulate.hpp"
#include "core/diagnostics.hpp"
#include "io/layer_reader.hpp"
#include "jobs/load.hpp"
#include "render/layer_mesh.hpp"
#include "test_support.hpp"

using namespace safetymap;

static double triangleArea(const std::vector<Vec2>& t) {
  double a = 0;
  for (size_t i = 0; i + 2 < t.size(); i += 3) a += std::abs(signedArea({t[i], t[i + 1], t[i + 2]}));
  return a;
}

TEST_CASE("a polygon with a hole triangulates to its own area, none inside the hole", "[triangulate]") {
  Polygon p;
  p.outer = {{0, 0}, {100, 0}, {100, 100}, {0, 100}};
  p.holes.push_back({{40, 40}, {40, 60}, {60, 60}, {60, 40}});
  std::vector<Vec2> tris;
  REQUIRE(analysis::triangulate(p, tris));
  REQUIRE(tris.size() % 3 == 0);
  CHECK(triangleArea(tris) == Approx(area(p)).epsilon(1e-9));
  for (size_t i = 0; i < tris.size(); i += 3) {
    Vec2 c{(tris[i].x + tris[i + 1].x + tris[i + 2].x) / 3, (tris[i].y + tris[i + 1].y + tris[i + 2].y) / 3};
    CHECK_FALSE((c.x > 40 && c.x < 60 && c.y > 40 && c.y < 60));
  }
}

TEST_CASE("a convex ring is a fan; a concave one, a spike and a pentagram are not", "[triangulate]") {
  // Convex, clockwise, with a collinear vertex and a closing point: a fan of n - 2 triangles, its own area.
  Polygon hexagon;
  hexagon.outer = {{0, 0}, {0, 10}, {5, 15}, {10, 10}, {10, 5}, {10, 0}, {0, 0}};
  std::vector<Vec2> tris;
  REQUIRE(analysis::triangulate(hexagon, tris));
  CHECK(tris.size() == 3 * 4);
  CHECK(triangleArea(tris) == Approx(std::abs(signedArea(hexagon.outer))));
  CHECK(tris.front() == hexagon.outer.front());  // fanned from the first vertex
  // Concave (an L): a fan from the inner corner's neighbour would cover the notch; the area says it does not.
  Polygon l;
  l.outer = {{0, 0}, {20, 0}, {20, 10}, {10, 10}, {10, 20}, {0, 20}};
  tris.clear();
  REQUIRE(analysis::triangulate(l, tris));
  CHECK(triangleArea(tris) == Approx(300));
  // A spike (out and back along one line) adds no area.
  Polygon spike;
  spike.outer = {{0, 0}, {10, 0}, {10, 10}, {10, 20}, {10, 10}, {0, 10}};
  tris.clear();
  analysis::triangulate(spike, tris);
  CHECK(triangleArea(tris) <= Approx(100));
  // A pentagram turns the same way at every vertex but twice round: its fan would overlap itself (2.78 for a unit
  // circle's star, more than the 2.38 of the pentagon around it).
  Polygon star;
  for (int i = 0; i < 5; ++i) {
    const double a = M_PI / 2 + 2 * M_PI * ((2 * i) % 5) / 5;
    star.outer.push_back({std::cos(a), std::sin(a)});
  }
  tris.clear();
  analysis::triangulate(star, tris);
  CHECK(triangleArea(tris) < 2.38);
}

TEST_CASE("a multipolygon triangulates every part", "[triangulate]") {
  Geometry g;
  g.type = GeometryType::Polygon;
  g.polygons.push_back({{{0, 0}, {10, 0}, {10, 10}, {0, 10}}, {}});
  g.polygons.push_back({{{20, 0}, {30, 0}, {25, 10}}, {}});
  std::vector<Vec2> tris;
  REQUIRE(analysis::triangulate(g, tris));
  CHECK(triangleArea(tris) == Approx(150));
}

TEST_CASE("the GeoJSON polygon with a courtyard keeps its area through GDAL, PROJ and triangulation", "[triangulate]") {
  Diagnostics d(false);
  auto layers = jobs::readLayers(test::dataFile("good/polygon-with-hole.geojson"), d);
  REQUIRE(layers.size() == 1);
  auto t = render::triangulateLayer(*layers[0]);
  REQUIRE(t->starts.size() == 2);
  const auto& g = layers[0]->features[0].geometry;
  REQUIRE(g.polygons[0].holes.size() == 1);
  CHECK(triangleArea(t->vertices) == Approx(area(g)).epsilon(1e-6));
  // 0.01° × 0.01° minus 0.004° × 0.004° at 34.65° N: 915.8 m × 1109.4 m − 366.3 m × 443.8 m.
  CHECK(area(g) == Approx(915.8 * 1109.4 - 366.3 * 443.8).epsilon(0.01));
}
