// The 町丁目 choropleth (classes, bounds, what grey and no fill mean), the street placement of records known
// by their 町丁目, and the scanline mask that keeps walking bands to the ward: on small hand-made layers whose
// answers are known.
#include <catch2/catch.hpp>

#include "analysis/crime_choropleth.hpp"
#include "analysis/overlay.hpp"
#include "analysis/street_placement.hpp"

using namespace safetymap;

namespace {
Polygon square(double x0, double y0, double x1, double y1, bool close = true) {
  Polygon p;
  p.outer = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
  if (close) p.outer.push_back({x0, y0});
  return p;
}

Geometry area(std::initializer_list<Polygon> parts) {
  Geometry g;
  g.type = GeometryType::Polygon;
  for (const auto& p : parts) g.polygons.push_back(p);
  return g;
}

// Six 町丁目 in a row, 100 m wide, with these people; and crimes in them by name.
Project ward(const std::vector<long>& people, const std::vector<int>& crimes) {
  Project p;
  auto chome = std::make_shared<Layer>();
  chome->id = "chome";
  chome->role = LayerRole::Chome;
  chome->fields = {{"town"}, {"population", Field::Type::Integer}};
  for (size_t i = 0; i < people.size(); ++i) {
    Feature f;
    f.geometry = area({square(100.0 * i, 0, 100.0 * (i + 1), 100)});
    f.values = {"町" + std::string(1, char('A' + i)) + "一丁目", std::to_string(people[i])};
    chome->features.push_back(std::move(f));
  }
  p.addLayer(chome);
  auto l = std::make_shared<Layer>();
  l->id = "crimes";
  l->role = LayerRole::Crimes;
  l->fields = {{"手口"}, {"発生年月日（始期）"}, {"町丁目（発生地）"}};
  for (size_t i = 0; i < crimes.size(); ++i)
    for (int n = 0; n < crimes[i]; ++n) {
      Feature f;
      f.geometry.type = GeometryType::Point;
      f.geometry.points = {{100.0 * i + 50, 50}};
      f.values = {"自転車盗", "2019-05-0" + std::to_string(1 + n % 9), "町" + std::string(1, char('A' + i)) + "１丁目"};
      l->features.push_back(std::move(f));
    }
  p.addLayer(l);
  return p;
}

const ClassedFill& classes(const Project& p) {
  return p.layerByRole(LayerRole::Chome)->style.classedFill;
}
}  // namespace

TEST_CASE("the 町丁目 choropleth: zero apart, quartile classes whose bounds hold every value", "[choropleth]") {
  Project p = ward({100, 100, 100, 100, 100, 0}, {0, 1, 2, 4, 8, 3});
  REQUIRE(analysis::applyCrimeChoropleth(p, analysis::CrimeMeasure::Count));
  const Layer& c = *p.layerByRole(LayerRole::Chome);
  const auto& k = classes(p).classes;
  REQUIRE(k.size() >= 3);
  CHECK(k.front().lo == 0);
  CHECK(k.front().hi == 0);  // none is its own class
  CHECK(k.back().hi == 8);   // the largest value is inside the last class
  CHECK(c.style.featureFills[0] == k.front().color);
  // Each 町丁目's fill is the class its count falls in, and the classes follow each other without a gap.
  const std::vector<int> counts{0, 1, 2, 4, 8, 3};
  for (size_t i = 0; i < counts.size(); ++i) {
    auto it =
        std::find_if(k.begin(), k.end(), [&](const FillClass& f) { return counts[i] >= f.lo && counts[i] <= f.hi; });
    REQUIRE(it != k.end());
    CHECK(c.style.featureFills[i] == it->color);
  }
  for (size_t i = 1; i < k.size(); ++i) CHECK(k[i].lo == k[i - 1].hi + 1);
  CHECK(k[1].labelJa.find("件") != std::string::npos);
  CHECK(classes(p).titleJa.find("自転車盗") != std::string::npos);
  CHECK(classes(p).titleJa.find("2019-05") != std::string::npos);                 // the span counted
  CHECK_FALSE(analysis::applyCrimeChoropleth(p, analysis::CrimeMeasure::Count));  // nothing changed: no new style
}

TEST_CASE("per 1,000 residents: a 町丁目 with no or very few residents is grey and said so, not a rate",
          "[choropleth]") {
  Project p = ward({1000, 2000, 500, 0, 11}, {5, 5, 5, 3, 1});
  analysis::applyCrimeChoropleth(p, analysis::CrimeMeasure::RatePer1000);
  const Layer& c = *p.layerByRole(LayerRole::Chome);
  CHECK(c.style.featureFills[3] == classes(p).noData);
  CHECK(c.style.featureFills[4] == classes(p).noData);  // 1 record among 11 people would read as 91 per 1,000
  CHECK(classes(p).classes.back().hi == 10.0);
  CHECK_FALSE(classes(p).noDataJa.empty());
  const auto& k = classes(p).classes;
  CHECK(k.back().hi >= 10.0);  // 5 records per 500 people
  // The rates 5.0, 2.5 and 10.0 fall in the classes their fills say.
  const std::vector<double> rates{5.0, 2.5, 10.0};
  for (size_t i = 0; i < rates.size(); ++i) {
    auto it = std::find_if(k.begin(), k.end(), [&](const FillClass& f) { return rates[i] <= f.hi + 1e-9; });
    REQUIRE(it != k.end());
    CHECK(c.style.featureFills[i] == it->color);
  }
}

TEST_CASE("one positive value, and no records at all", "[choropleth]") {
  Project one = ward({100, 100, 100}, {0, 0, 4});
  analysis::applyCrimeChoropleth(one, analysis::CrimeMeasure::Count);
  REQUIRE(classes(one).classes.size() == 2);  // none, and 4
  CHECK(classes(one).classes[1].lo == 1);
  CHECK(classes(one).classes[1].hi == 4);
  Project none = ward({100, 100}, {0, 0});
  analysis::applyCrimeChoropleth(none, analysis::CrimeMeasure::Count);
  CHECK(classes(none).empty());                                                                  // no legend …
  for (const auto& f : none.layerByRole(LayerRole::Chome)->style.featureFills) CHECK(f.a == 0);  // … and no fill
}

TEST_CASE("records without a 町丁目 are counted where they lie; the types and the counts the job hands over",
          "[choropleth]") {
  Project p = ward({100, 100, 100, 100}, {1, 2, 0, 0});
  Layer* crimes = p.editByRole(LayerRole::Crimes);
  for (double x : {250.0, 260.0, 350.0, 1000.0}) {  // two in the third, one in the fourth, one outside the ward
    Feature f;
    f.geometry.type = GeometryType::Point;
    f.geometry.points = {{x, 50}};
    f.values = {"車上ねらい", "2019-06-01", ""};
    crimes->features.push_back(std::move(f));
  }
  analysis::ChomeCrimes counts = analysis::countCrimesByChome(p);
  CHECK(counts.count == std::vector<int>{1, 2, 2, 1});
  CHECK(counts.matched == 6);
  CHECK(counts.unmatched == 1);
  CHECK(counts.onlyType.empty());  // two types: the map is of street crime
  CHECK(counts.span == "2019-05 – 2019-06");
  REQUIRE(analysis::applyCrimeChoropleth(p, analysis::CrimeMeasure::Count, counts));
  CHECK(classes(p).titleJa.find("街頭犯罪") != std::string::npos);
  CHECK(classes(p).classes.back().hi == 2);
  // Counts made for another 町丁目 layer (a job overtaken by a load) change nothing.
  analysis::ChomeCrimes stale = counts;
  stale.count.push_back(9), stale.population.push_back(100);
  CHECK_FALSE(analysis::applyCrimeChoropleth(p, analysis::CrimeMeasure::Count, stale));
  CHECK(classes(p).classes.back().hi == 2);
  // One type throughout: the map is named by it.
  Project bikes = ward({100, 100}, {1, 3});
  CHECK(analysis::countCrimesByChome(bikes).onlyType == "自転車盗");
}

TEST_CASE("a record known by its 町丁目 lands on a street inside it, the same place each time", "[choropleth]") {
  Layer chome;
  chome.fields = {{"town"}};
  Feature a;
  a.geometry = area({square(0, 0, 100, 100)});
  chome.features.push_back(a);
  Layer roads;
  Feature street;  // a 10 m street across the 町丁目 and beyond it
  street.geometry = area({square(-50, 40, 150, 50)});
  roads.features.push_back(street);
  Feature elsewhere;
  elsewhere.geometry = area({square(200, 0, 300, 100)});
  roads.features.push_back(elsewhere);
  analysis::StreetPlacer placer(chome, roads);
  for (std::uint64_t seed = 1; seed < 200; ++seed) {
    auto q = placer.place(0, seed * 7919);
    REQUIRE(q);
    CHECK(q->x > 0);
    CHECK(q->x < 100);
    CHECK(q->y > 40);
    CHECK(q->y < 50);
  }
  CHECK(placer.place(0, 42)->x == placer.place(0, 42)->x);
  CHECK_FALSE(placer.place(1, 1));  // no such 町丁目
  Layer empty;
  analysis::StreetPlacer none(chome, empty);
  CHECK_FALSE(none.place(0, 1));  // no street: the caller falls back and says so
}

TEST_CASE("the scanline mask: cell centres inside, holes out, an unclosed ring closed", "[choropleth]") {
  Polygon frame = square(0, 0, 10, 10, /*close=*/false);
  frame.holes.push_back(square(4, 4, 6, 6).outer);
  Geometry g = area({frame});
  Bounds extent{-2, -2, 12, 12};
  auto mask = analysis::insideMask(g, extent, 1.0, 14, 14);
  auto at = [&](double x, double y) {
    int cx = static_cast<int>(x - extent.minx), cy = static_cast<int>(extent.maxy - y);
    return mask[static_cast<size_t>(cy) * 14 + static_cast<size_t>(cx)];
  };
  CHECK(at(0.5, 0.5) == 1);
  CHECK(at(9.5, 9.5) == 1);
  CHECK(at(-0.5, 5.5) == 0);
  CHECK(at(10.5, 5.5) == 0);
  CHECK(at(4.5, 4.5) == 0);  // the hole
  CHECK(at(3.5, 4.5) == 1);
  int inside = 0;
  for (auto v : mask) inside += v;
  CHECK(inside == 100 - 4);
}
