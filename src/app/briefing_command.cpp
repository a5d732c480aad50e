#include "app/briefing_command.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "analysis/tsunami_impact.hpp"
#include "jobs/load.hpp"
#include "jobs/drill.hpp"
#include "print/briefing.hpp"

namespace safetymap::app {

int runBriefing(const BriefingCommandOptions& o) {
  auto fail = [](const std::string& m) {
    std::fprintf(stderr, "safetymap briefing: %s\n", m.c_str());
    return 2;
  };
  if (o.district.empty()) return fail("--district NAME is required");
  if (o.out.empty() && !o.json) return fail("--out FILE.pdf is required");
  if (!(o.speed > 0.05 && o.speed < 10)) return fail("--speed must be a walking speed in m/s (e.g. 1.0)");
  if (o.mode != "nearest" && o.mode != "capacity") return fail("--mode is nearest or capacity");
  if (o.surface != "auto" && o.surface != "grid" && o.surface != "network")
    return fail("--walk-on is auto, grid or network");
  Diagnostics diag(true);
  auto loaded = jobs::commandProject(o.project, o.geodataDir, o.roleFiles, diag, false, /*withRoads=*/true);
  if (!loaded) {
    for (const auto& m : diag.snapshot()) std::fprintf(stderr, "safetymap: %s\n", m.str().c_str());
    return 1;
  }
  Project project = std::move(*loaded);
  project.lang = o.lang;
  int district = project.findDistrict(o.district);
  if (district < 0) {
    return fail(project.unknownDistrictMessage(o.district));
  }
  auto t0 = std::chrono::steady_clock::now();
  auto surface = jobs::buildWalkSurface(project, o.surface, o.cell, diag);
  if (!surface) return 1;
  if (surface->graph())
    std::fprintf(stderr, "safetymap briefing:  40%% walking distances over the centre-line network (%zu points)\n",
                 surface->streetCount());
  else
    std::fprintf(stderr, "safetymap briefing:  40%% walking distances over %zu street cells of %.0f m\n",
                 surface->streetCount(), o.cell);
  analysis::EvacuationOptions eo;
  eo.speed = o.speed;
  eo.supportSpeed = o.supportSpeed;
  eo.capacityAware = o.mode == "capacity";
  eo.scenarioCapacity = o.capacity;
  for (double d : o.deadlines)
    if (!(d > 0 && d < 24 * 60)) return fail("--deadline must be minutes after the quake (e.g. 15 or 120)");
  if (!o.deadlines.empty()) eo.deadlines = o.deadlines;
  const auto impact = analysis::tsunamiImpact(project);
  if (o.onlyTallEnough && impact) eo.closed = analysis::buildingsTooLow(*impact, o.lang);
  analysis::EvacuationPlan plan = analysis::planEvacuation(project, *surface, eo);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(stderr, "safetymap briefing:  80%% assignment done (%.2f s)\n", seconds);
  if (o.json) {
    nlohmann::json j;
    j["district"] = project.districts()[static_cast<size_t>(district)].nameJa;
    j["people"] = plan.people, j["assigned"] = plan.assigned, j["shortfall"] = plan.shortfall;
    j["people_source"] = plan.census ? "2015 census per 町丁目" : "ward estimate by street area";
    nlohmann::json within = nlohmann::json::object();
    for (double speed : {plan.options.speed, plan.options.supportSpeed})
      for (double minutes : plan.options.deadlines)
        within[fmt::format("{:.1f}", speed)][fmt::format("{:g}", minutes)] =
            analysis::shareWithin(plan, district, speed, minutes);
    j["share_within_minutes"] = within;
    j["deadlines"] = plan.options.deadlines;
    j["unreachable_people"] = plan.unreachablePeople;
    if (const auto* grid = surface->grid())
      j["grid"] = {
          {"cell", grid->cell}, {"width", grid->width}, {"height", grid->height}, {"walkable", grid->walkableCount()}};
    if (const auto* graph = surface->graph())
      j["network"] = {{"nodes", graph->nodeCount()}, {"edges", graph->edgeCount()}};
    j["surface"] = surface->graph() ? "network" : "grid";
    nlohmann::json ds = nlohmann::json::array();
    for (const auto& d : plan.districts)
      ds.push_back({{"name", d.nameJa},
                    {"people", d.people},
                    {"assigned", d.assigned},
                    {"shortfall", d.shortfall},
                    {"longest_walk_m", d.longestWalk},
                    {"blocks", d.blocks},
                    {"unreachable_blocks", d.unreachableBlocks}});
    j["districts"] = ds;
    nlohmann::json os = nlohmann::json::array();
    for (size_t i = 0; i < plan.origins.size(); ++i) {
      const auto& org = plan.origins[i];
      if (org.district != district) continue;
      nlohmann::json flows = nlohmann::json::array();
      for (const auto& f : org.flows)
        flows.push_back(
            {{"building", plan.buildings[size_t(f.building)].name}, {"people", f.people}, {"distance_m", f.distance}});
      os.push_back({{"x", org.position.x},
                    {"y", org.position.y},
                    {"people", org.people},
                    {"reachable", org.reachable},
                    {"nearest_m", org.nearestDistance},
                    {"flows", flows},
                    {"unplaced", org.unplaced}});
    }
    j["origins"] = os;
    nlohmann::json bs = nlohmann::json::array();
    for (const auto& b : plan.buildings)
      bs.push_back(
          {{"name", b.name},
           {"x", b.position.x},
           {"y", b.position.y},
           {"street", b.cell >= 0},
           {"door", b.cell >= 0 ? nlohmann::json{{"x", surface->position(b.cell).x}, {"y", surface->position(b.cell).y}}
                                : nlohmann::json()},
           {"load", b.load},
           {"capacity", b.capacity ? nlohmann::json(*b.capacity) : nlohmann::json()},
           {"capacity_assumed", b.capacityAssumed},
           {"closed", b.closedBecause.empty() ? nlohmann::json() : nlohmann::json(b.closedBecause)}});
    j["buildings"] = bs;
    j["seconds"] = seconds;
    std::printf("%s\n", j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    if (o.out.empty()) return 0;
  }
  print::BriefingOptions bo;
  bo.district = district;
  bo.lang = o.lang;
  bo.out = o.out;
  bo.impact = impact;
  auto result = print::printBriefing(project, *surface, plan, bo, jobs::interruptOnCtrlC());
  if (!result.status) {
    std::fprintf(stderr, "safetymap briefing: %s\n", result.status.message().c_str());
    return result.cancelled ? 130 : 1;
  }
  std::fprintf(stderr, "safetymap briefing: 100%% wrote %s (%d pages)\n", o.out.c_str(), result.pages);
  return 0;
}

}  // namespace safetymap::app
