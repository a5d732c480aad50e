#include "app/briefing_command.hpp"

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/load_job.hpp"
#include "io/walk_raster.hpp"
#include "print/briefing.hpp"

namespace safetymap::app {

analysis::WalkGrid buildWalkGrid(const Project& p, double cell, Diagnostics& diag) {
  Bounds extent = p.wardBounds();
  extent.minx -= 200, extent.miny -= 200, extent.maxx += 200, extent.maxy += 200;
  const Layer* roads = p.layerByRole(LayerRole::Roads);
  if (!roads) {
    diag.error("roads", "no walking surface is loaded (the PLATEAU road layer): routes cannot be computed");
    return {};
  }
  return io::rasterizeWalkable(*roads, extent, cell, diag);
}

int runBriefing(const BriefingCommandOptions& o) {
  auto fail = [](const std::string& m) {
    std::fprintf(stderr, "safetymap briefing: %s\n", m.c_str());
    return 2;
  };
  if (o.district.empty()) return fail("--district NAME is required");
  if (o.out.empty() && !o.json) return fail("--out FILE.pdf is required");
  if (!(o.speed > 0.05 && o.speed < 10)) return fail("--speed must be a walking speed in m/s (e.g. 1.0)");
  if (o.mode != "nearest" && o.mode != "capacity") return fail("--mode is nearest or capacity");
  Diagnostics diag(true);
  Project project = loadProjectNow(o.geodataDir, o.roleFiles, diag, false, /*withRoads=*/true);
  project.lang = o.lang;
  int district = project.findDistrict(o.district);
  if (district < 0) {
    std::string names;
    for (const auto& d : project.districts()) names += " " + d.nameJa + "(" + d.nameEn + ")";
    return fail("unknown district '" + o.district + "'; the districts are:" + names);
  }
  auto t0 = std::chrono::steady_clock::now();
  std::fprintf(stderr, "safetymap briefing:  10%% walking grid (%.0f m cells)\n", o.cell);
  analysis::WalkGrid grid = buildWalkGrid(project, o.cell, diag);
  if (grid.walkable.empty()) return 1;
  std::fprintf(stderr, "safetymap briefing:  40%% walking distances over %zu street cells\n", grid.walkableCount());
  analysis::EvacuationOptions eo;
  eo.speed = o.speed;
  eo.supportSpeed = o.supportSpeed;
  eo.capacityAware = o.mode == "capacity";
  eo.scenarioCapacity = o.capacity;
  analysis::EvacuationPlan plan = analysis::planEvacuation(project, grid, eo);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(stderr, "safetymap briefing:  80%% assignment done (%.2f s)\n", seconds);
  if (o.json) {
    nlohmann::json j;
    j["district"] = project.districts()[static_cast<size_t>(district)].nameJa;
    j["people"] = plan.people, j["assigned"] = plan.assigned, j["shortfall"] = plan.shortfall;
    j["unreachable_people"] = plan.unreachablePeople;
    j["grid"] = {
        {"cell", grid.cell}, {"width", grid.width}, {"height", grid.height}, {"walkable", grid.walkableCount()}};
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
      bs.push_back({{"name", b.name},
                    {"x", b.position.x},
                    {"y", b.position.y},
                    {"street", b.cell >= 0},
                    {"load", b.load},
                    {"capacity", b.capacity ? nlohmann::json(*b.capacity) : nlohmann::json()},
                    {"capacity_assumed", b.capacityAssumed}});
    j["buildings"] = bs;
    j["seconds"] = seconds;
    std::printf("%s\n", j.dump(1).c_str());
    if (o.out.empty()) return 0;
  }
  print::BriefingOptions bo;
  bo.district = district;
  bo.lang = o.lang;
  bo.out = o.out;
  std::string error;
  int pages = print::printBriefing(project, grid, plan, bo, error);
  if (pages <= 0) {
    std::fprintf(stderr, "safetymap briefing: %s\n", error.c_str());
    return 1;
  }
  std::fprintf(stderr, "safetymap briefing: 100%% wrote %s (%d pages)\n", o.out.c_str(), pages);
  return 0;
}

}  // namespace safetymap::app
