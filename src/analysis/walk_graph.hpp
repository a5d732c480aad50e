#pragma once
// Walking on a street centre-line network (OpenStreetMap, GSI 道路中心線) when the user loads one:
// a Boost.Graph of the lines' vertices (snapped within half a metre) and segments, walked with Dijkstra
// from many sources at once. The same questions as the grid: distance, nearest source, route, unreachable.
#include <limits>
#include <memory>
#include <vector>

#include "core/layer.hpp"

namespace safetymap::analysis {

class WalkGraph {
 public:
  explicit WalkGraph(const Layer& lines, double snapMetres = 0.5);
  ~WalkGraph();
  WalkGraph(const WalkGraph&) = delete;
  WalkGraph& operator=(const WalkGraph&) = delete;
  std::size_t nodeCount() const { return nodes_.size(); }
  std::size_t edgeCount() const;
  int nearestNode(Vec2 p) const;  // -1 when the graph is empty
  Vec2 node(int i) const { return nodes_[static_cast<size_t>(i)]; }

  struct Distances {
    const WalkGraph* graph = nullptr;
    std::vector<double> distance;               // per node; infinity where no source is reached
    std::vector<int> previous;                  // towards the nearest source; -1 at a source or unreachable
    std::vector<int> source;                    // index of the nearest source; -1 unreachable
    double distanceAt(Vec2 p) const;            // at the node nearest p
    std::vector<Vec2> routeFrom(Vec2 p) const;  // node positions from p's node to its source
  };
  Distances distancesFrom(const std::vector<Vec2>& sources) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::vector<Vec2> nodes_;
};

}  // namespace safetymap::analysis
