#include "analysis/capacity_flow.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>
#include <cmath>

namespace safetymap::analysis {

FlowResult assignWithCapacity(const std::vector<double>& supply, const std::vector<FlowEdge>& edges,
                              const std::vector<double>& capacity) {
  using namespace boost;
  using Traits = adjacency_list_traits<vecS, vecS, directedS>;
  using Graph = adjacency_list<
      vecS, vecS, directedS, no_property,
      property<edge_capacity_t, long,
               property<edge_residual_capacity_t, long,
                        property<edge_reverse_t, Traits::edge_descriptor, property<edge_weight_t, double>>>>>;
  const int nO = static_cast<int>(supply.size()), nB = static_cast<int>(capacity.size());
  // Vertices: source, origins, buildings, "no place", sink.
  const int S = 0, firstO = 1, firstB = 1 + nO, none = 1 + nO + nB, T = none + 1;
  Graph g(static_cast<size_t>(T + 1));
  auto cap = get(edge_capacity, g);
  auto rev = get(edge_reverse, g);
  auto weight = get(edge_weight, g);
  // Costs are doubles: Boost adds "unreached" distances (the type's max) to potentials, which overflows
  // (undefined) in an integer type but is a harmless infinity in floating point.
  auto add = [&](int a, int b, long c, double w) {
    auto e = add_edge(static_cast<size_t>(a), static_cast<size_t>(b), g).first;
    auto r = add_edge(static_cast<size_t>(b), static_cast<size_t>(a), g).first;
    cap[e] = c, cap[r] = 0, weight[e] = w, weight[r] = -w, rev[e] = r, rev[r] = e;
    return e;
  };
  // People are whole people; distances whole decimetres (the algorithm wants integers).
  long total = 0;
  for (int o = 0; o < nO; ++o) {
    long p = std::lround(supply[static_cast<size_t>(o)]);
    total += p;
    add(S, firstO + o, p, 0);
    add(firstO + o, none, p, 1e9);  // no room anywhere: the most expensive way out
  }
  std::vector<Traits::edge_descriptor> edgeOf;
  for (const auto& e : edges) edgeOf.push_back(add(firstO + e.origin, firstB + e.building, total + 1, e.distance));
  for (int b = 0; b < nB; ++b) {
    double c = capacity[static_cast<size_t>(b)];
    add(firstB + b, T, c < 0 ? total + 1 : std::lround(c), 0);
  }
  add(none, T, total + 1, 0);
  successive_shortest_path_nonnegative_weights(g, static_cast<size_t>(S), static_cast<size_t>(T));
  auto residual = get(edge_residual_capacity, g);
  FlowResult r;
  for (auto e : edgeOf) r.edgeFlow.push_back(static_cast<double>(cap[e] - residual[e]));
  r.unplaced.assign(supply.size(), 0);
  for (int o = 0; o < nO; ++o) {
    auto [begin, end] = out_edges(static_cast<size_t>(firstO + o), g);
    for (auto it = begin; it != end; ++it)
      if (static_cast<int>(target(*it, g)) == none)
        r.unplaced[static_cast<size_t>(o)] = static_cast<double>(cap[*it] - residual[*it]);
  }
  return r;
}

}  // namespace safetymap::analysis
