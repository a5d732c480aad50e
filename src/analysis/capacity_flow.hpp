#pragma once
// Who goes where when buildings have room for only so many: a min-cost flow (Boost.Graph's successive shortest
// paths), so that the total walk is least and no building takes more than its capacity.
#include <vector>

namespace safetymap::analysis {

// Capacity-aware assignment as a min-cost flow: supplies (people per origin), candidate edges (origin,
// building, distance), capacities per building (negative = unlimited). Returns people per edge, and
// per origin the people left without a place.
struct FlowEdge {
  int origin, building;
  double distance;
};
struct FlowResult {
  std::vector<double> edgeFlow;
  std::vector<double> unplaced;
};
FlowResult assignWithCapacity(const std::vector<double>& supply, const std::vector<FlowEdge>& edges,
                              const std::vector<double>& capacity);

}  // namespace safetymap::analysis
