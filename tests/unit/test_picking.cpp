#include <catch2/catch.hpp>
#include <random>

#include "analysis/picking.hpp"
#include "analysis/spatial_index.hpp"

using namespace safetymap;

namespace {
Layer pointsLayer(int n) {
  Layer l;
  l.fields = {{"name"}};
  for (int i = 0; i < n; ++i) {
    Feature f;
    f.geometry.type = GeometryType::Point;
    f.geometry.points = {{double(i % 100) * 10, double(i / 100) * 10}};
    f.values = {"p" + std::to_string(i)};
    l.features.push_back(f);
  }
  return l;
}
}  // namespace

TEST_CASE("pick finds the nearest point within tolerance, through the index", "[picking]") {
  Layer l = pointsLayer(10000);
  analysis::PickIndex idx;
  idx.build(l);
  auto all = [](const Feature&) { return true; };
  auto hit = idx.pick(l, {501, 302}, 3, all);
  REQUIRE(hit);
  CHECK(*l.value(l.features[size_t(*hit)], "name") == "p3050");
  CHECK_FALSE(idx.pick(l, {505, 305}, 3, all));  // between points, beyond tolerance
  // A filter that rejects the nearest: nothing else within 3 m.
  CHECK_FALSE(idx.pick(l, {501, 302}, 3, [](const Feature& f) { return f.values[0] != "p3050"; }));
}

TEST_CASE("an area is picked by containment, a rectangle selects what it covers", "[picking]") {
  Layer l;
  Feature sq;
  sq.geometry.type = GeometryType::Polygon;
  sq.geometry.polygons.push_back({{{0, 0}, {100, 0}, {100, 100}, {0, 100}}, {}});
  l.features.push_back(sq);
  analysis::PickIndex idx;
  idx.build(l);
  CHECK(idx.pick(l, {50, 50}, 0.1, [](const Feature&) { return true; }) == 0);
  CHECK_FALSE(idx.pick(l, {150, 50}, 0.1, [](const Feature&) { return true; }));

  Layer pts = pointsLayer(1000);
  analysis::PickIndex pidx;
  pidx.build(pts);
  Bounds r;
  r.add(Vec2{-1, -1});
  r.add(Vec2{25, 15});  // x in 0,10,20 and y in 0,10: six points
  CHECK(pidx.inRect(pts, r).size() == 6);
}

TEST_CASE("the spatial index finds exactly the boxes a brute-force scan finds, each once", "[picking]") {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> pos(-1000, 1000), size(0, 40), big(0, 900);
  std::vector<Bounds> boxes;
  analysis::SpatialIndex index;
  for (int i = 0; i < 5000; ++i) {
    const double x = pos(rng), y = pos(rng), w = i % 50 ? size(rng) : big(rng), h = i % 3 ? size(rng) : 0;
    boxes.push_back({x, y, x + w, y + h});  // points (w = h = 0 sometimes), small squares, a few big ones
    index.insert(boxes.back(), i);
  }
  for (int q = 0; q < 300; ++q) {
    const double x = pos(rng), y = pos(rng), w = q % 10 ? size(rng) : big(rng) * 2;
    const Bounds b{x, y, x + w, y + w};
    std::vector<int> expected;
    for (int i = 0; i < static_cast<int>(boxes.size()); ++i)
      if (boxes[static_cast<size_t>(i)].intersects(b)) expected.push_back(i);
    CHECK(index.query(b) == expected);
  }
  CHECK(index.query(Bounds{5000, 5000, 5001, 5001}).empty());
}
