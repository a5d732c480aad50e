#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "core/text.hpp"

using namespace safetymap;

TEST_CASE("every catalogue key has Japanese and English text, and keys are unique", "[text]") {
  std::set<std::string> keys;
  REQUIRE(catalogueSize() > 30);
  for (int i = 0; i < catalogueSize(); ++i) {
    std::string k(catalogueKey(i));
    CHECK(keys.insert(k).second);
    std::string ja = tr(Lang::Ja, k), en = tr(Lang::En, k);
    CHECK_FALSE(ja.empty());
    CHECK_FALSE(en.empty());
  }
}

TEST_CASE("Japanese is the default and English is available", "[text]") {
  CHECK(std::string(tr(Lang::Ja, "panel.layers")) == "レイヤー");
  CHECK(std::string(tr(Lang::En, "panel.layers")) == "Layers");
  CHECK(std::string(tr(Lang::Ja, "no.such.key")) == "no.such.key");
  CHECK(parseLang("en") == Lang::En);
  CHECK(parseLang("ja") == Lang::Ja);
  CHECK_FALSE(parseLang("fr").has_value());
}
