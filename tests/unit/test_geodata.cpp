// Every file of the bundled project reads through GDAL, and the derived layers are what the ward is:
// 11 districts, 58 町丁目, the GSI tsunami sites, the synthetic crimes marked as such.
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "analysis/district_join.hpp"
#include "io/layer_reader.hpp"
#include "io/manifest.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace safetymap;

namespace {
std::shared_ptr<Layer> readOne(const std::string& path) {
  Diagnostics d(false);
  auto layers = io::readLayers(path, d);
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
    auto layers = io::readLayers(e.path().string(), d, o);
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

TEST_CASE("58 町丁目, the GSI tsunami sites, and the synthetic crimes inside their 町丁目", "[geodata]") {
  CHECK(readOne(geodata("derived/chome.geojson"))->features.size() == 58);
  auto t = readOne(geodata("derived/tsunami-buildings.geojson"));
  CHECK(t->features.size() >= 90);  // GSI flags 103 津波 sites; the plan counts 108 buildings
  auto crimes = readOne(geodata("derived/crimes.geojson"));
  REQUIRE(crimes->features.size() > 100);
  auto districts = readOne(geodata("derived/districts.geojson"));
  analysis::DistrictLocator locator(*districts);
  for (const auto& f : crimes->features) {
    CHECK(isTruthy(*crimes->value(f, "synthetic")));
    CHECK(isTruthy(*crimes->value(f, "approximate")));
    CHECK(locator.locate(f.geometry.points[0]) >= 0);  // every sample record lies in the ward
  }
}
