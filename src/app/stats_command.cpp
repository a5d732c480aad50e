#include "app/stats_command.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "analysis/indicators.hpp"
#include "analysis/tsunami_impact.hpp"
#include "analysis/ward_stats.hpp"
#include "jobs/load.hpp"
#include "io/settings.hpp"

namespace safetymap::app {

namespace {
nlohmann::json toJson(const analysis::WardStats& s, const Project& p) {
  // Each district's map colour, as on the screen and on paper (for scripts that check maps).
  auto fill = [&p](const std::string& name) {
    int i = p.findDistrict(name);
    if (i < 0) return std::string();
    Rgba c = p.districts()[static_cast<size_t>(i)].fill;
    return fmt::format("#{:02X}{:02X}{:02X}", c.r, c.g, c.b);
  };
  using nlohmann::json;
  json byType = json::object(), years = json::array(), districts = json::array();
  for (const auto& [t, n] : s.crimesByType)
    if (n > 0) byType[t] = n;
  for (const auto& y : s.crimesByYear) {
    json types = json::object();
    for (const auto& [t, n] : y.byType) types[t] = n;
    years.push_back({{"year", y.year}, {"count", y.count}, {"child_victims", y.childVictims}, {"by_type", types}});
  }
  // Per year: the count, and per 1,000 residents of the 2015 census where the population is known.
  auto perYear = [](const std::map<int, int>& byYear, long population) {
    json out = json::object();
    for (const auto& [y, n] : byYear)
      out[std::to_string(y)] = {
          {"count", n}, {"rate_per_1000", population > 0 ? json(std::round(1e4 * n / population) / 10.0) : json()}};
    return out;
  };
  json chome = json::array();
  for (const auto& c : s.perChome)
    chome.push_back({{"town", c.town},
                     {"district", c.district.empty() ? json() : json(c.district)},
                     {"population", c.population >= 0 ? json(c.population) : json()},
                     {"crimes", c.crimes},
                     {"by_year", perYear(c.crimesByYear, c.population)}});
  for (const auto& d : s.perDistrict) {
    json types = json::object();
    for (const auto& [t, n] : d.crimesByType) types[t] = n;
    districts.push_back({{"name", d.nameJa},
                         {"population", d.population >= 0 ? json(d.population) : json()},
                         {"crimes_by_year", perYear(d.crimesByYear, d.population)},
                         {"fill", fill(d.nameJa)},
                         {"name_en", d.nameEn},
                         {"tsunami_buildings", d.tsunamiBuildings},
                         {"capacity", d.capacityKnown ? json(d.capacity) : json()},
                         {"capacity_known", d.capacityKnown},
                         {"crimes", d.crimes},
                         {"crimes_by_type", types},
                         {"shelters", d.shelters},
                         {"welfare_shelters", d.welfareShelters},
                         {"safety_centres", d.safetyCentres},
                         {"drill", activityStatusKey(d.drill)},
                         {"study_session", activityStatusKey(d.study)}});
  }
  auto trend = [](const analysis::CrimeTrend& t) {
    return json{{"trend", analysis::trendKey(t.trend)},
                {"from_year", t.fromYear},
                {"to_year", t.toYear},
                {"from", t.fromCount},
                {"to", t.toCount},
                {"through_month", t.throughMonth}};
  };
  return {{"districts", s.districts},
          {"districts_approximate", s.districtsApproximate},
          {"tsunami_buildings", s.tsunamiBuildings},
          {"capacity", s.capacityKnown ? json(s.capacity) : json()},
          {"capacity_known", s.capacityKnown},
          {"shelters", s.shelters},
          {"welfare_shelters", s.welfareShelters},
          {"safety_centres", s.safetyCentres},
          {"crimes", s.crimes},
          {"crimes_synthetic", s.crimesSynthetic},
          {"crime_types_without_records", s.crimeTypesWithoutRecords},
          {"population", s.population >= 0 ? json(s.population) : json()},
          {"population_source", s.population >= 0 ? "2015 census (e-Stat), sum of the 町丁目" : ""},
          {"per_chome", chome},
          {"crimes_by_type", byType},
          {"crimes_by_year", years},
          {"crime_trend", trend(s.crimeTrend)},
          {"child_victims", s.childVictims},
          {"crimes_with_age", s.crimesWithAge},
          {"drills_done", s.drillsDone},
          {"study_sessions_done", s.studyDone},
          {"per_district", districts}};
}

// The tsunami hazard against people and buildings; people rounded to whole persons only when printed.
nlohmann::json tsunamiJson(const analysis::TsunamiImpact& t) {
  using nlohmann::json;
  json classes = json::array();
  for (const auto& c : t.classes)
    classes.push_back({{"from_m", c.range.lo},
                       {"to_m", std::isinf(c.range.hi) ? json() : json(c.range.hi)},
                       {"label", c.labelJa},
                       {"label_en", c.labelEn},
                       {"color", fmt::format("#{:02X}{:02X}{:02X}", c.color.r, c.color.g, c.color.b)}});
  auto people = [](const analysis::DepthPeople& d) {
    json byClass = json::array();
    double wet = 0;
    for (double v : d.byClass) byClass.push_back(std::round(v * 10) / 10), wet += v;
    return json{{"name", d.nameJa},
                {"name_en", d.nameEn},
                {"population", std::round(d.population)},
                {"blocks", d.blocks},
                {"by_class", byClass},
                {"inundated", std::round(wet * 10) / 10},
                {"dry", std::round(d.dry * 10) / 10},
                {"outside_hazard", std::round(d.uncovered * 10) / 10}};
  };
  json districts = json::array();
  for (const auto& d : t.districts) districts.push_back(people(d));
  json buildings = json::array();
  for (const auto& b : t.buildings) {
    json depth;
    if (b.depth) depth = b.depth->lo == b.depth->hi ? json(std::round(b.depth->lo * 100) / 100) : json(b.depth->worst());
    buildings.push_back({{"name", b.name},
                         {"feature", b.feature},
                         {"district", b.district},
                         {"depth_m", depth},
                         {"depth_class", b.depth && b.depth->lo != b.depth->hi
                                             ? json(fmt::format("{:g}–{:g}", b.depth->lo, b.depth->worst()))
                                             : json()},
                         {"depth_known", b.depthKnown},
                         {"depth_source", b.depthFrom},
                         {"plateau_depth_m", b.plateauDepth ? json(*b.plateauDepth) : json()},
                         {"storeys", b.storeys >= 0 ? json(b.storeys) : json()},
                         {"storeys_source", b.storeysFrom},
                         {"storey_height_m", std::round(b.storeyHeight * 100) / 100},
                         {"storey_height_assumed", b.storeyHeightAssumed},
                         {"shelter_floor", b.shelterFloor > 0 ? json(b.shelterFloor) : json()},
                         {"verdict", analysis::verdictKey(b.verdict)}});
  }
  return {{"hazard", t.hasHazard() ? json(t.hazardJa) : json()},
          {"hazard_en", t.hasHazard() ? json(t.hazardEn) : json()},
          {"hazard_kind", t.hasHazard() ? json(t.raster ? "raster" : "polygons") : json()},
          {"synthetic", t.synthetic},
          {"blocks_approximate", t.blocksApproximate},
          {"people_source", "2015 census (e-Stat) per 町丁目, spread evenly over each block's area"},
          {"classes", classes},
          {"ward", people(t.ward)},
          {"per_district", districts},
          {"buildings", buildings},
          {"buildings_meeting_rule", t.meets},
          {"buildings_failing_rule", t.fails},
          {"buildings_not_flooded", t.notFlooded},
          {"buildings_unknown", t.unknown},
          {"rule", "Osaka City: 3 storeys or more, shelter on the 3rd floor or higher and above the depth"}};
}

// Pads to a display width, counting a CJK character as two columns.
std::string pad(const std::string& s, int width) {
  int w = 0;
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    w += len >= 3 ? 2 : 1;
    i += static_cast<size_t>(len);
  }
  return s + std::string(static_cast<size_t>(std::max(0, width - w)), ' ');
}
}  // namespace

int runStats(const StatsOptions& o) {
  Diagnostics diag(true);
  auto loaded = jobs::commandProject(o.project, o.geodataDir, o.roleFiles, diag, false, /*withRoads=*/false);
  if (!loaded) {
    for (const auto& m : diag.snapshot()) std::fprintf(stderr, "safetymap: %s\n", m.str().c_str());
    return 1;
  }
  Project project = std::move(*loaded);
  project.lang = o.lang;
  project.activities = io::loadSettings().activities;
  int district = -1;
  if (!o.district.empty()) {
    district = project.findDistrict(o.district);
    if (district < 0) {
      std::fprintf(stderr, "safetymap stats: %s\n", project.unknownDistrictMessage(o.district).c_str());
      return 2;
    }
  }
  if (project.policy.issues.empty()) {
    std::fprintf(stderr, "safetymap stats: %s\n", tr(o.lang, "plan.missing"));
    return 1;
  }
  auto stats = analysis::computeWardStats(project, district);
  auto indicators = analysis::allIndicators(project.policy, stats, o.lang);
  if (o.json) {
    nlohmann::json j = toJson(stats, project);
    j["district"] =
        district >= 0 ? nlohmann::json(project.districts()[static_cast<size_t>(district)].nameJa) : nlohmann::json();
    j["lang"] = langCode(o.lang);
    nlohmann::json inds = nlohmann::json::array();
    for (const auto& i : indicators)
      inds.push_back({{"id", i.id},
                      {"label", i.label},
                      {"value", i.value},
                      {"number", i.number},
                      {"known", i.known},
                      {"plan", i.policySays},
                      {"disagrees", i.disagrees},
                      {"note", i.note}});
    j["indicators"] = inds;
    if (auto impact = analysis::tsunamiImpact(project)) j["tsunami"] = tsunamiJson(*impact);
    std::printf("%s\n", j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return 0;
  }
  std::string title = tr(o.lang, "stats.title");
  if (district >= 0) title += " — " + project.districtName(district);
  std::printf("%s\n\n", title.c_str());
  for (const auto& i : indicators) {
    std::string value = i.value;
    for (size_t at = value.find('\n'); at != std::string::npos; at = value.find('\n', at + 5))
      value.replace(at, 1, "\n    ");
    std::printf("%s%s: %s\n", i.disagrees ? "⚠ " : "  ", i.label.c_str(), value.c_str());
    if (!i.policySays.empty()) std::printf("    %s\n", i.policySays.c_str());
    if (!i.note.empty()) std::printf("    %s\n", i.note.c_str());
  }
  std::printf("\n%s%s%s%s%s%s\n", pad(tr(o.lang, "stats.district"), 16).c_str(),
              pad(tr(o.lang, "stats.buildings"), 14).c_str(), pad(tr(o.lang, "stats.capacity"), 10).c_str(),
              pad(tr(o.lang, "stats.crimes"), 10).c_str(), pad(tr(o.lang, "stats.shelters"), 10).c_str(),
              tr(o.lang, "stats.centres"));
  for (size_t i = 0; i < stats.perDistrict.size(); ++i) {
    if (district >= 0 && static_cast<int>(i) != district) continue;
    const auto& d = stats.perDistrict[i];
    std::string cap = d.capacityKnown ? fmt::format("{}", d.capacity) : tr(o.lang, "stats.unknown");
    std::printf("%s%s%s%s%s%d\n", pad(o.lang == Lang::En ? d.nameEn : d.nameJa, 16).c_str(),
                pad(fmt::format("{}", d.tsunamiBuildings), 14).c_str(), pad(cap, 10).c_str(),
                pad(fmt::format("{}", d.crimes), 10).c_str(), pad(fmt::format("{}", d.shelters), 10).c_str(),
                d.safetyCentres);
    std::string types;
    for (const auto& [t, total] : stats.crimesByType)  // in the legend's order
      if (auto it = d.crimesByType.find(t); it != d.crimesByType.end()) types += fmt::format("  {} {}", t, it->second);
    if (!types.empty()) std::printf("    %s\n", types.c_str());
  }
  return 0;
}

}  // namespace safetymap::app
