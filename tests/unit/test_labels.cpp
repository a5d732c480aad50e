#include <catch2/catch.hpp>

#include "analysis/label_layout.hpp"

using namespace safetymap;
using analysis::LabelCandidate;

TEST_CASE("placed labels never overlap and higher priority wins", "[labels]") {
  std::vector<LabelCandidate> c;
  // Twenty labels crowded at one spot, and one important label in the middle of them.
  for (int i = 0; i < 20; ++i) c.push_back({"施設" + std::to_string(i), {200.0 + i, 200.0 + i}, {60, 18}, 6, 10, i});
  c.push_back({"築港", {205, 205}, {48, 24}, 0, 100, 99});
  auto placed = analysis::layoutLabels(c, 800, 600);
  REQUIRE_FALSE(placed.empty());
  CHECK(placed.front().tag == 99);
  CHECK(placed.size() < c.size());
  for (size_t i = 0; i < placed.size(); ++i)
    for (size_t j = i + 1; j < placed.size(); ++j) CHECK_FALSE(placed[i].box.intersects(placed[j].box));
}

TEST_CASE("a point label moves to a free side instead of covering another", "[labels]") {
  std::vector<LabelCandidate> c{{"A", {100, 100}, {50, 16}, 6, 50, 1}, {"B", {160, 100}, {50, 16}, 6, 40, 2}};
  auto placed = analysis::layoutLabels(c, 400, 300);
  REQUIRE(placed.size() == 2);
  CHECK(placed[0].box.minx > 100);  // A to the right of its point
  CHECK_FALSE(placed[0].box.intersects(placed[1].box));
}

TEST_CASE("labels stay inside the view", "[labels]") {
  std::vector<LabelCandidate> c{{"edge", {2, 2}, {80, 20}, 0, 1, 1}};
  CHECK(analysis::layoutLabels(c, 400, 300).empty());
}
