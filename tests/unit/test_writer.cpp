// Writing through GDAL: what is written reads back equal, and a failed write never damages the old file.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "io/layer_reader.hpp"
#include "jobs/load.hpp"
#include "io/layer_writer.hpp"
#include "test_support.hpp"

using namespace safetymap;

namespace {
Layer sample() {
  Layer l;
  l.id = "buildings";
  l.fields = {{"name"}, {"capacity", Field::Type::Integer}, {"approximate", Field::Type::Boolean}};
  Feature a;
  a.geometry.type = GeometryType::Point;
  a.geometry.points = {{-49372.670, -148122.304}};
  a.values = {"港区役所", "120", "false"};
  Feature b;
  b.geometry.type = GeometryType::Polygon;
  b.geometry.polygons.push_back({{{-49500, -148500}, {-49400, -148500}, {-49400, -148400}, {-49500, -148400}}, {}});
  b.values = {"区画", "", "true"};
  l.features = {a, b};
  return l;
}
}  // namespace

TEST_CASE("GeoJSON (EPSG:4326) and GeoPackage round trips keep geometry and attributes", "[writer]") {
  test::TempDir tmp;
  Layer l = sample();
  for (auto [driver, name] : {std::pair{"GeoJSON", "out.geojson"}, std::pair{"GPKG", "out.gpkg"}}) {
    INFO(driver);
    Diagnostics d(false);
    io::WriteOptions o;
    o.driver = driver;
    if (std::string(driver) == "GeoJSON") o.layerOptions = {"RFC7946=YES"};
    REQUIRE(io::writeLayer(l, tmp.file(name), o, d));
    auto back = jobs::readLayers(tmp.file(name), d);
    REQUIRE(back.size() == 1);
    const Layer& r = *back[0];
    REQUIRE(r.features.size() == 2);
    CHECK(*r.value(r.features[0], "name") == "港区役所");
    CHECK(*r.value(r.features[0], "capacity") == "120");
    CHECK(isTruthy(*r.value(r.features[1], "approximate")));
    CHECK(distance(r.features[0].geometry.points[0], l.features[0].geometry.points[0]) < 0.01);
    CHECK(area(r.features[1].geometry) == Approx(10000).epsilon(1e-4));
  }
  // RFC 7946: plain lon/lat, no crs member.
  std::ifstream in(tmp.file("out.geojson"));
  std::string text((std::istreambuf_iterator<char>(in)), {});
  CHECK(text.find("\"crs\"") == std::string::npos);
  CHECK(text.find("135.46") != std::string::npos);
}

TEST_CASE("a failed write leaves the previous file untouched and no temporary behind", "[writer]") {
  test::TempDir tmp;
  std::string path = tmp.file("keep.geojson");
  {
    std::ofstream out(path);
    out << "previous";
  }
  Diagnostics d(false);
  io::WriteOptions o;
  o.driver = "NoSuchDriver";
  CHECK_FALSE(io::writeLayer(sample(), path, o, d));
  CHECK_THAT(test::allMessages(d), Catch::Contains("keep.geojson"));
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  CHECK(text == "previous");
  // Writing into a directory that cannot be created fails with the path named.
  Diagnostics d2(false);
  CHECK_FALSE(io::writeLayer(sample(), "/proc/no/such/dir/x.geojson", {}, d2));
  CHECK_THAT(test::allMessages(d2), Catch::Contains("x.geojson"));
  size_t files = 0;
  for (auto& e : std::filesystem::directory_iterator(tmp.path)) files += e.is_regular_file();
  CHECK(files == 1);
}
