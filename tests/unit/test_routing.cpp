// Walking distances on hand-checked grids and graphs: a corridor of known length, an L-shaped street where
// the straight line would cross a block, an island no street reaches; and the capacity-aware assignment.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "analysis/evacuation.hpp"
#include "analysis/walk_graph.hpp"
#include "analysis/walk_grid.hpp"

using namespace safetymap;
using namespace safetymap::analysis;

namespace {
// A grid from rows of text: '.' walkable, '#' blocked; 2 m cells, row 0 at the top.
WalkGrid gridOf(const std::vector<std::string>& rows, double cell = 2.0) {
  WalkGrid g;
  g.cell = cell;
  g.height = static_cast<int>(rows.size());
  g.width = static_cast<int>(rows[0].size());
  g.extent = {0, 0, g.width * cell, g.height * cell};
  for (const auto& r : rows)
    for (char c : r) g.walkable.push_back(c == '.' ? 1 : 0);
  return g;
}
}  // namespace

TEST_CASE("a straight corridor: the distance is its length", "[routing]") {
  WalkGrid g = gridOf({"##########################", "#........................#", "##########################"});
  auto f = walkDistances(g, {g.index(1, 1)});
  CHECK(f.distance[size_t(g.index(24, 1))] == Approx(23 * 2.0));
  auto route = traceRoute(g, f, g.index(24, 1));
  REQUIRE(route.size() == 24);
  CHECK(route.front().x == Approx(49));  // from the far end …
  CHECK(route.back().x == Approx(3));    // … back to the source, cell by cell along the corridor
}

TEST_CASE("an L-shaped street: the walk goes round the block, never through it", "[routing]") {
  WalkGrid g = gridOf({
      ".##########",
      ".##########",
      ".##########",
      ".##########",
      ".##########",
      "...........",
  });
  int from = g.index(0, 0), to = g.index(10, 5);
  auto f = walkDistances(g, {to});
  double walked = f.distance[size_t(from)];
  Vec2 a = g.centre(from), b = g.centre(to);
  double straight = std::hypot(a.x - b.x, a.y - b.y);
  // Down one street and along the other, cutting only the corner cell diagonally: 4 + √2 + 9 cells of 2 m.
  CHECK(walked == Approx((4 + 9) * 2.0 + 2 * std::sqrt(2.0)));
  CHECK(walked > straight * 1.25);  // the straight line (22.4 m) would cross the block
  for (Vec2 p : traceRoute(g, f, from)) CHECK(g.walkable[size_t(*g.cellAt(p))] == 1);
}

TEST_CASE("an island no street reaches is unreachable, not zero", "[routing]") {
  WalkGrid g = gridOf({"....#....", "....#....", "....#...."});
  auto f = walkDistances(g, {g.index(0, 0)});
  CHECK(f.distance[size_t(g.index(8, 2))] == kUnreachable);
  CHECK(f.source[size_t(g.index(8, 2))] == -1);
  CHECK(traceRoute(g, f, g.index(8, 2)).empty());
  CHECK(f.distance[size_t(g.index(3, 2))] > 0);
}

TEST_CASE("open ground: 16 neighbours keep distances within 3 % of the straight line", "[routing]") {
  std::vector<std::string> rows(101, std::string(101, '.'));
  WalkGrid g = gridOf(rows, 1.0);
  auto f = walkDistances(g, {g.index(50, 50)});
  for (auto [x, y] : {std::pair{100, 50}, {100, 100}, {80, 10}, {0, 73}, {63, 100}}) {
    double straight = std::hypot(x - 50.0, y - 50.0);
    double d = f.distance[size_t(g.index(x, y))];
    CHECK(d >= straight - 1e-3);  // never shorter than the straight line
    CHECK(d <= straight * 1.03);
  }
}

TEST_CASE("the nearest of several sources, and the k nearest", "[routing]") {
  WalkGrid g = gridOf({"..............................."});
  std::vector<int> sources{g.index(0, 0), g.index(30, 0), g.index(20, 0)};
  auto f = walkDistances(g, sources);
  CHECK(f.source[size_t(g.index(5, 0))] == 0);
  CHECK(f.source[size_t(g.index(24, 0))] == 2);
  CHECK(f.distance[size_t(g.index(24, 0))] == Approx(8.0));
  auto k = kNearestSources(g, sources, 2);
  size_t at = size_t(g.index(24, 0)) * 2;
  CHECK(k.source[at] == 2);
  CHECK(k.source[at + 1] == 1);
  CHECK(k.distance[at + 1] == Approx(12.0));
}

TEST_CASE("the same cases on a street-centre-line graph (Boost.Graph)", "[routing][graph]") {
  // An L: (0,0) → (0,-10) → (20,-10), and a separate island edge.
  Layer lines;
  Feature l1;
  l1.geometry.type = GeometryType::Line;
  l1.geometry.lines = {{{0, 0}, {0, -10}, {20, -10}}};
  Feature island;
  island.geometry.type = GeometryType::Line;
  island.geometry.lines = {{{100, 100}, {110, 100}}};
  lines.features = {l1, island};
  WalkGraph g(lines);
  CHECK(g.nodeCount() == 5);
  auto d = g.distancesFrom({{20, -10}});
  CHECK(d.distanceAt({0, 0}) == Approx(30.0));
  CHECK(d.distanceAt({0, 0}) > std::hypot(20.0, 10.0));
  CHECK(std::isinf(d.distanceAt({110, 100})));  // unreachable, never zero
  auto route = d.routeFrom({0, 0});
  REQUIRE(route.size() == 3);
  CHECK(route[1].y == Approx(-10));
}

namespace {
Feature lineOf(std::vector<Vec2> pts) {
  Feature f;
  f.geometry.type = GeometryType::Line;
  f.geometry.lines = {std::move(pts)};
  return f;
}
}  // namespace

TEST_CASE("a graph with a node every 10 m walks the same distances, and each node stands for its street",
          "[routing][graph]") {
  Layer lines;
  lines.features = {lineOf({{0, 0}, {0, -10}, {20, -10}}), lineOf({{20, -10}, {20, 45}})};
  WalkGraph coarse(lines), fine(lines, 0.5, 10.0);
  CHECK(coarse.nodeCount() == 4);
  CHECK(fine.nodeCount() == 1 + 1 + 2 + 6);  // the 10 m leg stays whole; 20 m → 2 pieces; 55 m → 6 pieces
  double total = 0;
  for (size_t i = 0; i < fine.nodeCount(); ++i) total += fine.streetLength(int(i));
  CHECK(total == Approx(10 + 20 + 55));  // every metre of street is someone's
  auto a = coarse.distancesFrom({{20, 45}}), b = fine.distancesFrom({{20, 45}});
  CHECK(a.distanceAt({0, 0}) == Approx(85));
  CHECK(b.distanceAt({0, 0}) == Approx(85));
  // The indexed nearest node answers within a distance, and nothing beyond it.
  auto n = fine.nearestNode({21, 20.5}, 5.0);
  REQUIRE(n);
  CHECK(fine.node(*n).x == Approx(20));
  CHECK(std::abs(fine.node(*n).y - 20.5) < 5.0);
  CHECK_FALSE(fine.nearestNode({60, 60}, 20.0));
}

TEST_CASE("on a graph, the k nearest sources agree with one Dijkstra per source", "[routing][graph]") {
  // A random street lattice with gaps, so that some places are cut off.
  std::mt19937 rng(5);
  Layer lines;
  for (int i = 0; i <= 8; ++i)
    for (int j = 0; j < 8; ++j) {
      if (rng() % 100 < 25) continue;
      lines.features.push_back(lineOf({{i * 30.0, j * 30.0}, {i * 30.0, (j + 1) * 30.0}}));
      if (rng() % 100 < 25) continue;
      lines.features.push_back(lineOf({{j * 30.0, i * 30.0}, {(j + 1) * 30.0, i * 30.0}}));
    }
  WalkGraph g(lines, 0.5, 10.0);
  std::vector<int> sources;
  for (Vec2 s : {Vec2{0, 0}, Vec2{240, 240}, Vec2{120, 90}, Vec2{240, 0}}) sources.push_back(g.nearestNode(s));
  auto k = g.nearestSources(sources, 3);
  auto all = g.distances(sources);
  std::vector<DistanceField> single;
  for (int s : sources) single.push_back(g.distances({s}));
  int unreachable = 0;
  for (size_t v = 0; v < g.nodeCount(); ++v) {
    std::vector<float> d;
    for (const auto& f : single) d.push_back(f.distance[v]);
    std::sort(d.begin(), d.end());
    for (size_t j = 0; j < 3; ++j) CHECK(k.distance[v * 3 + j] == Approx(d[j]).margin(1e-3));
    CHECK(all.distance[v] == Approx(d[0]).margin(1e-3));
    if (all.distance[v] == kUnreachable) {
      ++unreachable;
      CHECK(all.source[v] == -1);
    } else {
      CHECK(single[size_t(all.source[v])].distance[v] == Approx(all.distance[v]).margin(1e-3));
    }
  }
  INFO(unreachable << " unreachable nodes");
  CHECK(unreachable < int(g.nodeCount()));
}

TEST_CASE("capacity-aware assignment: the overflow goes to the next building", "[assignment]") {
  // Two blocks of 100 people; building 0 is nearest to both but holds 120; building 1 holds 50.
  std::vector<double> supply{100, 100};
  std::vector<FlowEdge> edges{{0, 0, 100}, {0, 1, 400}, {1, 0, 150}, {1, 1, 300}};
  auto r = assignWithCapacity(supply, edges, {120, 50});
  double toB0 = r.edgeFlow[0] + r.edgeFlow[2], toB1 = r.edgeFlow[1] + r.edgeFlow[3];
  CHECK(toB0 == Approx(120));
  CHECK(toB1 == Approx(50));
  double unplaced = r.unplaced[0] + r.unplaced[1];
  CHECK(unplaced == Approx(30));
  CHECK(toB0 + toB1 + unplaced == Approx(200));  // assigned + shortfall = everyone
  // The cheaper overflow: block 1 (300 m to building 1, vs 400 m from block 0) is the one sent on.
  CHECK(r.edgeFlow[3] == Approx(50));
  // Unlimited capacity: everyone to their nearest.
  auto free = assignWithCapacity(supply, edges, {-1, -1});
  CHECK(free.edgeFlow[0] == Approx(100));
  CHECK(free.edgeFlow[2] == Approx(100));
}

TEST_CASE("k nearest sources agree with one Dijkstra per source on a random street grid", "[routing]") {
  std::mt19937 rng(11);
  std::vector<std::string> rows(40, std::string(50, '.'));
  for (auto& r : rows)
    for (auto& ch : r) ch = rng() % 100 < 28 ? '#' : '.';
  WalkGrid g = gridOf(rows);
  std::vector<int> sources;
  for (int i = 0; i < 6; ++i) {
    int c = int(rng() % g.walkable.size());
    if (g.walkable[size_t(c)]) sources.push_back(c);
  }
  REQUIRE(sources.size() >= 3);
  auto k = kNearestSources(g, sources, 3);
  std::vector<DistanceField> single;
  for (int s : sources) single.push_back(walkDistances(g, {s}));
  for (size_t c = 0; c < g.walkable.size(); ++c) {
    std::vector<float> d;
    for (const auto& f : single) d.push_back(f.distance[c]);
    std::sort(d.begin(), d.end());
    for (size_t j = 0; j < 3; ++j) CHECK(k.distance[c * 3 + j] == Approx(d[j]).margin(1e-3));
  }
  // Stopping once a few needed cells have their k labels changes nothing at those cells.
  std::vector<int> needed;
  for (int c = 0; c < int(g.walkable.size()); c += 97)
    if (g.walkable[size_t(c)]) needed.push_back(c);
  auto early = kNearestSources(g, sources, 3, std::numeric_limits<double>::infinity(), &needed);
  for (int c : needed)
    for (size_t j = 0; j < 3; ++j) {
      CHECK(early.distance[size_t(c) * 3 + j] == k.distance[size_t(c) * 3 + j]);
      CHECK(early.source[size_t(c) * 3 + j] == k.source[size_t(c) * 3 + j]);
    }
}

TEST_CASE("the early stop is exact where fewer than k buildings can be reached, and does not wait for them",
          "[routing]") {
  // Left: a street with three doors. Right, walled off: a street with one door, and a cell with none.
  WalkGrid g = gridOf({
      "..........#.....#..",
      "..........#.....#..",
  });
  const std::vector<int> sources{0, 5, 9, 12};
  const std::vector<int> needed{g.index(3, 1), g.index(15, 0), g.index(18, 1)};
  auto full = kNearestSources(g, sources, 4);
  auto early = kNearestSources(g, sources, 4, std::numeric_limits<double>::infinity(), &needed);
  for (int c : needed)
    for (size_t j = 0; j < 4; ++j) {
      CHECK(early.distance[size_t(c) * 4 + j] == full.distance[size_t(c) * 4 + j]);
      CHECK(early.source[size_t(c) * 4 + j] == full.source[size_t(c) * 4 + j]);
    }
  const size_t right = size_t(g.index(15, 0)) * 4;
  CHECK(early.source[right] == 3);                        // its one building
  CHECK(early.source[right + 1] == -1);                   // and nothing else: the other three are behind the wall
  CHECK(early.source[size_t(g.index(18, 1)) * 4] == -1);  // no building at all
  CHECK(early.distance[size_t(g.index(3, 1)) * 4 + 2] == Approx(2.0 * (std::sqrt(5.0) + 4)));  // knight + 4 cells
}
