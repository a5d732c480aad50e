#pragma once
// `safetymap stats [--json] [--district NAME]`: the policy's indicators and the per-district counts that
// the policy panel shows, computed headless from the same layers.
#include <optional>
#include <string>
#include <vector>

#include "core/text.hpp"

namespace safetymap::app {

struct StatsOptions {
  std::string geodataDir;
  std::string project;  // a saved project FILE.gpkg; empty = the bundled data
  std::vector<std::pair<std::string, std::string>> roleFiles;
  std::string district;  // Japanese or English name; empty = the whole ward
  bool json = false;
  Lang lang = Lang::Ja;
};

int runStats(const StatsOptions& options);

}  // namespace safetymap::app
