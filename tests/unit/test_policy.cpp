// The plan as data: geodata/plan/plan.json against the document it was transcribed from.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "io/policy_reader.hpp"
#include "test_support.hpp"

using namespace safetymap;

namespace {
Policy loadPlan() {
  Diagnostics d(false);
  auto p = io::readPolicy(test::sourceFile("geodata/plan/plan.json"), d);
  INFO(test::allMessages(d));
  REQUIRE(p);
  return *p;
}

// The document itself, beside the repository as CI has it (../shared/plan/).
std::string documentText() {
  std::string path = test::sourceFile("../shared/plan/minato-ward-fy2021-operating-policy.txt");
  std::ifstream in(path);
  REQUIRE(in);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

const std::string& field(const PolicyAction& a, const std::string& name) {
  return name == "fy3_ja" ? a.fy3Ja : a.fy2ResultsJa;
}
}  // namespace

TEST_CASE("every strategy of the document is in the plan data, with its actions", "[plan]") {
  Policy p = loadPlan();
  std::string doc = documentText();
  std::set<std::string> inDoc;
  std::regex re("戦略\\s*(\\d)\\s*(?:-|－)\\s*(\\d)");
  for (auto it = std::sregex_iterator(doc.begin(), doc.end(), re); it != std::sregex_iterator(); ++it)
    inDoc.insert((*it)[1].str() + "-" + (*it)[2].str());
  REQUIRE(inDoc.size() == 19);
  CHECK(p.issues.size() == 6);
  CHECK(p.strategyCount() == 19);
  for (const auto& id : inDoc) {
    INFO(id);
    const PolicyStrategy* s = p.strategy(id);
    REQUIRE(s);
    CHECK(doc.find(s->titleJa) != std::string::npos);
    CHECK_FALSE(s->titleEn.empty());
    CHECK_FALSE(s->targetJa.empty());
    CHECK_FALSE(s->actions.empty());
    for (const auto& t : s->targetJa) CHECK(doc.find(t) != std::string::npos);  // the Japanese is exact
    for (const auto& a : s->actions) {
      CHECK(doc.find(a.titleJa) != std::string::npos);
      CHECK_FALSE(a.titleEn.empty());
    }
  }
  const PolicyStrategy* s22 = p.strategy("2-2");
  CHECK(s22->titleJa == "防犯対策の強化");
  CHECK(s22->targetJa.front() == "区内の街頭犯罪や子どもが被害者となる事案の件数が減っている。");
  CHECK(p.strategy("2-1")->actions.size() == 6);
  CHECK(p.action("2-1-3")->titleJa == "津波避難ビルの確保");
}

TEST_CASE("the plan's figures are the document's: 108 buildings, 12 centres, 11 districts, 3 and 5", "[plan]") {
  Policy p = loadPlan();
  std::string doc = documentText();
  std::map<std::string, double> expected{
      {"tsunami_buildings", 108}, {"safety_centres", 12}, {"districts", 11}, {"drills", 3}, {"study_sessions", 5}};
  for (const auto& [id, value] : expected) {
    INFO(id);
    auto it = std::find_if(p.figures.begin(), p.figures.end(), [&](const PolicyFigure& f) { return f.id == id; });
    REQUIRE(it != p.figures.end());
    CHECK(it->value == value);
    CHECK(it->quote.find(std::to_string(int(value))) != std::string::npos);
    CHECK(doc.find(it->quote) != std::string::npos);
    const PolicyAction* a = p.action(it->where);
    REQUIRE(a);
    CHECK(field(*a, it->field).find(it->quote) != std::string::npos);
  }
}

TEST_CASE("the budget lines match the document", "[plan]") {
  Policy p = loadPlan();
  std::string doc = documentText();
  int lines = 0;
  for (const auto& issue : p.issues)
    for (const auto& b : issue.budget) {
      ++lines;
      CHECK(doc.find(b.itemJa) != std::string::npos);
      if (b.fy3ThousandYen && b.fy2ThousandYen) {
        auto commas = [](long v) {
          std::string d = std::to_string(v), out;
          for (size_t i = 0; i < d.size(); ++i) out += (i && (d.size() - i) % 3 == 0 ? "," : "") + std::string(1, d[i]);
          return out;
        };
        std::string printed =
            "【予算額 " + commas(*b.fy3ThousandYen) + "千円（2年度：" + commas(*b.fy2ThousandYen) + "千円）】";
        INFO(printed);
        CHECK(doc.find(printed) != std::string::npos);
      }
    }
  CHECK(lines == 10);
  const auto& issue2 = p.issues[1].budget;
  REQUIRE(issue2.size() == 2);
  CHECK(*issue2[0].fy3ThousandYen == 2738);
  CHECK(*issue2[0].fy2ThousandYen == 1678);
  CHECK(*issue2[1].fy3ThousandYen == 2141);
  CHECK(*issue2[1].fy2ThousandYen == 2378);
  CHECK(*p.issues[0].budget[0].fy3ThousandYen == 31727);
  CHECK_FALSE(p.issues[3].budget[1].fy3ThousandYen.has_value());  // the plan prints "-"
}

TEST_CASE("links: layers serve strategies, items gather the links under them", "[plan]") {
  Policy p = loadPlan();
  CHECK(p.strategiesServing(LayerRole::Crimes) == std::vector<std::string>{"2-2"});
  CHECK(p.strategiesServing(LayerRole::TsunamiBuildings) == std::vector<std::string>{"2-1"});
  auto d = p.strategiesServing(LayerRole::Districts);
  CHECK(std::find(d.begin(), d.end(), "1-2") != d.end());
  CHECK(p.linksUnder("2").size() >= 5);
  CHECK(p.linksUnder("2-1-3").size() == 1);
  CHECK(p.linksUnder("5").empty());
  CHECK(isUnderPolicyId("2-1-3", "2-1"));
  CHECK_FALSE(isUnderPolicyId("2-10", "2-1"));
  CHECK(parentPolicyId("2-1-3") == "2-1");
}

TEST_CASE("a broken plan file is one clear message", "[plan][bad]") {
  test::TempDir tmp;
  std::ofstream(tmp.file("plan.json")) << "{\"issues\": [ {\"title_ja\": ";
  Diagnostics d(false);
  CHECK_FALSE(io::readPolicy(tmp.file("plan.json"), d));
  CHECK(d.count(Severity::Error) == 1);
  CHECK_THAT(test::allMessages(d), Catch::Contains("plan.json"));
}
