// Every file of the bundled project reads through GDAL, and the derived layers are what the ward is:
// 11 districts, 58 町丁目 with census people, the GSI tsunami sites, the real police records, the facilities.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <set>

#include "analysis/district_join.hpp"
#include "io/layer_reader.hpp"
#include "jobs/load.hpp"
#include "io/manifest.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace safetymap;

namespace {
std::shared_ptr<Layer> readOne(const std::string& path) {
  Diagnostics d(false);
  auto layers = jobs::readLayers(path, d);
  INFO(path << "\n" << test::allMessages(d));
  REQUIRE(layers.size() == 1);
  CHECK(d.count(Severity::Error) == 0);
  return layers[0];
}
std::string geodata(const std::string& rel) {
  return test::sourceFile("geodata/" + rel);
}
}  // namespace

TEST_CASE("every vector file in geodata/ reads through GDAL without errors", "[geodata]") {
  int files = 0;
  for (const auto& e : fs::recursive_directory_iterator(geodata(""))) {
    auto ext = e.path().extension().string();
    if (ext != ".geojson" && ext != ".gpkg" && ext != ".csv") continue;
    Diagnostics d(false);
    io::ReadOptions o;
    o.keepWithoutGeometry = ext == ".csv";  // the police-format sample has no coordinates
    auto layers = jobs::readLayers(e.path().string(), d, o);
    INFO(e.path().string() << "\n" << test::allMessages(d));
    CHECK(d.count(Severity::Error) == 0);
    REQUIRE_FALSE(layers.empty());
    CHECK_FALSE(layers[0]->features.empty());
    ++files;
  }
  CHECK(files >= 8);  // the set-up must have derived the layers (scripts/setup.sh)
}

TEST_CASE("the manifest names every layer with a role and both languages", "[geodata]") {
  Diagnostics d(false);
  auto m = io::readManifest(geodata(""), d);
  REQUIRE(m);
  std::set<LayerRole> roles;
  for (const auto& s : m->layers) {
    roles.insert(s.role);
    CHECK_FALSE(s.nameJa.empty());
    CHECK_FALSE(s.nameEn.empty());
    CHECK_FALSE(s.sourceJa.empty());
    if (!s.optional) CHECK(fs::exists(s.file));
  }
  for (auto r : {LayerRole::Districts, LayerRole::TsunamiBuildings, LayerRole::SafetyCentres, LayerRole::Crimes,
                 LayerRole::Ward, LayerRole::Neighbours, LayerRole::Roads})
    CHECK(roles.count(r) == 1);
}

TEST_CASE("the 11 districts cover the ward, are marked approximate and named as the plan names them", "[geodata]") {
  auto d = readOne(geodata("derived/districts.geojson"));
  auto ward = readOne(geodata("derived/ward.geojson"));
  REQUIRE(d->features.size() == 11);
  std::set<std::string> names;
  double total = 0;
  for (const auto& f : d->features) {
    names.insert(*d->value(f, "name"));
    CHECK(isTruthy(*d->value(f, "approximate")));
    CHECK_FALSE(d->value(f, "source")->empty());
    total += area(f.geometry);
  }
  for (const char* n : {"築港", "港晴", "八幡屋", "市岡", "田中", "三先", "磯路", "南市岡", "弁天", "池島", "波除"})
    CHECK(names.count(n) == 1);
  // The districts partition the ward: same area within 0.5 % (official 7.86 km²).
  double wardArea = area(ward->features[0].geometry);
  CHECK(total == Approx(wardArea).epsilon(0.005));
  CHECK(wardArea == Approx(7.86e6).epsilon(0.02));
}

TEST_CASE("neighbouring districts never share a fill colour", "[geodata]") {
  auto d = readOne(geodata("derived/districts.geojson"));
  auto districts = analysis::buildDistricts(*d);
  REQUIRE(districts.size() == 11);
  // Two districts touch when a vertex of one lies within 1 m of the other's outline; then colours differ.
  auto touches = [&](const Geometry& a, const Geometry& b) {
    for (const auto& pa : a.polygons)
      for (Vec2 v : pa.outer)
        for (const auto& pb : b.polygons)
          for (size_t i = 0; i < pb.outer.size(); ++i)
            if (distanceToSegment(v, pb.outer[i], pb.outer[(i + 1) % pb.outer.size()]) < 1.0) return true;
    return false;
  };
  for (size_t i = 0; i < districts.size(); ++i)
    for (size_t j = i + 1; j < districts.size(); ++j) {
      const auto& gi = d->features[size_t(districts[i].featureIndex)].geometry;
      const auto& gj = d->features[size_t(districts[j].featureIndex)].geometry;
      if (touches(gi, gj)) {
        INFO(districts[i].nameJa << " / " << districts[j].nameJa);
        CHECK_FALSE(districts[i].fill == districts[j].fill);
      }
    }
}

TEST_CASE("58 町丁目 with census people, the GSI tsunami sites, and the real police records", "[geodata]") {
  auto chome = readOne(geodata("derived/chome.geojson"));
  CHECK(chome->features.size() == 58);
  long people = 0;
  for (const auto& f : chome->features) {
    INFO(*chome->value(f, "town"));
    REQUIRE_FALSE(chome->value(f, "population")->empty());  // every 町丁目 has its census record
    people += std::stol(*chome->value(f, "population"));
  }
  CHECK(people == 82035);  // the 2015 census population of 港区
  auto t = readOne(geodata("derived/tsunami-buildings.geojson"));
  CHECK(t->features.size() >= 90);  // GSI flags 103 津波 sites; the plan counts 108 buildings
  auto crimes = readOne(geodata("derived/crimes.geojson"));
  CHECK(crimes->features.size() == 658);  // 314 (2018) + 344 (2019) police records for 大阪市港区
  auto districts = readOne(geodata("derived/districts.geojson"));
  auto roads = readOne(geodata("derived/roads.gpkg"));
  analysis::DistrictLocator locator(*districts);
  analysis::DistrictLocator onRoad(*roads);
  int onStreet = 0;
  for (const auto& f : crimes->features) {
    CHECK_FALSE(isTruthy(*crimes->value(f, "synthetic")));
    CHECK(isTruthy(*crimes->value(f, "approximate")));  // located by 町丁目 only
    CHECK(locator.locate(f.geometry.points[0]) >= 0);   // every record lies in the ward
    onStreet += onRoad.locate(f.geometry.points[0]) >= 0;
  }
  CHECK(onStreet == static_cast<int>(crimes->features.size()));  // on a street surface, never inside a block
  // Each district's people are the census sum of its 町丁目.
  long districtPeople = 0;
  for (const auto& f : districts->features) districtPeople += std::stol(*districts->value(f, "population"));
  CHECK(districtPeople == 82035);
}

TEST_CASE("every approximate district contains its own elementary school (OpenStreetMap positions)", "[geodata]") {
  auto districts = readOne(geodata("derived/districts.geojson"));
  auto facilities = readOne(geodata("derived/facilities.geojson"));
  int schools = 0;
  for (const auto& f : facilities->features) {
    if (*facilities->value(f, "kind") != "小学校") continue;
    ++schools;
    std::string name = *facilities->value(f, "name");
    bool inside = false;
    for (const auto& d : districts->features)
      if (name.find(*districts->value(d, "school")) != std::string::npos)
        inside = contains(d.geometry, f.geometry.points[0]);
    INFO(name);
    CHECK(inside);
  }
  CHECK(schools == 11);
}

TEST_CASE("the facilities, the two mapped safety centres and the PLATEAU buildings, with their sources", "[geodata]") {
  auto facilities = readOne(geodata("derived/facilities.geojson"));
  std::map<std::string, int> kinds;
  for (const auto& f : facilities->features) {
    kinds[*facilities->value(f, "kind")]++;
    CHECK(facilities->value(f, "source")->find("OpenStreetMap contributors") != std::string::npos);
  }
  CHECK(kinds["交番"] == 7);
  CHECK(kinds["小学校"] == 11);
  CHECK(kinds["中学校"] == 5);
  CHECK(kinds["区役所"] == 1);
  CHECK(kinds["消防署"] == 3);
  auto centres = readOne(geodata("derived/safety-centres.geojson"));
  CHECK(centres->features.size() == 2);
  for (const auto& f : centres->features) CHECK(centres->value(f, "name")->find("老人憩の家") != std::string::npos);
  auto buildings = readOne(geodata("derived/buildings.geojson"));
  CHECK(buildings->features.size() == 282);
  // A site standing on a PLATEAU building carries its storeys and Osaka's rule, met or not.
  auto sites = readOne(geodata("derived/tsunami-buildings.geojson"));
  int joined = 0;
  for (const auto& f : sites->features)
    if (!sites->value(f, "plateau_building")->empty()) {
      ++joined;
      CHECK_FALSE(sites->value(f, "osaka_rule")->empty());
    }
  CHECK(joined >= 1);
}
