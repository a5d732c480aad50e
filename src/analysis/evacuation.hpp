#pragma once
// Evacuation drill analysis (strategy 2-1): where people walk to, by which streets, how far, how long,
// and whether the tsunami evacuation buildings have room. People are an estimate spread over the streets
// of 100 m blocks; buildings are reached at their nearest street place; walking distances come from one
// multi-source pass over the walking surface (the road-surface grid, or a centre-line graph the user
// loaded); the capacity-aware assignment is a min-cost flow (Boost.Graph) that sends people to the next
// building when the nearest is full.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <stop_token>
#include <vector>

#include "analysis/capacity_flow.hpp"
#include "analysis/walk_surface.hpp"
#include "core/project.hpp"

namespace safetymap::analysis {

struct EvacuationOptions {
  double speed = 1.0;                    // m/s: 宮城県 津波対策ガイドライン, 消防庁 (see README)
  double supportSpeed = 0.5;             // m/s for people needing support
  bool capacityAware = false;            // false: everyone to the nearest building
  std::optional<long> scenarioCapacity;  // per building whose capacity is unknown (an assumption, printed as such)
  double population =
      80319;  // without a census in the 町丁目 layer: the ward's people (推計人口 2024-10-01), by street area
  double blockMetres = 100;
  double doorSearchMetres = 60;  // how far from a building its street may be
  int nearestK = 4;              // buildings considered per block by the capacity-aware assignment
  // Tsunami arrival deadlines (minutes after the quake) each block's walk is held against: the prefecture's +1 m at
  // 港区 (120, 大阪府 2013) and a short JMA-style forecast (15; the 大阪管区気象台 says 10–20 may be announced).
  std::vector<double> deadlines = {15, 120};
  // Buildings (features of the tsunami buildings layer) people may not be sent to: known to be too low for the
  // depth at them (tsunamiImpact). They stay listed, marked, with the reason.
  std::map<int, std::string> closed;
};

struct EvacBuilding {
  std::string name;
  int feature = -1;
  Vec2 position;
  int cell = -1;                 // its street place (cell or node); -1 = no street within doorSearchMetres
  double doorDistance = 0;       // from the building to that place
  std::optional<long> capacity;  // 収容人数 from the data
  bool capacityAssumed = false;  // the scenario capacity stands in
  double load = 0;               // people assigned
  int district = -1;
  std::string closedBecause;     // not a destination: too low for the depth (empty when open)
};

struct EvacFlow {
  int building = -1;
  double people = 0;
  double distance = 0;  // metres walked
};

struct EvacOrigin {
  Vec2 position;      // the block's street place nearest its centre
  int cell = -1;      // that place (cell or node)
  double people = 0;  // estimate
  int district = -1;
  bool reachable = false;
  double nearestDistance = 0;
  int nearestBuilding = -1;
  std::vector<EvacFlow> flows;  // where its people go (one flow in nearest mode)
  double unplaced = 0;          // people with no room anywhere
  int mainBuilding() const;     // the building most of its people go to; -1 when none
};

struct EvacDistrict {
  std::string nameJa, nameEn;
  double people = 0, assigned = 0, shortfall = 0;
  double longestWalk = 0;  // metres, over reachable blocks
  int blocks = 0, unreachableBlocks = 0;
};

struct EvacuationPlan {
  EvacuationOptions options;
  std::vector<EvacBuilding> buildings;
  std::vector<EvacOrigin> origins;
  std::vector<EvacDistrict> districts;
  DistanceField field;     // to the nearest building, every street place
  bool onNetwork = false;  // walked on a centre-line graph (else the road-surface grid)
  bool census = false;     // people from the 2015 census per 町丁目 (else the ward's estimate by street area)
  std::vector<std::pair<int, long>> peopleOffStreet;  // (district, people) of 町丁目 with no street: unreachable
  long peopleWithoutDistrict = 0;                     // census people of 町丁目 that lie in no district
  std::size_t streetPlaces = 0;
  double people = 0, assigned = 0, shortfall = 0, unreachablePeople = 0;
  int buildingsWithoutStreet = 0, buildingsWithCapacity = 0;

};

// The share (0..1) of a district's people whose walk to their building takes at most `minutes` at `speed`
// (people without a place or a street count as not arriving in time).
double shareWithin(const EvacuationPlan& plan, int district, double speed, double minutes);

// The whole ward at once (a district's briefing reads its part of it). When `stop` is requested it returns early
// with an incomplete plan, which the caller throws away.
EvacuationPlan planEvacuation(const Project& project, const WalkSurface& surface, const EvacuationOptions& options,
                              std::stop_token stop = {});

// The street routes from origins to buildings: along the nearest-building field when the building is that
// origin's nearest, else along a field from that building alone (walked once per building, then kept).
class RouteTracer {
 public:
  RouteTracer(const EvacuationPlan& plan, const WalkSurface& surface) : plan_(plan), surface_(surface) {}
  std::vector<Vec2> route(int origin, int building);

 private:
  const EvacuationPlan& plan_;
  const WalkSurface& surface_;
  std::map<int, DistanceField> fromBuilding_;
};

}  // namespace safetymap::analysis
