#pragma once
// What the drill planner walks on, whichever it is: the road-surface grid (PLATEAU polygons rasterised at
// about 2 m) or a street centre-line graph the user loaded. Both answer the same questions over numbered
// places ("nodes": grid cells or graph vertices): where a place is, how much street it stands for, the
// street place nearest a point, distances from many sources at once, and the k nearest sources.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/walk_field.hpp"
#include "analysis/walk_graph.hpp"
#include "analysis/walk_grid.hpp"

namespace safetymap::analysis {

class WalkSurface {
 public:
  virtual ~WalkSurface() = default;
  virtual std::size_t nodeCount() const = 0;
  virtual bool isStreet(int node) const = 0;
  virtual Vec2 position(int node) const = 0;
  // How much street the place stands for (a cell's area, a node's half edges): people are spread by it.
  virtual double streetShare(int node) const = 0;
  virtual std::optional<int> nearestStreet(Vec2 p, double maxDistance) const = 0;
  virtual DistanceField distances(const std::vector<int>& sources) const = 0;
  // The k nearest sources; complete at least at the places `at` (the walk may stop once they are).
  virtual NearestSources nearestSources(const std::vector<int>& sources, int k, const std::vector<int>& at) const = 0;
  virtual Bounds extent() const = 0;
  virtual std::size_t streetCount() const = 0;
  virtual const WalkGrid* grid() const { return nullptr; }
  virtual const WalkGraph* graph() const { return nullptr; }

  // The way from a place to its nearest source along the field, origin first; empty where unreachable.
  std::vector<Vec2> route(const DistanceField& field, int from) const;
};

class GridSurface final : public WalkSurface {
 public:
  explicit GridSurface(WalkGrid g) : grid_(std::move(g)), moves_(pedestrianMoves(grid_)) {}
  std::size_t nodeCount() const override { return grid_.walkable.size(); }
  bool isStreet(int c) const override { return grid_.walkable[static_cast<size_t>(c)] != 0; }
  Vec2 position(int c) const override { return grid_.centre(c); }
  double streetShare(int) const override { return grid_.cell * grid_.cell; }
  std::optional<int> nearestStreet(Vec2 p, double maxDistance) const override {
    return grid_.nearestWalkable(p, maxDistance);
  }
  DistanceField distances(const std::vector<int>& sources) const override {
    return walkDistances(grid_, sources, std::numeric_limits<double>::infinity(), MoveRules::Pedestrian, &moves_);
  }
  NearestSources nearestSources(const std::vector<int>& sources, int k, const std::vector<int>& at) const override {
    return kNearestSources(grid_, sources, k, std::numeric_limits<double>::infinity(), &at, &moves_);
  }
  Bounds extent() const override { return grid_.extent; }
  std::size_t streetCount() const override { return grid_.walkableCount(); }
  const WalkGrid* grid() const override { return &grid_; }

 private:
  WalkGrid grid_;
  MoveMask moves_;  // worked out once: every walk on this surface uses it
};

class GraphSurface final : public WalkSurface {
 public:
  explicit GraphSurface(std::unique_ptr<WalkGraph> g) : graph_(std::move(g)) {}
  std::size_t nodeCount() const override { return graph_->nodeCount(); }
  bool isStreet(int) const override { return true; }
  Vec2 position(int v) const override { return graph_->node(v); }
  double streetShare(int v) const override { return graph_->streetLength(v); }
  std::optional<int> nearestStreet(Vec2 p, double maxDistance) const override {
    return graph_->nearestNode(p, maxDistance);
  }
  DistanceField distances(const std::vector<int>& sources) const override { return graph_->distances(sources); }
  NearestSources nearestSources(const std::vector<int>& sources, int k, const std::vector<int>&) const override {
    return graph_->nearestSources(sources, k);
  }
  Bounds extent() const override { return graph_->bounds(); }
  std::size_t streetCount() const override { return graph_->nodeCount(); }
  const WalkGraph* graph() const override { return graph_.get(); }

 private:
  std::unique_ptr<WalkGraph> graph_;
};

}  // namespace safetymap::analysis
