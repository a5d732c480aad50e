#include "analysis/walk_graph.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <cmath>
#include <map>

namespace safetymap::analysis {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                                    boost::property<boost::edge_weight_t, double>>;

struct WalkGraph::Impl {
  Graph graph;
};

WalkGraph::WalkGraph(const Layer& lines, double snap) : impl_(std::make_unique<Impl>()) {
  std::map<std::pair<long, long>, int> index;  // snapped position → node
  auto nodeAt = [&](Vec2 p) {
    std::pair<long, long> key{std::lround(p.x / snap), std::lround(p.y / snap)};
    auto [it, added] = index.emplace(key, static_cast<int>(nodes_.size()));
    if (added) nodes_.push_back(p);
    return it->second;
  };
  std::vector<std::tuple<int, int, double>> edges;
  for (const auto& f : lines.features)
    for (const auto& line : f.geometry.lines)
      for (size_t i = 1; i < line.size(); ++i) {
        int a = nodeAt(line[i - 1]), b = nodeAt(line[i]);
        if (a != b) edges.emplace_back(a, b, distance(line[i - 1], line[i]));
      }
  impl_->graph = Graph(nodes_.size());
  for (auto [a, b, w] : edges) boost::add_edge(static_cast<size_t>(a), static_cast<size_t>(b), w, impl_->graph);
}

WalkGraph::~WalkGraph() = default;

std::size_t WalkGraph::edgeCount() const {
  return boost::num_edges(impl_->graph);
}

int WalkGraph::nearestNode(Vec2 p) const {
  int best = -1;
  double bestD = std::numeric_limits<double>::infinity();
  for (size_t i = 0; i < nodes_.size(); ++i)
    if (double d = distance(nodes_[i], p); d < bestD) bestD = d, best = static_cast<int>(i);
  return best;
}

WalkGraph::Distances WalkGraph::distancesFrom(const std::vector<Vec2>& sources) const {
  // A virtual source joined to every real one at no cost: one Dijkstra pass for all of them.
  Graph g = impl_->graph;
  const size_t n = nodes_.size(), virt = boost::add_vertex(g);
  std::vector<int> sourceNode;
  for (Vec2 s : sources) {
    int v = nearestNode(s);
    sourceNode.push_back(v);
    if (v >= 0) boost::add_edge(virt, static_cast<size_t>(v), 0.0, g);
  }
  std::vector<double> dist(n + 1);
  std::vector<size_t> pred(n + 1);
  boost::dijkstra_shortest_paths(g, virt, boost::predecessor_map(pred.data()).distance_map(dist.data()));
  Distances d;
  d.graph = this;
  d.distance.assign(n, std::numeric_limits<double>::infinity());
  d.previous.assign(n, -1);
  d.source.assign(n, -1);
  for (size_t v = 0; v < n; ++v) {
    if (dist[v] == std::numeric_limits<double>::max() || pred[v] == v) continue;
    d.distance[v] = dist[v];
    d.previous[v] = pred[v] == virt ? -1 : static_cast<int>(pred[v]);
  }
  // The nearest source of each node: follow predecessors back to the node the virtual source reached.
  for (size_t v = 0; v < n; ++v) {
    if (std::isinf(d.distance[v])) continue;
    size_t u = v;
    while (d.previous[u] >= 0) u = static_cast<size_t>(d.previous[u]);
    for (size_t s = 0; s < sourceNode.size(); ++s)
      if (sourceNode[s] == static_cast<int>(u)) d.source[v] = static_cast<int>(s);
  }
  return d;
}

double WalkGraph::Distances::distanceAt(Vec2 p) const {
  int v = graph->nearestNode(p);
  return v < 0 ? std::numeric_limits<double>::infinity() : distance[static_cast<size_t>(v)];
}

std::vector<Vec2> WalkGraph::Distances::routeFrom(Vec2 p) const {
  std::vector<Vec2> route;
  int v = graph->nearestNode(p);
  if (v < 0 || std::isinf(distance[static_cast<size_t>(v)])) return route;
  for (; v >= 0; v = previous[static_cast<size_t>(v)]) route.push_back(graph->node(v));
  return route;
}

}  // namespace safetymap::analysis
