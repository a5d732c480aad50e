#pragma once
// `safetymap briefing --district NAME --out FILE.pdf [--speed m/s] [--mode nearest|capacity]
// [--capacity N] [--lang ja|en] [--json]`: the evacuation drill briefing, headless.
#include <optional>
#include <string>
#include <vector>

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
  std::vector<double> deadlines;  // empty: the planner's defaults
  bool onlyTallEnough = false;
  bool json = false;
  Lang lang = Lang::Ja;
};

int runBriefing(const BriefingCommandOptions& options);

}  // namespace safetymap::app
