// The district join through the grid gives GEOS's answer on every point: on the boundaries, next to them by
// a hair, across the ward at random, on vertices, on shared borders, in holes and where areas overlap.
#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "analysis/area_grid.hpp"
#include "analysis/district_join.hpp"
#include "jobs/load.hpp"
#include "test_support.hpp"

using namespace safetymap;

namespace {

Layer pointLayer(const std::vector<Vec2>& points) {
  Layer l;
  l.id = "points";
  for (std::size_t i = 0; i < points.size(); ++i) {
    Feature f;
    f.fid = static_cast<std::int64_t>(i);
    f.geometry.type = GeometryType::Point;
    f.geometry.points.push_back(points[i]);
    l.features.push_back(std::move(f));
  }
  return l;
}

// Points on each edge of each ring (vertices, midpoints, fractions) and pushed off it both ways by distances
// from a nanometre to two metres; then random points over the bounds. At least kGridFeatures of them.
std::vector<Vec2> boundaryPoints(const Layer& areas) {
  std::vector<Vec2> out;
  std::mt19937_64 rng(17);
  std::uniform_real_distribution<double> unit(0, 1);
  const double offsets[] = {0, 1e-9, -1e-9, 1e-6, -1e-6, 1e-3, -1e-3, 0.01, -0.01, 0.5, -0.5, 1.0, -1.0, 2.0, -2.0};
  Bounds all;
  for (const auto& f : areas.features)
    for (const auto& poly : f.geometry.polygons) {
      std::vector<const Ring*> rings{&poly.outer};
      for (const auto& h : poly.holes) rings.push_back(&h);
      for (const Ring* r : rings)
        for (std::size_t i = 0; i < r->size(); ++i) {
          const Vec2 a = (*r)[i], b = (*r)[(i + 1) % r->size()];
          all.add(a);
          const double len = distance(a, b);
          if (len == 0) continue;
          const Vec2 normal{-(b.y - a.y) / len, (b.x - a.x) / len};
          for (double t : {0.0, 0.5, unit(rng)}) {
            const Vec2 on{a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
            for (double o : offsets) out.push_back({on.x + normal.x * o, on.y + normal.y * o});
          }
        }
    }
  std::uniform_real_distribution<double> ux(all.minx - 50, all.maxx + 50), uy(all.miny - 50, all.maxy + 50);
  while (out.size() < 2 * analysis::DistrictLocator::kGridFeatures) out.push_back({ux(rng), uy(rng)});
  return out;
}

// Tags through the grid (a big layer) and compares every point with the exact test one by one.
int mismatches(const Layer& areas, const std::vector<Vec2>& points) {
  analysis::DistrictLocator locator(areas);
  Layer l = pointLayer(points);
  REQUIRE(l.features.size() >= analysis::DistrictLocator::kGridFeatures);
  locator.tag(l);
  int wrong = 0;
  for (const auto& f : l.features) {
    const int exact = locator.locate(f.geometry.points[0]);
    if (f.district != exact) {
      if (wrong < 5)
        WARN("(" << f.geometry.points[0].x << ", " << f.geometry.points[0].y << "): grid " << f.district << ", GEOS "
                 << exact);
      ++wrong;
    }
  }
  return wrong;
}

Feature square(double x0, double y0, double x1, double y1, std::vector<Ring> holes = {}) {
  Feature f;
  f.geometry.type = GeometryType::Polygon;
  f.geometry.polygons.push_back({{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}, std::move(holes)});
  return f;
}

}  // namespace

TEST_CASE("the grid join agrees with GEOS on every point near the real districts' boundaries", "[join]") {
  Diagnostics d(false);
  auto layers = jobs::readLayers(test::sourceFile("geodata/derived/districts.geojson"), d);
  REQUIRE(layers.size() == 1);
  const Layer& districts = *layers[0];
  REQUIRE(districts.features.size() == 11);
  const auto points = boundaryPoints(districts);
  INFO(points.size() << " points");
  CHECK(mismatches(districts, points) == 0);
  // Shared borders: a point exactly on one belongs to the lower-numbered district in both paths (checked above);
  // and the grid settles nearly every point itself: the cells a boundary touches are a sliver of the ward.
  std::vector<const Geometry*> areas;
  for (const auto& f : districts.features) areas.push_back(&f.geometry);
  analysis::AreaGrid grid(areas, analysis::DistrictLocator::kGridCell);
  CHECK(grid.cell() <= 1.5);
  CHECK(grid.askCells() > 0);
  CHECK(grid.askCells() < std::size_t(grid.width()) * std::size_t(grid.height()) / 50);
}

TEST_CASE("the grid answers inside, outside and ask: holes, shared edges and overlaps", "[join]") {
  Layer areas;
  areas.id = "areas";
  // 0: a 100 m square with a 20 m hole; 1: its neighbour sharing the edge x = 100; 2: overlapping 1 (1 wins).
  areas.features.push_back(square(0, 0, 100, 100, {{{40, 40}, {60, 40}, {60, 60}, {40, 60}}}));
  areas.features.push_back(square(100, 0, 200, 100));
  areas.features.push_back(square(150, 50, 250, 150));
  std::vector<const Geometry*> geoms;
  for (const auto& f : areas.features) geoms.push_back(&f.geometry);
  analysis::AreaGrid grid(geoms, 1.0);
  CHECK(grid.lookup({10.3, 10.3}) == 0);
  CHECK(grid.lookup({50.2, 50.2}) == analysis::AreaGrid::kNone);  // the hole
  CHECK(grid.lookup({150.5, 20.5}) == 1);
  CHECK(grid.lookup({170.5, 70.5}) == 1);                         // in 1 and 2: the lower index
  CHECK(grid.lookup({220.5, 120.5}) == 2);                        // in 2 only
  CHECK(grid.lookup({100.0, 50.5}) == analysis::AreaGrid::kAsk);  // on the shared edge
  CHECK(grid.lookup({40.0, 50.5}) == analysis::AreaGrid::kAsk);   // on the hole's edge
  CHECK(grid.lookup({-500, -500}) == analysis::AreaGrid::kNone);  // far outside
  CHECK(grid.lookup({std::nan(""), 3}) == analysis::AreaGrid::kNone);
  // Every point on a fine lattice over the three, and points a hair off each edge: the same as GEOS.
  std::vector<Vec2> points = boundaryPoints(areas);
  for (double x = -5; x <= 255; x += 0.25)
    for (double y = -5; y <= 155; y += 0.25) points.push_back({x, y});
  CHECK(mismatches(areas, points) == 0);
}
