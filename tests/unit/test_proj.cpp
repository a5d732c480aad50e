// PROJ transformations checked against cs2cs, PROJ's own command-line tool, to the millimetre.
#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <sstream>

#include "io/crs.hpp"

using namespace safetymap;

namespace {
// Runs cs2cs (lat/lon in, northing/easting out: EPSG:6674's own axis order).
std::array<double, 2> cs2cs(double lat, double lon) {
  char cmd[256];
  std::snprintf(cmd, sizeof cmd, "echo '%.9f %.9f' | cs2cs -f %%.4f EPSG:6668 EPSG:6674", lat, lon);
  FILE* p = popen(cmd, "r");
  REQUIRE(p);
  double n = 0, e = 0;
  int got = std::fscanf(p, "%lf %lf", &n, &e);
  pclose(p);
  REQUIRE(got == 2);
  return {n, e};
}
}  // namespace

TEST_CASE("JGD2011 lat/lon to Plane Rectangular CS VI agrees with cs2cs to the millimetre", "[proj]") {
  io::Transformer t("EPSG:6668", io::kWorkingCrs);
  const std::array<std::array<double, 2>, 4> places{{
      {34.663917, 135.460694},  // the ward office
      {34.6636, 135.4613},
      {34.6480, 135.4294},  // Tempozan
      {34.6770, 135.4740},
  }};
  for (auto [lat, lon] : places) {
    Vec2 p = t.forward({lon, lat});  // x = easting, y = northing, whatever EPSG's order
    auto ref = cs2cs(lat, lon);
    CHECK(p.y == Approx(ref[0]).margin(0.001));
    CHECK(p.x == Approx(ref[1]).margin(0.001));
  }
}

TEST_CASE("the known point of STACK.md and the round trip", "[proj]") {
  Vec2 p = io::fromLonLat({135.4613, 34.6636});
  CHECK(p.y == Approx(-148122.304).margin(0.001));
  CHECK(p.x == Approx(-49372.670).margin(0.001));
  Vec2 back = io::toLonLat(p);
  CHECK(back.x == Approx(135.4613).margin(1e-9));
  CHECK(back.y == Approx(34.6636).margin(1e-9));
}

TEST_CASE("an unknown CRS is an error naming it", "[proj]") {
  CHECK_THROWS_WITH(io::Transformer("EPSG:999999", io::kWorkingCrs), Catch::Contains("PROJ"));
}
