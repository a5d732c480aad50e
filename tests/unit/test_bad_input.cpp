// Every kind of bad input gives one clear message naming the file, and never a crash.
#include <catch2/catch.hpp>
#include <fstream>

#include "io/layer_reader.hpp"
#include "jobs/load.hpp"
#include "test_support.hpp"

using namespace safetymap;

namespace {
struct Read {
  std::vector<std::shared_ptr<Layer>> layers;
  std::string messages;
  size_t errors = 0, warnings = 0;
  size_t features() const {
    size_t n = 0;
    for (auto& l : layers) n += l->features.size();
    return n;
  }
};

Read read(const std::string& path) {
  Diagnostics d(false);
  Read r;
  r.layers = jobs::readLayers(path, d);
  r.messages = test::allMessages(d);
  r.errors = d.count(Severity::Error);
  r.warnings = d.count(Severity::Warning);
  // Every message names the file it is about.
  for (const auto& m : d.snapshot())
    CHECK(m.file.find(std::filesystem::path(path).filename().string()) != std::string::npos);
  return r;
}
}  // namespace

TEST_CASE("an empty (0-byte) file", "[bad]") {
  auto r = read(test::dataFile("bad/empty.geojson"));
  CHECK(r.layers.empty());
  CHECK(r.errors == 1);
  CHECK_THAT(r.messages, Catch::Contains("empty"));
}

TEST_CASE("a truncated GeoJSON", "[bad]") {
  auto r = read(test::dataFile("bad/truncated.geojson"));
  CHECK(r.features() == 0);
  CHECK(r.errors >= 1);
  CHECK_THAT(r.messages, Catch::Contains("GDAL"));
}

TEST_CASE("binary junk", "[bad]") {
  auto r = read(test::dataFile("bad/junk.geojson"));
  CHECK(r.features() == 0);
  CHECK(r.errors >= 1);
}

TEST_CASE("an unknown CRS", "[bad]") {
  auto r = read(test::dataFile("bad/unknown-crs.geojson"));
  CHECK(r.features() == 0);
  CHECK(r.errors >= 1);
  CHECK_THAT(r.messages, Catch::Contains("coordinate reference system") || Catch::Contains("CRS"));
}

TEST_CASE("a Shapefile without a .prj has no CRS", "[bad]") {
  auto r = read(test::dataFile("bad/no-crs.shp"));
  CHECK(r.features() == 0);
  CHECK_THAT(r.messages, Catch::Contains("no coordinate reference system"));
}

TEST_CASE("a self-intersecting polygon is repaired with GEOS and counted", "[bad]") {
  auto r = read(test::dataFile("bad/self-intersecting.geojson"));
  REQUIRE(r.layers.size() == 1);
  CHECK(r.features() == 2);  // the bow-tie repaired, the square untouched
  CHECK(r.layers[0]->provenance.repairedGeometries == 1);
  CHECK_THAT(r.messages, Catch::Contains("repaired"));
  CHECK_THAT(r.messages, Catch::Contains("Self-intersection"));
  // The repaired bow-tie keeps both lobes: two triangles of a quarter of the square each.
  CHECK(area(r.layers[0]->features[0].geometry) == Approx(area(r.layers[0]->features[1].geometry) / 2).epsilon(0.01));
}

TEST_CASE("an unclosed ring does not crash", "[bad]") {
  auto r = read(test::dataFile("bad/unclosed-ring.geojson"));
  // GDAL either closes the ring (one valid polygon) or refuses the file; either way it is said.
  if (r.features() == 1)
    CHECK(area(r.layers[0]->features[0].geometry) > 0);
  else
    CHECK(r.errors >= 1);
}

TEST_CASE("NaN and huge coordinates skip the feature, keep the rest", "[bad]") {
  auto r = read(test::dataFile("bad/nan-coords.geojson"));
  CHECK(r.features() == 1);
  CHECK_THAT(r.messages, Catch::Contains("1 feature(s) skipped"));
}

TEST_CASE("features without geometry are skipped and counted", "[bad]") {
  auto r = read(test::dataFile("bad/empty-geometry.geojson"));
  CHECK(r.features() == 1);
  CHECK_THAT(r.messages, Catch::Contains("without geometry"));
}

TEST_CASE("a CSV without coordinate columns says what it expected", "[bad]") {
  auto r = read(test::dataFile("bad/no-coordinates.csv"));
  CHECK(r.features() == 0);
  CHECK_THAT(r.messages, Catch::Contains("緯度/経度"));
}

TEST_CASE("a Shift_JIS CSV without a BOM is detected and reported", "[bad]") {
  auto r = read(test::dataFile("bad/shiftjis.csv"));
  CHECK_THAT(r.messages, Catch::Contains("Shift_JIS"));
  REQUIRE(r.features() == 2);
  const Layer& l = *r.layers[0];
  CHECK(*l.value(l.features[0], "名称") == "市岡中学校");
}

TEST_CASE("a missing file", "[bad]") {
  auto r = read("/nonexistent/safetymap/none.geojson");
  CHECK(r.layers.empty());
  CHECK_THAT(r.messages, Catch::Contains("file not found"));
}

TEST_CASE("binary bytes in a .csv are refused as not text", "[bad]") {
  test::TempDir tmp;
  std::string path = tmp.file("binary.csv");
  {
    std::ofstream out(path, std::ios::binary);
    out << std::string("a,b\n\0\x01\x02", 7);
  }
  auto r = read(path);
  CHECK(r.layers.empty());
  CHECK_THAT(r.messages, Catch::Contains("binary"));
}
