#pragma once
// `safetymap share init`: the shared store made from a project. The layers go in through GDAL's PostgreSQL driver
// (into a staging schema), then one transaction moves them into place with the schema of sql/ (versions, history,
// row-level security, grants) and the list of layers, so a failure at any point leaves the database as it was, and a
// second run adds only what is missing.
#include <string>
#include <vector>

#include "core/project.hpp"
#include "core/status.hpp"

namespace safetymap::share {

struct InitReport {
  bool created = false;            // the store did not exist before
  std::vector<std::string> added;  // tables made by this run
  std::vector<std::string> kept;   // layers already in the store, left as they are
};

Status initStore(const std::string& db, const Project& project, const std::string& from, InitReport& report);

// Whether a layer's records belong to a district (a centre edits those inside its districts) or to the ward office
// (the districts, boundaries and base maps).
bool districtScoped(LayerRole role);

}  // namespace safetymap::share
