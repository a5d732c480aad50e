// The plan's indicators against counts made independently of safetymap's own pipeline: GDAL's SQL
// (ogrinfo -dialect SQLite) and OGR's own point-in-polygon over the same derived files.
#include <ogrsf_frmts.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <map>
#include <set>

#include "analysis/indicators.hpp"
#include "analysis/ward_stats.hpp"
#include "jobs/load.hpp"
#include "test_support.hpp"

using namespace safetymap;

namespace {
std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::array<char, 4096> buf;
  while (size_t n = std::fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
  pclose(p);
  return out;
}

// "name (Type) = value" lines of ogrinfo's feature dump → value of the field in each feature.
std::vector<std::string> ogrValues(const std::string& out, const std::string& field) {
  std::vector<std::string> v;
  std::string key = "  " + field + " (";
  for (size_t at = out.find(key); at != std::string::npos; at = out.find(key, at + 1)) {
    size_t eq = out.find(" = ", at);
    size_t nl = out.find('\n', eq);
    v.push_back(out.substr(eq + 3, nl - eq - 3));
  }
  return v;
}

std::string derived(const std::string& f) {
  return test::sourceFile("geodata/derived/" + f);
}

const Project& bundled() {
  static Project p = [] {
    Diagnostics d(false);
    return jobs::loadProjectNow(test::sourceFile("geodata"), {}, d, false);
  }();
  return p;
}
}  // namespace

TEST_CASE("crimes per type equal GDAL SQL over the same file", "[indicators]") {
  auto stats = analysis::computeWardStats(bundled());
  std::string out =
      run("ogrinfo -ro -q -dialect SQLite -sql \"SELECT 手口 AS t, COUNT(*) AS n FROM crimes GROUP BY 手口\" " +
          derived("crimes.geojson"));
  auto types = ogrValues(out, "t");
  auto counts = ogrValues(out, "n");
  REQUIRE(types == std::vector<std::string>{"自転車盗"});  // the only 手口 with open records here
  // The six others the legend names have no records: "no records loaded", never a 0.
  CHECK(stats.crimeTypesWithoutRecords.size() == 6);
  auto byType = analysis::computeIndicator("crimes.by_type", Policy{}, stats, Lang::En);
  CHECK_THAT(byType.value,
             Catch::Contains("Bicycle theft 658") && Catch::Contains("Bag snatching (no records loaded)"));
  CHECK_THAT(byType.value, !Catch::Contains("Bag snatching 0"));
  int total = 0;
  for (size_t i = 0; i < types.size(); ++i) {
    INFO(types[i]);
    auto it = std::find_if(stats.crimesByType.begin(), stats.crimesByType.end(),
                           [&](auto& e) { return e.first == types[i]; });
    REQUIRE(it != stats.crimesByType.end());
    CHECK(it->second == std::stoi(counts[i]));
    total += std::stoi(counts[i]);
  }
  CHECK(stats.crimes == total);
  // By year, from the date column.
  std::string years =
      run("ogrinfo -ro -q -dialect SQLite -sql \"SELECT substr(\\\"発生年月日（始期）\\\",1,4) AS y, COUNT(*) AS n "
          "FROM crimes GROUP BY y\" " +
          derived("crimes.geojson"));
  auto ys = ogrValues(years, "y");
  auto ns = ogrValues(years, "n");
  REQUIRE(ys.size() == stats.crimesByYear.size());
  for (size_t i = 0; i < ys.size(); ++i) {
    CHECK(stats.crimesByYear[i].year == std::stoi(ys[i]));
    CHECK(stats.crimesByYear[i].count == std::stoi(ns[i]));
  }
}

TEST_CASE("crimes and buildings per district equal OGR's own point-in-polygon in lon/lat", "[indicators]") {
  const Project& p = bundled();
  auto stats = analysis::computeWardStats(p);
  GDALAllRegister();
  auto open = [](const std::string& f) {
    return std::unique_ptr<GDALDataset>(GDALDataset::Open(f.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  };
  auto districts = open(derived("districts.geojson"));
  REQUIRE(districts);
  std::map<std::string, std::unique_ptr<OGRGeometry>> polys;
  for (auto& f : *districts->GetLayer(0)) polys[f->GetFieldAsString("name")].reset(f->GetGeometryRef()->clone());
  auto countIn = [&](const std::string& file) {
    std::map<std::string, int> n;
    auto ds = open(derived(file));
    for (auto& f : *ds->GetLayer(0))
      for (auto& [name, g] : polys)
        if (f->GetGeometryRef()->Within(g.get())) n[name]++;
    return n;
  };
  auto crimes = countIn("crimes.geojson");
  auto buildings = countIn("tsunami-buildings.geojson");
  REQUIRE(stats.perDistrict.size() == 11);
  int sumBuildings = 0;
  for (const auto& d : stats.perDistrict) {
    INFO(d.nameJa);
    CHECK(d.crimes == crimes[d.nameJa]);
    CHECK(d.tsunamiBuildings == buildings[d.nameJa]);
    sumBuildings += d.tsunamiBuildings;
  }
  // Buildings outside every district polygon (on the ward's edge) are still counted ward-wide.
  CHECK(stats.tsunamiBuildings >= sumBuildings);
}

TEST_CASE("ward indicators: counts, the plan's figures and the warnings", "[indicators]") {
  const Project& p = bundled();
  auto stats = analysis::computeWardStats(p);
  std::string n = run("ogrinfo -ro -q -dialect SQLite -sql \"SELECT COUNT(*) AS n FROM \\\"tsunami-buildings\\\"\" " +
                      derived("tsunami-buildings.geojson"));
  int buildings = std::stoi(ogrValues(n, "n").at(0));
  std::string w = run("ogrinfo -ro -q -dialect SQLite -sql \"SELECT COUNT(*) AS n FROM shelters WHERE welfare = 1\" " +
                      derived("shelters.geojson"));
  int welfare = std::stoi(ogrValues(w, "n").at(0));

  auto count = analysis::computeIndicator("tsunami_buildings.count", p.policy, stats, Lang::En);
  CHECK(count.number == buildings);
  CHECK(count.policySays.find("108") != std::string::npos);
  CHECK(count.disagrees == (buildings != 108));
  CHECK_THAT(count.note, Catch::Contains("The plan says 108, the data has " + std::to_string(buildings)));

  auto cap = analysis::computeIndicator("tsunami_buildings.capacity", p.policy, stats, Lang::Ja);
  CHECK_FALSE(cap.known);  // the GSI data carries no capacity: said, not invented
  CHECK_THAT(cap.value, Catch::Contains("不明"));

  CHECK(analysis::computeIndicator("welfare_shelters.count", p.policy, stats, Lang::Ja).number == welfare);
  auto centres = analysis::computeIndicator("safety_centres.count", p.policy, stats, Lang::En);
  CHECK(centres.number == 2);  // the two 老人憩の家 mapped in OpenStreetMap
  CHECK(centres.value == "2 of 12");
  CHECK(centres.disagrees);
  CHECK_THAT(centres.note, Catch::Contains("place or load the rest"));
  auto districts = analysis::computeIndicator("districts.count", p.policy, stats, Lang::Ja);
  CHECK(districts.number == 11);
  CHECK_FALSE(districts.disagrees);

  // The indicators of strategy 2-2 are the crime ones and the centres, not the buildings.
  auto s22 = analysis::indicatorsFor("2-2", p.policy, stats, Lang::Ja);
  std::set<std::string> ids;
  for (const auto& i : s22) ids.insert(i.id);
  CHECK(ids.count("crimes.by_type") == 1);
  CHECK(ids.count("safety_centres.count") == 1);
  CHECK(ids.count("tsunami_buildings.count") == 0);
}

TEST_CASE("drill status: not yet recorded until set, then compared with the plan's 3", "[indicators]") {
  Project p;
  p.policy = bundled().policy;
  std::vector<District> ds;
  for (const auto& d : bundled().districts()) ds.push_back(d);
  p.setDistricts(ds);
  auto drills = analysis::computeIndicator("drills.done", p.policy, analysis::computeWardStats(p), Lang::Ja);
  CHECK_FALSE(drills.known);
  CHECK_FALSE(drills.disagrees);
  CHECK(drills.value == "未記録");
  for (int i = 0; i < 3; ++i) p.activities.set(ActivityKind::Drill, ds[size_t(i)].nameJa, ActivityStatus::Done);
  p.activities.set(ActivityKind::Drill, ds[3].nameJa, ActivityStatus::Planned);
  drills = analysis::computeIndicator("drills.done", p.policy, analysis::computeWardStats(p), Lang::Ja);
  CHECK(drills.known);
  CHECK(drills.number == 3);
  CHECK_FALSE(drills.disagrees);
  p.activities.set(ActivityKind::Drill, ds[0].nameJa, ActivityStatus::NotDone);
  drills = analysis::computeIndicator("drills.done", p.policy, analysis::computeWardStats(p), Lang::Ja);
  CHECK(drills.number == 2);
  CHECK(drills.disagrees);
}

TEST_CASE("the crime trend compares the last two years, a year in progress by the same months", "[indicators]") {
  Project p;
  auto l = std::make_shared<Layer>();
  l->id = "c";
  l->role = LayerRole::Crimes;
  l->fields = {{"手口"}, {"発生年月日（始期）"}, {"被害者の年齢"}};
  auto add = [&](const char* date, const char* age = "") {
    Feature f;
    f.geometry.type = GeometryType::Point;
    f.geometry.points = {{0, 0}};
    f.values = {"ひったくり", date, age};
    l->features.push_back(f);
  };
  for (const char* d : {"20230110", "2023-02-11", "2023/3/5", "20231120", "20231201"}) add(d);
  add("20240115", "10歳代");
  add("20240220");
  add("20240301", "30歳代");
  p.addLayer(l);
  auto s = analysis::computeWardStats(p);
  REQUIRE(s.crimesByYear.size() == 2);
  CHECK(s.crimeTrend.throughMonth == 3);  // 2024 has records up to March only
  CHECK(s.crimeTrend.fromCount == 3);     // Jan–Mar 2023
  CHECK(s.crimeTrend.toCount == 3);
  CHECK(s.crimeTrend.trend == analysis::Trend::Flat);
  CHECK(s.childVictims == 1);
  CHECK(s.crimesWithAge == 2);
  add("20240310");
  l->touchData();
  s = analysis::computeWardStats(p);
  CHECK(s.crimeTrend.trend == analysis::Trend::Increasing);
  auto ind = analysis::computeIndicator("crimes.trend", Policy{}, s, Lang::En);
  CHECK(ind.disagrees);  // the plan's target is "decreasing"
  CHECK(analysis::yearOf("令和") == 0);
  CHECK(analysis::isChildVictimAge("10歳未満"));
  CHECK_FALSE(analysis::isChildVictimAge("20歳代"));
}
