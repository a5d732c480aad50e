#pragma once
// `safetymap briefing --district NAME --out FILE.pdf [--speed m/s] [--mode nearest|capacity]
// [--capacity N] [--lang ja|en] [--json]`: the evacuation drill briefing, headless.
#include <optional>
#include <string>
#include <vector>

#include "analysis/evacuation.hpp"
#include "analysis/walk_surface.hpp"
#include "core/diagnostics.hpp"
#include "core/project.hpp"
#include "core/text.hpp"

namespace safetymap::app {

struct BriefingCommandOptions {
  std::string geodataDir;
  std::string project;  // a saved project FILE.gpkg; empty = the bundled data
  std::vector<std::pair<std::string, std::string>> roleFiles;
  std::string district, out, mode = "nearest";
  std::string surface = "auto";  // auto (the loaded centre-line network if any, else the grid), grid, network
  double speed = 1.0, supportSpeed = 0.5, cell = 2.0;
  std::optional<long> capacity;
  bool json = false;
  Lang lang = Lang::Ja;
};

int runBriefing(const BriefingCommandOptions& options);

// The walking grid of the loaded project: its road surfaces rasterised over the ward (plus a margin).
analysis::WalkGrid buildWalkGrid(const Project& project, double cellMetres, Diagnostics& diag);

// The street graph of the loaded centre-line network (the walk_network layer), nodes every 10 m; null with
// the reason in diag when there is none or it holds no lines.
std::unique_ptr<analysis::WalkGraph> buildWalkGraph(const Project& project, Diagnostics& diag);

// What the planner walks on: the network when asked (or, for "auto", when one is loaded), else the grid.
// Null with the reason in diag when neither can be built.
std::shared_ptr<const analysis::WalkSurface> buildWalkSurface(const Project& project, const std::string& choice,
                                                              double cellMetres, Diagnostics& diag);

}  // namespace safetymap::app
