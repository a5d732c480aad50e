#include <catch2/catch.hpp>

#include "analysis/town_match.hpp"

using namespace safetymap;

namespace {
Layer towns() {
  Layer l;
  l.fields = {{"town"}};
  for (const char* t : {"市岡一丁目", "市岡二丁目", "市岡元町一丁目", "弁天一丁目", "夕凪二丁目", "福崎三丁目"}) {
    Feature f;
    f.values = {t};
    l.features.push_back(f);
  }
  return l;
}
}  // namespace

TEST_CASE("町丁目 and addresses as people write them find their polygon", "[town]") {
  Layer l = towns();
  analysis::TownMatcher m(l);
  CHECK(m.match("市岡一丁目").feature == 0);
  CHECK(m.match("市岡1丁目").feature == 0);
  CHECK(m.match("市岡１丁目").feature == 0);                  // full-width digit
  CHECK(m.match("大阪市港区市岡二丁目").feature == 1);        // with the city and ward
  CHECK(m.match("大阪府大阪市港区 弁天1-2-3").feature == 3);  // an address
  CHECK(m.match("弁天１－２－３").feature == 3);
  CHECK(m.match("市岡元町1丁目5番").feature == 2);
  CHECK(m.match("福崎").feature == 5);  // a town with a single 丁目 here
  auto amb = m.match("市岡");
  CHECK(amb.feature < 0);
  CHECK_THAT(amb.reason, Catch::Contains("丁目 is needed"));
  auto none = m.match("三軒家東一丁目");
  CHECK(none.feature < 0);
  CHECK_THAT(none.reason, Catch::Contains("not one of"));
  CHECK(m.match("").feature < 0);
  CHECK(analysis::normaliseTown("港区　夕凪２丁目") == "夕凪二丁目");
}
