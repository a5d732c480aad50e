#include "jobs/drill.hpp"

#include <chrono>

#include "io/walk_raster.hpp"

namespace safetymap::jobs {

analysis::WalkGrid buildWalkGrid(const Project& p, double cell, Diagnostics& diag) {
  Bounds extent = p.wardBounds();
  extent.minx -= 200, extent.miny -= 200, extent.maxx += 200, extent.maxy += 200;
  const Layer* roads = p.layerByRole(LayerRole::Roads);
  if (!roads) {
    diag.error("roads", "no walking surface is loaded (the PLATEAU road layer): routes cannot be computed");
    return {};
  }
  return {io::rasterizeWalkable(*roads, extent, cell, diag)};
}

std::unique_ptr<analysis::WalkGraph> buildWalkGraph(const Project& p, Diagnostics& diag) {
  const Layer* net = p.layerByRole(LayerRole::WalkNetwork);
  if (!net) {
    diag.error("walk_network", "no street centre-line network is loaded (--walk-network FILE)");
    return nullptr;
  }
  const std::string file = net->provenance.path.empty() ? net->provenance.source : net->provenance.path;
  if (net->geometryType() != GeometryType::Line) {
    diag.error(file, "the walking network must be lines (street centre lines: OpenStreetMap ways, GSI 道路中心線)");
    return nullptr;
  }
  constexpr double kSnapMetres = 0.5, kStepMetres = 10;  // ends this close meet; a node every 10 m of street
  auto g = std::make_unique<analysis::WalkGraph>(*net, kSnapMetres, kStepMetres);
  if (g->edgeCount() == 0) {
    diag.error(file, "the walking network has no line with two distinct points");
    return nullptr;
  }
  return g;
}

std::shared_ptr<const analysis::WalkSurface> buildWalkSurface(const Project& p, const std::string& choice, double cell,
                                                              Diagnostics& diag) {
  const bool network = choice == "network" || (choice == "auto" && p.layerByRole(LayerRole::WalkNetwork));
  if (network) {
    auto g = buildWalkGraph(p, diag);
    if (!g) return nullptr;
    return std::make_shared<analysis::GraphSurface>(std::move(g));
  }
  analysis::WalkGrid grid = buildWalkGrid(p, cell, diag);
  if (grid.walkable.empty()) return nullptr;
  return std::make_shared<analysis::GridSurface>(std::move(grid));
}

std::shared_ptr<const analysis::WalkSurface> WalkSurfaces::get(const Project& p, bool onNetwork, Diagnostics& diag) {
  const Layer* net = p.layerByRole(LayerRole::WalkNetwork);
  onNetwork = onNetwork && net;
  const std::uint64_t version = net ? net->dataVersion : 0;
  {
    std::lock_guard lock(mutex_);
    if (onNetwork && network_ && networkVersion_ == version) return network_;
    if (!onNetwork && grid_) return grid_;
  }
  auto s = buildWalkSurface(p, onNetwork ? "network" : "grid", 2.0, diag);
  std::lock_guard lock(mutex_);
  if (s && onNetwork) network_ = s, networkVersion_ = version;
  if (s && !onNetwork) grid_ = s;
  return s;
}

DrillRun computeDrill(const Project& project, WalkSurfaces& surfaces, const analysis::EvacuationOptions& options,
                      bool onNetwork, JobProgress& progress) {
  const auto t0 = std::chrono::steady_clock::now();
  DrillRun r;
  progress.stage("walking surface", 0.1);
  if (progress.stopped()) return r;
  Diagnostics diag(false);
  r.surface = surfaces.get(project, onNetwork, diag);
  for (const auto& m : diag.snapshot()) r.error += m.str() + "\n";
  if (!r.surface || progress.stopped()) return r;
  progress.stage("plan", 0.5);
  auto plan = std::make_shared<analysis::EvacuationPlan>(
      analysis::planEvacuation(project, *r.surface, options, progress.token()));
  if (!progress.stopped()) r.plan = std::move(plan);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

}  // namespace safetymap::jobs
