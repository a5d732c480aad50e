#include "io/policy_reader.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

namespace safetymap::io {

namespace {
using nlohmann::json;

std::optional<long> amount(const json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  return j[key].get<long>();
}

std::vector<std::string> strings(const json& j, const char* key) {
  std::vector<std::string> out;
  for (const auto& v : j.value(key, json::array())) out.push_back(v.get<std::string>());
  return out;
}
}  // namespace

std::optional<Policy> readPolicy(const std::string& path, Diagnostics& diag) {
  std::ifstream in(path);
  if (!in) {
    diag.error(path, "the plan file cannot be opened");
    return std::nullopt;
  }
  try {
    json j = json::parse(in);
    Policy p;
    p.titleJa = j.value("title_ja", "");
    p.titleEn = j.value("title_en", "");
    p.goalJa = j.value("goal_ja", "");
    p.source = j.value("source", "");
    for (const auto& ji : j.at("issues")) {
      PolicyIssue issue;
      issue.id = ji.at("id").get<std::string>();
      issue.titleJa = ji.value("title_ja", "");
      issue.titleEn = ji.value("title_en", "");
      issue.summaryJa = ji.value("summary_ja", "");
      for (const auto& b : ji.value("budget", json::array()))
        issue.budget.push_back({b.value("item_ja", ""), amount(b, "fy3_thousand_yen"), amount(b, "fy2_thousand_yen")});
      for (const auto& js : ji.value("strategies", json::array())) {
        PolicyStrategy s;
        s.id = js.at("id").get<std::string>();
        s.titleJa = js.value("title_ja", "");
        s.titleEn = js.value("title_en", "");
        s.targetJa = strings(js, "target_ja");
        s.targetEn = js.value("target_en", "");
        for (const auto& ja : js.value("actions", json::array()))
          s.actions.push_back({ja.at("id").get<std::string>(), ja.value("title_ja", ""), ja.value("title_en", ""),
                               ja.value("fy3_ja", ""), ja.value("fy2_results_ja", ""),
                               ja.value("changed_from_fy2", false)});
        issue.strategies.push_back(std::move(s));
      }
      p.issues.push_back(std::move(issue));
    }
    for (const auto& jl : j.value("links", json::array())) {
      PolicyLink l;
      l.target = jl.at("target").get<std::string>();
      for (const auto& r : strings(jl, "layers")) {
        auto role = roleFromKey(r);
        if (!role)
          diag.warning(path, "link " + l.target + " names an unknown layer role '" + r + "'");
        else
          l.layers.push_back(*role);
      }
      l.indicators = strings(jl, "indicators");
      l.noData = jl.value("no_data", "");
      l.colourByDrillStatus = jl.value("colour_districts_by", "") == "drill_status";
      p.links.push_back(std::move(l));
    }
    for (const auto& jf : j.value("figures", json::array()))
      p.figures.push_back({jf.value("id", ""), jf.value("where", ""), jf.value("field", ""), jf.value("quote", ""),
                           jf.value("unit_ja", ""), jf.value("indicator", ""), jf.value("value", 0.0)});
    return p;
  } catch (const std::exception& e) {
    diag.error(path, std::string("the plan file is not valid: ") + e.what());
    return std::nullopt;
  }
}

}  // namespace safetymap::io
