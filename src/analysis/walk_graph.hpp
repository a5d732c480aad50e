#pragma once
// Walking on a street centre-line network (OpenStreetMap, GSI 道路中心線) when the user loads one:
// a Boost.Graph of the lines' vertices (snapped within half a metre) and segments, walked with Dijkstra
// from many sources at once. The same questions as the grid: distance, nearest source, route, unreachable.
#include <limits>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "analysis/walk_field.hpp"
#include "core/layer.hpp"

namespace safetymap::analysis {

class WalkGraph {
 public:
  // snapMetres joins line ends that nearly meet. maxSegmentMetres > 0 adds nodes along longer segments, so
  // that every node stands for a short piece of street (people start from nodes; a building's door is one).
  explicit WalkGraph(const Layer& lines, double snapMetres = 0.5, double maxSegmentMetres = 0);
  ~WalkGraph();
  WalkGraph(const WalkGraph&) = delete;
  WalkGraph& operator=(const WalkGraph&) = delete;
  std::size_t nodeCount() const { return nodes_.size(); }
  std::size_t edgeCount() const;
  Vec2 node(int i) const { return nodes_[static_cast<size_t>(i)]; }
  double streetLength(int i) const { return length_[static_cast<size_t>(i)]; }  // half of each edge it ends
  Bounds bounds() const { return bounds_; }
  int nearestNode(Vec2 p) const;  // -1 when the graph is empty
  std::optional<int> nearestNode(Vec2 p, double maxDistance) const;
  // Every edge once, as node pairs (for drawing the network by walking time).
  std::vector<std::pair<int, int>> edges() const;

  // One Dijkstra pass from all the source nodes at once (a virtual source joined to each at no cost).
  DistanceField distances(const std::vector<int>& sourceNodes) const;
  // The k nearest sources of every node: one Dijkstra per source, the k best kept per node.
  NearestSources nearestSources(const std::vector<int>& sourceNodes, int k) const;

  struct Distances {
    const WalkGraph* graph = nullptr;
    DistanceField field;
    double distanceAt(Vec2 p) const;            // at the node nearest p; infinity where unreachable
    std::vector<Vec2> routeFrom(Vec2 p) const;  // node positions from p's node to its source
  };
  Distances distancesFrom(const std::vector<Vec2>& sources) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::vector<Vec2> nodes_;
  std::vector<double> length_;
  Bounds bounds_;
  double bucket_ = 25;                                       // metres: the nearest-node index's square size
  std::unordered_map<long long, std::vector<int>> buckets_;  // square → nodes in it
  long long bucketKey(long bx, long by) const { return (static_cast<long long>(bx) << 32) ^ (by & 0xffffffffLL); }
};

}  // namespace safetymap::analysis
