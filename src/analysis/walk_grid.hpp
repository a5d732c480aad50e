#pragma once
// The walking surface as a grid in the working CRS (about 2 m cells): walkable where the PLATEAU road
// surfaces are, impassable elsewhere (buildings, water, private land). Distances are walked from many
// sources at once with one Dijkstra pass over 16 neighbours (the 8 neighbours and the knight's moves:
// the raster least-cost method of USGS's Pedestrian Evacuation Analyst and GRASS r.cost -k), and routes
// are traced back along predecessors, so they follow streets. No straight-line fall-back: a cell no
// road reaches stays unreachable.
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "analysis/walk_field.hpp"
#include "core/geometry.hpp"
#include "core/walkable_cells.hpp"

namespace safetymap::analysis {

struct WalkGrid : WalkableCells {
  int index(int x, int y) const { return y * width + x; }
  int col(int i) const { return i % width; }
  int row(int i) const { return i / width; }
  Vec2 centre(int i) const { return {extent.minx + (col(i) + 0.5) * cell, extent.maxy - (row(i) + 0.5) * cell}; }
  std::optional<int> cellAt(Vec2 p) const;
  // The walkable cell nearest to p within maxDistance metres (a building's door on its street).
  std::optional<int> nearestWalkable(Vec2 p, double maxDistance) const;
  std::size_t walkableCount() const;
};

// How a move may pass blocked cells. Pedestrian: a diagonal never cuts between two blocked cells and a
// knight's move needs both cells it passes walkable. GrassRCost: the same but a diagonal may cut the
// corner (GRASS r.cost's rule; the benchmark that compares with it uses it to tell rule from method).
enum class MoveRules { Pedestrian, GrassRCost };

// Which of the 16 moves each cell allows under the pedestrian rule (bit i: move i). A walk leaves a cell
// up to 16 times (k times that for the k nearest), so the surface works this out once for all its walks.
using MoveMask = std::vector<std::uint16_t>;
MoveMask pedestrianMoves(const WalkGrid& grid);

// Multi-source shortest walking distance from every source cell to every cell. maxDistance stops early.
// `moves`: pedestrianMoves(grid), when the caller has it (only for the pedestrian rule).
DistanceField walkDistances(const WalkGrid& grid, const std::vector<int>& sourceCells,
                            double maxDistance = std::numeric_limits<double>::infinity(),
                            MoveRules rules = MoveRules::Pedestrian, const MoveMask* moves = nullptr);

// The k nearest sources of every cell (distance, source), for capacity-aware assignment. k ≤ 8.
// With `needed`, the walk stops once each of those cells has its k labels, or as many as there are sources
// it can reach (only they are complete then).
NearestSources kNearestSources(const WalkGrid& grid, const std::vector<int>& sourceCells, int k,
                               double maxDistance = std::numeric_limits<double>::infinity(),
                               const std::vector<int>* needed = nullptr, const MoveMask* moves = nullptr);

// The route from a cell to its nearest source, as world points (cell centres), origin first.
std::vector<Vec2> traceRoute(const WalkGrid& grid, const DistanceField& field, int fromCell);

}  // namespace safetymap::analysis
