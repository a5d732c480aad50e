#pragma once
// Headless data commands: `safetymap import --into P.gpkg FILE…`, `safetymap check FILE…` and
// `safetymap export --layer ID --out FILE [--project P.gpkg] [--encoding sjis]`.
#include <string>
#include <vector>

#include "core/text.hpp"

namespace safetymap::app {

struct DataCommandOptions {
  std::string geodataDir;
  std::vector<std::string> files;
  std::string project;             // import: --into; export: --project (default: the bundled data)
  std::string layer;               // export
  std::string out;                 // export
  std::string encoding = "utf-8";  // export CSV: utf-8 or sjis
  Lang lang = Lang::Ja;
};

int runImport(const DataCommandOptions& o);
int runCheck(const DataCommandOptions& o);
int runExport(const DataCommandOptions& o);

}  // namespace safetymap::app
