#pragma once
// `safetymap print --district NAME --out FILE.pdf [--paper A4|A3] [--landscape] [--from YYYY-MM --to YYYY-MM]
// [--lang ja|en]` and `--all`: the printout each community safety centre posts, headless.
#include <string>
#include <vector>

#include "core/text.hpp"

namespace safetymap::app {

struct PrintCommandOptions {
  std::string geodataDir;
  std::string project;       // a saved project FILE.gpkg; empty = the bundled data
  bool perResident = false;  // the 町丁目 choropleth per 1,000 residents instead of counts
  std::vector<std::pair<std::string, std::string>> roleFiles;
  std::string district, out, paper = "A4", from, to;
  bool all = false, landscape = false;
  Lang lang = Lang::Ja;
};

int runPrint(const PrintCommandOptions& options);

}  // namespace safetymap::app
