#include "analysis/picking.hpp"

#include <limits>

namespace safetymap::analysis {

void PickIndex::build(const Layer& layer) {
  index_ = SpatialIndex();
  for (size_t i = 0; i < layer.features.size(); ++i)
    index_.insert(layer.features[i].geometry.bounds(), static_cast<int>(i));
  index_.prepare();
  version_ = layer.dataVersion;
}

static double featureDistance(const Geometry& g, Vec2 p) {
  if (contains(g, p)) return 0;
  double d = std::numeric_limits<double>::infinity();
  for (auto q : g.points) d = std::min(d, distance(p, q));
  for (const auto& l : g.lines)
    for (size_t i = 0; i + 1 < l.size(); ++i) d = std::min(d, distanceToSegment(p, l[i], l[i + 1]));
  return d;
}

std::optional<int> PickIndex::pick(const Layer& layer, Vec2 p, double tol,
                                   const std::function<bool(const Feature&)>& accept) const {
  Bounds b{p.x - tol, p.y - tol, p.x + tol, p.y + tol};
  std::optional<int> best;
  double bestD = std::numeric_limits<double>::infinity();
  for (int i : index_.query(b)) {
    const Feature& f = layer.features[static_cast<size_t>(i)];
    if (accept && !accept(f)) continue;
    double d = featureDistance(f.geometry, p);
    // Areas only count when the cursor is inside; ties go to the later (upper) feature.
    if (f.geometry.type == GeometryType::Polygon && d > 0) continue;
    if (d <= tol && d <= bestD) bestD = d, best = i;
  }
  return best;
}

std::vector<int> PickIndex::inRect(const Layer& layer, const Bounds& rect) const {
  std::vector<int> out;
  for (int i : index_.query(rect)) {
    const auto& g = layer.features[static_cast<size_t>(i)].geometry;
    if (!g.points.empty() ? rect.contains(g.points.front()) : rect.intersects(g.bounds())) out.push_back(i);
  }
  return out;
}

}  // namespace safetymap::analysis
