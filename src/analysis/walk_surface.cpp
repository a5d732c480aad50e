#include "analysis/walk_surface.hpp"

namespace safetymap::analysis {

std::vector<Vec2> WalkSurface::route(const DistanceField& f, int from) const {
  std::vector<Vec2> route;
  if (from < 0 || f.distance[static_cast<size_t>(from)] == kUnreachable) return route;
  for (int v = from; v >= 0; v = f.previous[static_cast<size_t>(v)]) {
    route.push_back(position(v));
    if (route.size() > f.previous.size()) break;  // never loops, but never hangs either
  }
  return route;
}

}  // namespace safetymap::analysis
