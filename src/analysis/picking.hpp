#pragma once
// Finds the feature under the cursor: an STRtree narrows the candidates, then an exact test
// (distance for points and lines, containment for areas). Built once per layer data version.
#include <functional>
#include <optional>

#include "analysis/spatial_index.hpp"
#include "core/layer.hpp"

namespace safetymap::analysis {

class PickIndex {
 public:
  void build(const Layer& layer);
  std::uint64_t builtVersion() const { return version_; }
  // The nearest feature within tolerance (metres) of p that passes the filter.
  std::optional<int> pick(const Layer& layer, Vec2 p, double tolerance,
                          const std::function<bool(const Feature&)>& accept) const;
  std::vector<int> inRect(const Layer& layer, const Bounds& rect) const;

 private:
  SpatialIndex index_;
  std::uint64_t version_ = ~0ull;
};

}  // namespace safetymap::analysis
