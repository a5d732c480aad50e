#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>

#include "analysis/tsunami_impact.hpp"
#include "analysis/ward_stats.hpp"
#include "core/district_activity.hpp"
#include "core/text.hpp"
#include "io/policy_reader.hpp"

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

namespace {
// Every literal key of a tr(…, "key") call in src/, and every key built at run time from a family
// ("activity." + status, "trend." + trend, "ind." + an indicator id of the plan).
std::set<std::string> keysUsedBySource() {
  std::set<std::string> used;
  const std::regex call(R"re(\btr\(\s*[^,()]+,\s*"([^"]+)"\s*\))re");
  for (const auto& e : std::filesystem::recursive_directory_iterator(SAFETYMAP_SOURCE_DIR "/src")) {
    if (!e.is_regular_file() || e.path().filename() == "catalogue.cpp") continue;
    std::ifstream in(e.path());
    std::string text((std::istreambuf_iterator<char>(in)), {});
    for (std::sregex_iterator it(text.begin(), text.end(), call), end; it != end; ++it) used.insert((*it)[1]);
    // The menu's commands name their menu and label keys in a table, shown with tr(lang, cmd.label).
    if (e.path().filename() == "main_menu.cpp") {
      const std::regex key(R"re("([a-z_]+\.[a-z_.]+)")re");
      for (std::sregex_iterator it(text.begin(), text.end(), key), end; it != end; ++it) used.insert((*it)[1]);
    }
  }
  for (auto s : {ActivityStatus::NotRecorded, ActivityStatus::Done, ActivityStatus::Planned, ActivityStatus::NotDone})
    used.insert(std::string("activity.") + activityStatusKey(s));
  for (auto t : {analysis::Trend::Unknown, analysis::Trend::Decreasing, analysis::Trend::Flat,
                 analysis::Trend::Increasing})
    used.insert(std::string("trend.") + analysis::trendKey(t));
  for (auto v : {analysis::ShelterVerdict::Meets, analysis::ShelterVerdict::TooFewStoreys,
                 analysis::ShelterVerdict::BelowDepth, analysis::ShelterVerdict::NotFlooded,
                 analysis::ShelterVerdict::Unknown})
    used.insert(std::string("verdict.") + analysis::verdictKey(v));
  Diagnostics diag(false);
  auto plan = io::readPolicy(SAFETYMAP_SOURCE_DIR "/geodata/plan/plan.json", diag);
  REQUIRE(plan);
  for (const auto& link : plan->links)
    for (const auto& id : link.indicators) used.insert("ind." + id);
  return used;
}

bool mentionedOutsideCode(const std::string& key) {  // e.g. a layer's empty_note in geodata/layers.json
  for (const auto& e : std::filesystem::recursive_directory_iterator(SAFETYMAP_SOURCE_DIR "/geodata")) {
    if (!e.is_regular_file() || e.path().extension() != ".json" ||
        e.path().string().find("/derived/") != std::string::npos)
      continue;
    std::ifstream in(e.path());
    std::string text((std::istreambuf_iterator<char>(in)), {});
    if (text.find("\"" + key + "\"") != std::string::npos) return true;
  }
  for (const auto& e : std::filesystem::recursive_directory_iterator(SAFETYMAP_SOURCE_DIR "/src")) {
    if (!e.is_regular_file() || e.path().filename() == "catalogue.cpp") continue;
    std::ifstream in(e.path());
    std::string text((std::istreambuf_iterator<char>(in)), {});
    if (text.find("\"" + key + "\"") != std::string::npos) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("every key the code asks for is in the catalogue, and every catalogue key is asked for", "[text]") {
  std::set<std::string> catalogue;
  for (int i = 0; i < catalogueSize(); ++i) catalogue.insert(std::string(catalogueKey(i)));
  const auto used = keysUsedBySource();
  REQUIRE(used.size() > 100);
  for (const auto& k : used) {
    INFO("tr() key used in src/ but missing from the catalogue: " << k);
    CHECK(catalogue.count(k) == 1);
  }
  for (const auto& k : catalogue) {
    INFO("catalogue key no code or data asks for: " << k);
    CHECK((used.count(k) == 1 || mentionedOutsideCode(k)));
  }
}

TEST_CASE("an unknown key shows as itself, from storage that outlives a temporary key", "[text]") {
  const char* shown = tr(Lang::En, std::string("no.such.") + std::string(40, 'k'));  // the key dies here
  std::string padding(64, 'x');                                                      // reuse the freed memory
  CHECK(std::string(shown) == "no.such." + std::string(40, 'k'));
  CHECK(tr(Lang::En, "panel.layers") == tr(Lang::En, std::string("panel.") + "layers"));  // the same pointer
}
