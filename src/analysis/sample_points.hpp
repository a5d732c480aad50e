#pragma once
// Deterministic points inside a polygon, for placing records known only by their 町丁目.
#include <cstdint>

#include "core/geometry.hpp"

namespace safetymap::analysis {

// A point inside g (uniform over its area), the same for the same seed; anchor() if sampling fails.
Vec2 pointInside(const Geometry& g, std::uint64_t seed);

}  // namespace safetymap::analysis
