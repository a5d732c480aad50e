#include "analysis/evacuation.hpp"

#include <algorithm>
#include <cmath>
#include <future>
#include <map>

#include "analysis/district_join.hpp"

namespace safetymap::analysis {

namespace {
// The 町丁目's census people and districts, and a 10 m lookup of which 町丁目 a place is in.
struct ChomePeople {
  bool valid = false;
  std::vector<long> population;
  std::vector<int> district;  // index into the project's districts, -1 = none
  Bounds extent;
  int cols = 0, rows = 0;
  std::vector<std::int16_t> grid;  // 町丁目 per 10 m cell, -1 = none
  static constexpr double kCell = 10;
  int at(Vec2 q) const {
    int x = static_cast<int>(std::floor((q.x - extent.minx) / kCell));
    int y = static_cast<int>(std::floor((extent.maxy - q.y) / kCell));
    if (x < 0 || y < 0 || x >= cols || y >= rows) return -1;
    return grid[static_cast<size_t>(y) * static_cast<size_t>(cols) + static_cast<size_t>(x)];
  }
};

ChomePeople chomePeople(const Project& p, const DistrictLocator* locate) {
  ChomePeople out;
  const Layer* l = p.layerByRole(LayerRole::Chome);
  if (!l || l->features.empty() || l->features.size() > 30000) return out;
  for (const auto& f : l->features) {
    const std::string* v = l->value(f, "population");
    long people = v && !v->empty() ? std::strtol(v->c_str(), nullptr, 10) : -1;
    out.valid = out.valid || people > 0;
    out.population.push_back(std::max(0L, people));
    out.district.push_back(chomeDistrict(p, *l, f, locate));
    out.extent.add(f.geometry.bounds());
  }
  if (!out.valid) return out;
  out.cols = static_cast<int>(std::ceil(out.extent.width() / ChomePeople::kCell)) + 1;
  out.rows = static_cast<int>(std::ceil(out.extent.height() / ChomePeople::kCell)) + 1;
  out.grid.assign(static_cast<size_t>(out.cols) * static_cast<size_t>(out.rows), -1);
  for (size_t c = 0; c < l->features.size(); ++c) {
    const Geometry& g = l->features[c].geometry;
    Bounds b = g.bounds();
    int x0 = std::max(0, static_cast<int>((b.minx - out.extent.minx) / ChomePeople::kCell));
    int x1 = std::min(out.cols - 1, static_cast<int>((b.maxx - out.extent.minx) / ChomePeople::kCell));
    int y0 = std::max(0, static_cast<int>((out.extent.maxy - b.maxy) / ChomePeople::kCell));
    int y1 = std::min(out.rows - 1, static_cast<int>((out.extent.maxy - b.miny) / ChomePeople::kCell));
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) {
        Vec2 q{out.extent.minx + (x + 0.5) * ChomePeople::kCell, out.extent.maxy - (y + 0.5) * ChomePeople::kCell};
        if (contains(g, q))
          out.grid[static_cast<size_t>(y) * static_cast<size_t>(out.cols) + static_cast<size_t>(x)] =
              static_cast<std::int16_t>(c);
      }
  }
  return out;
}

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

EvacuationPlan planEvacuation(const Project& p, const WalkSurface& surface, const EvacuationOptions& o,
                              std::stop_token stop) {
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
      if (auto closed = o.closed.find(static_cast<int>(i)); closed != o.closed.end()) {
        b.closedBecause = closed->second;  // listed, never a destination
        plan.buildings.push_back(std::move(b));
        continue;
      }
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

  // Origins: 100 m blocks over the districts. People: each 町丁目's 2015 census population spread over its own
  // streets (one origin per block and district, so a district's people are exactly its 町丁目's); without a
  // census, the ward's estimate spread by street area. A block starts from its street place nearest its centre.
  const Layer* dl = p.layerByRole(LayerRole::Districts);
  std::unique_ptr<DistrictLocator> locate = dl ? std::make_unique<DistrictLocator>(*dl) : nullptr;
  const ChomePeople census = chomePeople(p, locate.get());
  plan.census = census.valid;
  const Bounds ext = surface.extent();
  const double bm = o.blockMetres;
  const int cols = std::max(1, static_cast<int>(std::ceil(ext.width() / bm)));
  const int rows = std::max(1, static_cast<int>(std::ceil(ext.height() / bm)));
  const long nd = static_cast<long>(p.districts().size()) + 1;
  struct Block {
    double street = 0, bestD = 1e18;
    int best = -1, district = -1;
    std::map<int, double> chomeStreet;  // street share per 町丁目 (census)
  };
  std::map<long, Block> blocks;  // block index × districts + district: ordered, so origins are too
  std::vector<double> chomeStreet(census.population.size(), 0.0);
  auto centreOf = [&](int bx, int by) { return Vec2{ext.minx + (bx + 0.5) * bm, ext.maxy - (by + 0.5) * bm}; };
  std::map<long, int> blockDistrict;  // without a census: the district at the block's centre
  const int places = static_cast<int>(surface.nodeCount());
  for (int v = 0; v < places; ++v) {
    if (!surface.isStreet(v)) continue;
    Vec2 q = surface.position(v);
    int bx = std::clamp(static_cast<int>(std::floor((q.x - ext.minx) / bm)), 0, cols - 1);
    int by = std::clamp(static_cast<int>(std::floor((ext.maxy - q.y) / bm)), 0, rows - 1);
    long block = static_cast<long>(by) * cols + bx;
    int chome = -1, district = -1;
    if (census.valid) {
      chome = census.at(q);
      if (chome < 0) continue;  // outside every 町丁目: no one of the ward lives there
      district = census.district[static_cast<size_t>(chome)];
    } else {
      auto it = blockDistrict.find(block);
      if (it == blockDistrict.end())
        it = blockDistrict.emplace(block, locate ? locate->locate(centreOf(bx, by)) : -1).first;
      district = it->second;
    }
    if (district < 0) continue;
    double share = surface.streetShare(v);
    if (!(share > 0)) continue;  // a place with no street length of its own holds no one
    Block& blk = blocks[block * nd + district];
    blk.district = district;
    blk.street += share;
    if (chome >= 0) blk.chomeStreet[chome] += share, chomeStreet[static_cast<size_t>(chome)] += share;
    Vec2 c = centreOf(bx, by);
    double d = (q.x - c.x) * (q.x - c.x) + (q.y - c.y) * (q.y - c.y);
    if (d < blk.bestD) blk.bestD = d, blk.best = v;
  }
  std::vector<double> share;  // people before rounding, per origin
  for (const auto& [key, blk] : blocks) {
    EvacOrigin origin;
    origin.cell = blk.best;
    origin.position = surface.position(blk.best);
    origin.district = blk.district;
    plan.origins.push_back(origin);
    double people = 0;
    if (census.valid) {
      for (const auto& [c, st] : blk.chomeStreet)
        if (chomeStreet[static_cast<size_t>(c)] > 0)
          people +=
              static_cast<double>(census.population[static_cast<size_t>(c)]) * st / chomeStreet[static_cast<size_t>(c)];
    } else {
      people = blk.street;  // scaled below
    }
    share.push_back(people);
  }
  // Whole people (largest remainders within each district), so that assigned + shortfall is exactly everyone and a
  // district's people are its census figure.
  std::vector<double> districtTotal(static_cast<size_t>(nd), 0.0);
  if (census.valid) {
    for (size_t c = 0; c < census.population.size(); ++c) {
      int d = census.district[c];
      if (census.population[c] <= 0) continue;
      if (d < 0) {  // a 町丁目 in no district: counted apart, not lost
        plan.peopleWithoutDistrict += census.population[c];
        continue;
      }
      if (chomeStreet[c] > 0)
        districtTotal[static_cast<size_t>(d)] += static_cast<double>(census.population[c]);
      else
        plan.peopleOffStreet.push_back({d, census.population[c]});  // a 町丁目 with no street: said, not lost
    }
  } else {
    double street = 0;
    for (double v : share) street += v;
    for (auto& v : share) v = street > 0 ? o.population * v / street : 0;
    for (size_t i = 0; i < share.size(); ++i) districtTotal[static_cast<size_t>(plan.origins[i].district)] += share[i];
    double all = 0;
    for (double& t : districtTotal) t = std::floor(t), all += t;
    // The ward's estimate is a whole number: the districts' remainders go to the largest fractions.
    std::vector<std::pair<double, size_t>> fr;
    for (size_t d = 0; d < districtTotal.size(); ++d) {
      double exact = 0;
      for (size_t i = 0; i < share.size(); ++i)
        if (static_cast<size_t>(plan.origins[i].district) == d) exact += share[i];
      fr.push_back({exact - districtTotal[d], d});
    }
    std::sort(fr.begin(), fr.end(), std::greater<>());
    for (size_t r = 0; r < fr.size() && all < std::lround(o.population); ++r, ++all) districtTotal[fr[r].second] += 1;
  }
  for (size_t d = 0; d < districtTotal.size(); ++d) {
    std::vector<std::pair<double, size_t>> remainders;
    double exact = 0;
    for (size_t i = 0; i < share.size(); ++i)
      if (static_cast<size_t>(plan.origins[i].district) == d) exact += share[i];
    double scale = exact > 0 ? districtTotal[d] / exact : 0;
    long given = 0, everyone = std::lround(districtTotal[d]);
    for (size_t i = 0; i < share.size(); ++i) {
      if (static_cast<size_t>(plan.origins[i].district) != d) continue;
      double v = share[i] * scale;
      plan.origins[i].people = std::floor(v);
      given += static_cast<long>(plan.origins[i].people);
      remainders.push_back({v - std::floor(v), i});
    }
    std::sort(remainders.begin(), remainders.end(), std::greater<>());
    for (size_t r = 0; r < remainders.size() && given < everyone; ++r, ++given)
      plan.origins[remainders[r].second].people += 1;
  }

  if (stop.stop_requested()) {
    field.wait();
    return plan;
  }
  NearestSources near;
  if (o.capacityAware) {  // complete at every block's start (the walk stops there; unreachable ones cost nothing)
    std::vector<int> originCells;
    for (const auto& org : plan.origins) originCells.push_back(org.cell);
    near = surface.nearestSources(sources, o.nearestK, originCells);
  }
  plan.field = field.get();
  if (stop.stop_requested()) return plan;

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
  for (const auto& [district, people] : plan.peopleOffStreet) {
    auto& d = plan.districts[static_cast<size_t>(district)];
    d.people += static_cast<double>(people), d.shortfall += static_cast<double>(people);
    plan.people += static_cast<double>(people), plan.shortfall += static_cast<double>(people);
    plan.unreachablePeople += static_cast<double>(people);
  }
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

double shareWithin(const EvacuationPlan& plan, int district, double speed, double minutes) {
  if (district < 0 || static_cast<size_t>(district) >= plan.districts.size()) return 0;
  double people = plan.districts[static_cast<size_t>(district)].people, inTime = 0;
  if (people <= 0) return 0;
  for (const auto& org : plan.origins) {
    if (org.district != district || !org.reachable) continue;
    for (const auto& f : org.flows)
      if (f.distance / speed / 60.0 <= minutes) inTime += f.people;
  }
  return inTime / people;
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

int EvacOrigin::mainBuilding() const {
  int best = -1;
  double most = -1;
  for (const auto& f : flows)
    if (f.people > most) most = f.people, best = f.building;
  return best;
}

}  // namespace safetymap::analysis
