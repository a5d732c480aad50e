// The same place (Minato Ward office) in every format GDAL reads must arrive at the same point
// of the working CRS: the code path is GDAL's, whatever the file.
#include <catch2/catch.hpp>
#include <fstream>
#include <iomanip>

#include "io/crs.hpp"
#include "io/layer_reader.hpp"
#include "jobs/load.hpp"
#include "test_support.hpp"

using namespace safetymap;

namespace {
const Vec2 kWardOffice = io::fromLonLat({135.460694, 34.663917});

const Feature& onlyFeature(const std::vector<std::shared_ptr<Layer>>& layers) {
  REQUIRE(layers.size() == 1);
  REQUIRE(layers[0]->features.size() >= 1);
  return layers[0]->features[0];
}
}  // namespace

TEST_CASE("CSV, Shapefile, GeoPackage put the ward office at the same place", "[reader]") {
  for (const char* f : {"good/ward-office.csv", "good/ward-office.shp", "good/ward-office.gpkg"}) {
    INFO(f);
    Diagnostics d(false);
    auto layers = jobs::readLayers(test::dataFile(f), d);
    CHECK(d.count(Severity::Error) == 0);
    const Feature& feat = onlyFeature(layers);
    REQUIRE(feat.geometry.type == GeometryType::Point);
    CHECK(distance(feat.geometry.points[0], kWardOffice) < 0.01);
    CHECK(layers[0]->value(feat, layers[0]->fieldIndex("name") >= 0 ? "name" : layers[0]->fields[0].name) != nullptr);
  }
}

TEST_CASE("KML reads with its names", "[reader]") {
  Diagnostics d(false);
  auto layers = jobs::readLayers(test::dataFile("good/two-centres.kml"), d);
  REQUIRE(layers.size() >= 1);
  size_t n = 0;
  for (auto& l : layers) n += l->features.size();
  CHECK(n == 2);
  const Layer& l = *layers[0];
  REQUIRE(l.fieldIndex("Name") >= 0);
  CHECK_FALSE(l.value(l.features[0], "Name")->empty());
}

TEST_CASE("a Shift_JIS CSV with coordinates is read and its encoding reported", "[reader]") {
  test::TempDir tmp;
  std::string path = tmp.file("sjis.csv");
  {
    // 名称,緯度,経度 / 港区役所,34.663917,135.460694 in CP932.
    std::ofstream out(path, std::ios::binary);
    out << "\x96\xBC\x8F\xCC,\x88\xDC\x93\x78,\x8C\x6F\x93\x78\n\x8D\x60\x8B\xE6\x96\xF0\x8F\x8A,34.663917,135."
           "460694\n";
  }
  Diagnostics d(false);
  auto layers = jobs::readLayers(path, d);
  const Feature& f = onlyFeature(layers);
  CHECK(layers[0]->provenance.encoding == "Shift_JIS (CP932)");
  CHECK(*layers[0]->value(f, "名称") == "港区役所");
  CHECK(distance(f.geometry.points[0], kWardOffice) < 0.01);
  CHECK_THAT(test::allMessages(d), Catch::Contains("Shift_JIS"));
}

TEST_CASE("a GeoJSON written in the plane CRS is read without a second transformation", "[reader]") {
  test::TempDir tmp;
  std::string path = tmp.file("plane.geojson");
  {
    std::ofstream out(path);
    out << R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::6674"}},)"
        << R"("features":[{"type":"Feature","properties":{"name":"x"},"geometry":{"type":"Point","coordinates":[)"
        << std::setprecision(12) << kWardOffice.x << "," << kWardOffice.y << "]}}]}";  // GeoJSON: easting, northing
  }
  Diagnostics d(false);
  auto layers = jobs::readLayers(path, d);
  const Feature& f = onlyFeature(layers);
  INFO(test::allMessages(d));
  CHECK(distance(f.geometry.points[0], kWardOffice) < 0.001);
}

TEST_CASE("a polygon's rings are read closed implicitly, holding exactly their points", "[reader]") {
  Diagnostics d(false);
  auto layers = jobs::readLayers(test::dataFile("good/polygon-with-hole.geojson"), d);
  const Feature& f = onlyFeature(layers);
  REQUIRE(f.geometry.polygons.size() == 1);
  const Polygon& p = f.geometry.polygons[0];
  REQUIRE(p.holes.size() == 1);
  for (const Ring* r : {&p.outer, &p.holes[0]}) {
    CHECK(r->size() == 4);      // the file repeats the first point last: left out
    CHECK(r->front() != r->back());
    CHECK(r->capacity() == 4);  // no room for more (grown point by point a footprint took twice its size)
  }
}
