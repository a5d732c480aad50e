#include "analysis/street_placement.hpp"

#include <algorithm>

#include "analysis/overlay.hpp"
#include "analysis/sample_points.hpp"

namespace safetymap::analysis {

StreetPlacer::StreetPlacer(const Layer& chome, const Layer& roads) : chome_(chome), roads_(roads) {
  for (size_t i = 0; i < roads.features.size(); ++i)
    if (!roads.features[i].geometry.polygons.empty()) index_.insert(roads.features[i].geometry.bounds(), int(i));
}

const std::vector<StreetPlacer::Piece>& StreetPlacer::pieces(int c) {
  if (auto it = pieces_.find(c); it != pieces_.end()) return it->second;
  std::vector<Piece> out;
  const Geometry& cell = chome_.features[static_cast<size_t>(c)].geometry;
  double total = 0;
  for (int r : index_.query(cell.bounds())) {
    Geometry part = intersection(cell, roads_.features[static_cast<size_t>(r)].geometry);
    double a = area(part);
    if (a < 1.0) continue;  // slivers along the 町丁目 edge: not a place to put a record
    total += a;
    out.push_back({std::move(part), total});
  }
  return pieces_.emplace(c, std::move(out)).first->second;
}

std::optional<Vec2> StreetPlacer::place(int chomeFeature, std::uint64_t seed) {
  if (chomeFeature < 0 || static_cast<size_t>(chomeFeature) >= chome_.features.size()) return std::nullopt;
  std::lock_guard lock(mutex_);
  const auto& ps = pieces(chomeFeature);
  if (ps.empty()) return std::nullopt;
  // The piece by area (seed's high bits), then a point inside it (the seed itself).
  double pick = static_cast<double>(seed >> 11) * 0x1.0p-53 * ps.back().cumulative;
  auto it = std::lower_bound(ps.begin(), ps.end(), pick, [](const Piece& p, double v) { return p.cumulative < v; });
  if (it == ps.end()) --it;
  return pointInside(it->area, seed * 0x9E3779B97F4A7C15ull + 1);
}

}  // namespace safetymap::analysis
