#pragma once
// The drill's result on the map: a district's routes and its buildings' loads as layers (analysis results, never
// saved), and the walking-time bands at the chosen speed (a texture over the grid, or the centre-line streets
// coloured by time).
#include <cstdint>
#include <vector>

#include "analysis/evacuation.hpp"
#include "analysis/walk_surface.hpp"
#include "render/texture.hpp"
#include "ui/workspace.hpp"

namespace safetymap::ui {

// Puts the district's routes and loads on the map and fills the drill panel's figures.
void showDrillResult(Workspace& ws, const analysis::EvacuationPlan& plan, const analysis::WalkSurface& surface);

class WalkBands {
 public:
  // Recoloured at the panel's speed (the distances do not change with it).
  void update(Workspace& ws, const analysis::EvacuationPlan& plan, const analysis::WalkSurface& surface);

 private:
  // Which cells lie in the ward (nobody across the river belongs to a district), kept while ward and raster stay.
  const std::vector<std::uint8_t>& wardMask(const Project& p, const Bounds& extent, double cell, int cols, int rows);
  std::vector<std::uint8_t> mask_;
  std::uint64_t maskKey_ = 0;
  render::Texture texture_;
};

}  // namespace safetymap::ui
