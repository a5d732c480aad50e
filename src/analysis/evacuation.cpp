#include "analysis/evacuation.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>
#include <cmath>
#include <future>
#include <map>

#include "analysis/district_join.hpp"

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

namespace {
std::optional<long> capacityOf(const Layer& l, const Feature& f) {
  for (const char* name : {"capacity", "収容人数", "収容可能人数"})
    if (const std::string* v = l.value(f, name); v && !v->empty()) {
      char* end = nullptr;
      long c = std::strtol(v->c_str(), &end, 10);
      if (end != v->c_str() && c >= 0) return c;
    }
  return std::nullopt;
}
}  // namespace

EvacuationPlan planEvacuation(const Project& p, const WalkSurface& surface, const EvacuationOptions& o) {
  EvacuationPlan plan;
  plan.options = o;
  // Destinations: the tsunami evacuation buildings, each at its street.
  std::vector<int> sources;  // cells of the buildings that reach a street
  std::vector<int> sourceBuilding;
  if (const Layer* l = p.layerByRole(LayerRole::TsunamiBuildings))
    for (size_t i = 0; i < l->features.size(); ++i) {
      const Feature& f = l->features[i];
      if (f.geometry.empty()) continue;
      EvacBuilding b;
      b.feature = static_cast<int>(i);
      b.name = p.label(*l, f);
      b.position = f.geometry.anchor();
      b.district = f.district;
      b.capacity = capacityOf(*l, f);
      if (!b.capacity && o.scenarioCapacity) b.capacity = o.scenarioCapacity, b.capacityAssumed = true;
      plan.buildingsWithCapacity += !b.capacityAssumed && b.capacity.has_value();
      if (auto c = surface.nearestStreet(b.position, o.doorSearchMetres)) {
        b.cell = *c;
        Vec2 d = surface.position(*c);
        b.doorDistance = std::hypot(d.x - b.position.x, d.y - b.position.y);
        sources.push_back(*c);
        sourceBuilding.push_back(static_cast<int>(plan.buildings.size()));
      } else {
        ++plan.buildingsWithoutStreet;
      }
      plan.buildings.push_back(std::move(b));
    }
  // The nearest-building field walks on its own thread while the blocks are laid out and, when capacity
  // counts, while the k nearest buildings are walked: both only read the surface.
  std::future<DistanceField> field =
      std::async(std::launch::async, [&surface, &sources] { return surface.distances(sources); });
  plan.onNetwork = surface.graph() != nullptr;
  plan.streetPlaces = surface.streetCount();

  // Origins: 100 m blocks over the districts, people spread by the street in each (an estimate: no
  // population per 町丁目 is published). A block starts from its street place nearest its centre.
  const Layer* dl = p.layerByRole(LayerRole::Districts);
  std::unique_ptr<DistrictLocator> locate = dl ? std::make_unique<DistrictLocator>(*dl) : nullptr;
  const Bounds ext = surface.extent();
  const double bm = o.blockMetres;
  const int cols = std::max(1, static_cast<int>(std::ceil(ext.width() / bm)));
  const int rows = std::max(1, static_cast<int>(std::ceil(ext.height() / bm)));
  struct Block {
    double street = 0, bestD = 1e18;
    int best = -1;
  };
  std::vector<Block> blocks(static_cast<size_t>(cols) * static_cast<size_t>(rows));
  auto centreOf = [&](int bx, int by) { return Vec2{ext.minx + (bx + 0.5) * bm, ext.maxy - (by + 0.5) * bm}; };
  const int places = static_cast<int>(surface.nodeCount());
  for (int v = 0; v < places; ++v) {
    if (!surface.isStreet(v)) continue;
    Vec2 q = surface.position(v);
    int bx = std::clamp(static_cast<int>(std::floor((q.x - ext.minx) / bm)), 0, cols - 1);
    int by = std::clamp(static_cast<int>(std::floor((ext.maxy - q.y) / bm)), 0, rows - 1);
    Block& blk = blocks[static_cast<size_t>(by) * static_cast<size_t>(cols) + static_cast<size_t>(bx)];
    blk.street += surface.streetShare(v);
    Vec2 c = centreOf(bx, by);
    double d = (q.x - c.x) * (q.x - c.x) + (q.y - c.y) * (q.y - c.y);
    if (d < blk.bestD) blk.bestD = d, blk.best = v;
  }
  std::vector<double> blockWalkable;
  for (int by = 0; by < rows; ++by)
    for (int bx = 0; bx < cols; ++bx) {
      const Block& blk = blocks[static_cast<size_t>(by) * static_cast<size_t>(cols) + static_cast<size_t>(bx)];
      if (blk.best < 0) continue;
      int district = locate ? locate->locate(centreOf(bx, by)) : -1;
      if (district < 0) continue;
      EvacOrigin origin;
      origin.cell = blk.best;
      origin.position = surface.position(blk.best);
      origin.district = district;
      plan.origins.push_back(origin);
      blockWalkable.push_back(blk.street);
    }
  double totalWalkable = 0;
  for (double c : blockWalkable) totalWalkable += c;
  // Whole people (largest remainders), so that assigned + shortfall is exactly everyone.
  {
    std::vector<std::pair<double, size_t>> remainders;
    long given = 0, everyone = std::lround(o.population);
    for (size_t i = 0; i < plan.origins.size(); ++i) {
      double share = o.population * blockWalkable[i] / totalWalkable;
      plan.origins[i].people = std::floor(share);
      given += static_cast<long>(plan.origins[i].people);
      remainders.push_back({share - std::floor(share), i});
    }
    std::sort(remainders.begin(), remainders.end(), std::greater<>());
    for (size_t r = 0; r < remainders.size() && given < everyone; ++r, ++given)
      plan.origins[remainders[r].second].people += 1;
  }

  NearestSources near;
  if (o.capacityAware) {  // complete at every block's start (the walk stops there; unreachable ones cost nothing)
    std::vector<int> originCells;
    for (const auto& org : plan.origins) originCells.push_back(org.cell);
    near = surface.nearestSources(sources, o.nearestK, originCells);
  }
  plan.field = field.get();

  // Nearest building of every origin.
  for (auto& org : plan.origins) {
    float d = plan.field.distance[static_cast<size_t>(org.cell)];
    org.reachable = d != kUnreachable;
    if (!org.reachable) continue;
    org.nearestDistance = d;
    org.nearestBuilding = sourceBuilding[static_cast<size_t>(plan.field.source[static_cast<size_t>(org.cell)])];
  }
  if (!o.capacityAware) {
    for (auto& org : plan.origins) {
      if (!org.reachable) continue;
      org.flows.push_back({org.nearestBuilding, org.people, org.nearestDistance});
      plan.buildings[static_cast<size_t>(org.nearestBuilding)].load += org.people;
    }
  } else {
    // Capacity-aware: each block may go to its k nearest buildings; a full building sends the rest on.
    std::vector<double> supply;
    std::vector<int> reachableOrigins;
    std::vector<FlowEdge> edges;
    for (size_t i = 0; i < plan.origins.size(); ++i) {
      const auto& org = plan.origins[i];
      if (!org.reachable) continue;
      int oi = static_cast<int>(reachableOrigins.size());
      reachableOrigins.push_back(static_cast<int>(i));
      supply.push_back(org.people);
      for (int j = 0; j < near.k; ++j) {
        size_t at = static_cast<size_t>(org.cell) * static_cast<size_t>(near.k) + static_cast<size_t>(j);
        if (near.source[at] < 0) break;
        edges.push_back({oi, sourceBuilding[static_cast<size_t>(near.source[at])], near.distance[at]});
      }
    }
    std::vector<double> capacity;
    for (const auto& b : plan.buildings) capacity.push_back(b.capacity ? static_cast<double>(*b.capacity) : -1.0);
    FlowResult r = assignWithCapacity(supply, edges, capacity);
    for (size_t e = 0; e < edges.size(); ++e) {
      if (r.edgeFlow[e] <= 0) continue;
      auto& org = plan.origins[static_cast<size_t>(reachableOrigins[static_cast<size_t>(edges[e].origin)])];
      org.flows.push_back({edges[e].building, r.edgeFlow[e], edges[e].distance});
      plan.buildings[static_cast<size_t>(edges[e].building)].load += r.edgeFlow[e];
    }
    for (size_t k = 0; k < reachableOrigins.size(); ++k)
      plan.origins[static_cast<size_t>(reachableOrigins[k])].unplaced = r.unplaced[k];
  }

  // Per district and in all.
  const auto& ds = p.districts();
  plan.districts.resize(ds.size());
  for (size_t i = 0; i < ds.size(); ++i)
    plan.districts[i].nameJa = ds[i].nameJa, plan.districts[i].nameEn = ds[i].nameEn;
  for (const auto& org : plan.origins) {
    auto& d = plan.districts[static_cast<size_t>(org.district)];
    d.people += org.people;
    d.blocks++;
    plan.people += org.people;
    if (!org.reachable) {
      d.unreachableBlocks++;
      d.shortfall += org.people;
      plan.unreachablePeople += org.people;
      plan.shortfall += org.people;
      continue;
    }
    double assigned = 0;
    for (const auto& f : org.flows) {
      assigned += f.people;
      if (f.people > 0) d.longestWalk = std::max(d.longestWalk, f.distance);
    }
    d.assigned += assigned;
    d.shortfall += org.unplaced;
    plan.assigned += assigned;
    plan.shortfall += org.unplaced;
  }
  return plan;
}

std::vector<Vec2> RouteTracer::route(int origin, int building) {
  const EvacOrigin& o = plan_.origins[static_cast<size_t>(origin)];
  if (!o.reachable) return {};
  if (building == o.nearestBuilding) return surface_.route(plan_.field, o.cell);
  const EvacBuilding& b = plan_.buildings[static_cast<size_t>(building)];
  if (b.cell < 0) return {};
  auto it = fromBuilding_.find(building);
  if (it == fromBuilding_.end()) it = fromBuilding_.emplace(building, surface_.distances({b.cell})).first;
  return surface_.route(it->second, o.cell);
}

}  // namespace safetymap::analysis
