#include "analysis/walk_graph.hpp"

#include <algorithm>
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

WalkGraph::WalkGraph(const Layer& lines, double snap, double maxSegment) : impl_(std::make_unique<Impl>()) {
  std::map<std::pair<long, long>, int> index;  // snapped position → node
  auto nodeAt = [&](Vec2 p) {
    std::pair<long, long> key{std::lround(p.x / snap), std::lround(p.y / snap)};
    auto [it, added] = index.emplace(key, static_cast<int>(nodes_.size()));
    if (added) nodes_.push_back(p);
    return it->second;
  };
  std::vector<std::tuple<int, int, double>> edges;
  auto addEdge = [&](int a, int b, double w) {
    if (a != b) edges.emplace_back(a, b, w);
  };
  for (const auto& f : lines.features)
    for (const auto& line : f.geometry.lines)
      for (size_t i = 1; i < line.size(); ++i) {
        Vec2 p = line[i - 1], q = line[i];
        const double length = distance(p, q);
        const int pieces = maxSegment > 0 ? std::max(1, static_cast<int>(std::ceil(length / maxSegment))) : 1;
        int from = nodeAt(p);
        for (int k = 1; k <= pieces; ++k) {
          const double t = static_cast<double>(k) / pieces;
          int to = k == pieces ? nodeAt(q) : nodeAt({p.x + (q.x - p.x) * t, p.y + (q.y - p.y) * t});
          addEdge(from, to, length / pieces);
          from = to;
        }
      }
  impl_->graph = Graph(nodes_.size());
  length_.assign(nodes_.size(), 0.0);
  for (auto [a, b, w] : edges) {
    boost::add_edge(static_cast<size_t>(a), static_cast<size_t>(b), w, impl_->graph);
    length_[static_cast<size_t>(a)] += w / 2, length_[static_cast<size_t>(b)] += w / 2;
  }
  for (size_t i = 0; i < nodes_.size(); ++i) {
    bounds_.add(nodes_[i]);
    buckets_[bucketKey(static_cast<long>(std::floor(nodes_[i].x / bucket_)),
                       static_cast<long>(std::floor(nodes_[i].y / bucket_)))]
        .push_back(static_cast<int>(i));
  }
}

WalkGraph::~WalkGraph() = default;

std::size_t WalkGraph::edgeCount() const {
  return boost::num_edges(impl_->graph);
}

std::vector<std::pair<int, int>> WalkGraph::edges() const {
  std::vector<std::pair<int, int>> out;
  auto [begin, end] = boost::edges(impl_->graph);
  for (auto it = begin; it != end; ++it)
    out.emplace_back(static_cast<int>(boost::source(*it, impl_->graph)),
                     static_cast<int>(boost::target(*it, impl_->graph)));
  return out;
}

int WalkGraph::nearestNode(Vec2 p) const {
  int best = -1;
  double bestD = std::numeric_limits<double>::infinity();
  for (size_t i = 0; i < nodes_.size(); ++i)
    if (double d = distance(nodes_[i], p); d < bestD) bestD = d, best = static_cast<int>(i);
  return best;
}

std::optional<int> WalkGraph::nearestNode(Vec2 p, double maxDistance) const {
  // The squares within maxDistance of p, through the index: a building's door, a block's start.
  const long x0 = static_cast<long>(std::floor((p.x - maxDistance) / bucket_));
  const long x1 = static_cast<long>(std::floor((p.x + maxDistance) / bucket_));
  const long y0 = static_cast<long>(std::floor((p.y - maxDistance) / bucket_));
  const long y1 = static_cast<long>(std::floor((p.y + maxDistance) / bucket_));
  std::optional<int> best;
  double bestD = maxDistance;
  for (long by = y0; by <= y1; ++by)
    for (long bx = x0; bx <= x1; ++bx) {
      auto it = buckets_.find(bucketKey(bx, by));
      if (it == buckets_.end()) continue;
      for (int i : it->second)
        if (double d = distance(nodes_[static_cast<size_t>(i)], p); d <= bestD) bestD = d, best = i;
    }
  return best;
}

DistanceField WalkGraph::distances(const std::vector<int>& sourceNodes) const {
  Graph g = impl_->graph;
  const size_t n = nodes_.size(), virt = boost::add_vertex(g);
  for (int v : sourceNodes)
    if (v >= 0 && static_cast<size_t>(v) < n) boost::add_edge(virt, static_cast<size_t>(v), 0.0, g);
  std::vector<double> dist(n + 1);
  std::vector<size_t> pred(n + 1);
  boost::dijkstra_shortest_paths(g, virt, boost::predecessor_map(pred.data()).distance_map(dist.data()));
  DistanceField f;
  f.distance.assign(n, kUnreachable);
  f.previous.assign(n, -1);
  f.source.assign(n, -1);
  for (size_t v = 0; v < n; ++v) {
    if (dist[v] == std::numeric_limits<double>::max() || pred[v] == v) continue;
    f.distance[v] = static_cast<float>(dist[v]);
    f.previous[v] = pred[v] == virt ? -1 : static_cast<std::int32_t>(pred[v]);
  }
  // Which source: the first in the list on each source node, then inherited down the predecessor tree.
  for (size_t s = sourceNodes.size(); s-- > 0;)
    if (int v = sourceNodes[s]; v >= 0 && static_cast<size_t>(v) < n)
      f.source[static_cast<size_t>(v)] = static_cast<std::int16_t>(s);
  std::vector<std::int32_t> path;
  for (size_t v = 0; v < n; ++v) {
    if (f.distance[v] == kUnreachable || f.source[v] >= 0) continue;
    std::int32_t u = static_cast<std::int32_t>(v);
    for (path.clear(); f.source[static_cast<size_t>(u)] < 0 && f.previous[static_cast<size_t>(u)] >= 0;
         u = f.previous[static_cast<size_t>(u)])
      path.push_back(u);
    for (std::int32_t w : path) f.source[static_cast<size_t>(w)] = f.source[static_cast<size_t>(u)];
  }
  return f;
}

NearestSources WalkGraph::nearestSources(const std::vector<int>& sourceNodes, int k) const {
  const size_t n = nodes_.size(), K = static_cast<size_t>(k);
  NearestSources r;
  r.k = k;
  r.distance.assign(n * K, kUnreachable);
  r.source.assign(n * K, -1);
  std::vector<double> dist(n);
  for (size_t s = 0; s < sourceNodes.size(); ++s) {
    int v0 = sourceNodes[s];
    if (v0 < 0 || static_cast<size_t>(v0) >= n) continue;
    boost::dijkstra_shortest_paths(impl_->graph, static_cast<size_t>(v0), boost::distance_map(dist.data()));
    for (size_t v = 0; v < n; ++v) {
      if (dist[v] == std::numeric_limits<double>::max()) continue;
      // Insert into v's k best, kept ascending.
      float d = static_cast<float>(dist[v]);
      float* slot = &r.distance[v * K];
      std::int16_t* src = &r.source[v * K];
      if (d >= slot[K - 1]) continue;
      size_t j = K - 1;
      for (; j > 0 && slot[j - 1] > d; --j) slot[j] = slot[j - 1], src[j] = src[j - 1];
      slot[j] = d, src[j] = static_cast<std::int16_t>(s);
    }
  }
  return r;
}

WalkGraph::Distances WalkGraph::distancesFrom(const std::vector<Vec2>& sources) const {
  std::vector<int> nodes;
  for (Vec2 s : sources) nodes.push_back(nearestNode(s));
  return {this, distances(nodes)};
}

double WalkGraph::Distances::distanceAt(Vec2 p) const {
  int v = graph->nearestNode(p);
  if (v < 0 || field.distance[static_cast<size_t>(v)] == kUnreachable) return std::numeric_limits<double>::infinity();
  return field.distance[static_cast<size_t>(v)];
}

std::vector<Vec2> WalkGraph::Distances::routeFrom(Vec2 p) const {
  std::vector<Vec2> route;
  int v = graph->nearestNode(p);
  if (v < 0 || field.distance[static_cast<size_t>(v)] == kUnreachable) return route;
  for (; v >= 0; v = field.previous[static_cast<size_t>(v)]) route.push_back(graph->node(v));
  return route;
}

}  // namespace safetymap::analysis
