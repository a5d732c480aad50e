#pragma once
// The evacuation drill's computation: what people walk on (the road-surface grid, or a loaded centre-line
// network) and the ward-wide plan over it. The surfaces are built once and kept between runs.
#include <memory>
#include <mutex>
#include <string>

#include "analysis/evacuation.hpp"
#include "analysis/walk_surface.hpp"
#include "core/diagnostics.hpp"
#include "core/project.hpp"
#include "jobs/job.hpp"

namespace safetymap::jobs {

// The walking grid of the loaded project: its road surfaces rasterised over the ward (plus a margin).
analysis::WalkGrid buildWalkGrid(const Project& project, double cellMetres, Diagnostics& diag);

// The street graph of the loaded centre-line network (the walk_network layer), nodes every 10 m; null with
// the reason in diag when there is none or it holds no lines.
std::unique_ptr<analysis::WalkGraph> buildWalkGraph(const Project& project, Diagnostics& diag);

// What the planner walks on: the network when asked (or, for "auto", when one is loaded), else the grid.
// Null with the reason in diag when neither can be built.
std::shared_ptr<const analysis::WalkSurface> buildWalkSurface(const Project& project, const std::string& choice,
                                                              double cellMetres, Diagnostics& diag);

// The surfaces already built: the grid (the roads do not change), the network until its layer changes.
class WalkSurfaces {
 public:
  std::shared_ptr<const analysis::WalkSurface> get(const Project& project, bool onNetwork, Diagnostics& diag);

 private:
  std::mutex mutex_;
  std::shared_ptr<const analysis::WalkSurface> grid_, network_;
  std::uint64_t networkVersion_ = 0;
};

struct DrillRun {
  std::shared_ptr<const analysis::EvacuationPlan> plan;  // null when it failed or was cancelled
  std::shared_ptr<const analysis::WalkSurface> surface;   // what the plan walked on
  double seconds = 0;
  std::string error;
};

// The plan on the network when asked and loaded, else on the grid.
DrillRun computeDrill(const Project& project, WalkSurfaces& surfaces, const analysis::EvacuationOptions& options,
                      bool onNetwork, JobProgress& progress);

}  // namespace safetymap::jobs
