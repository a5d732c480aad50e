#pragma once
// What a multi-source walk leaves behind, on the grid (one entry per cell) or on a street graph (one per
// node): the distance to the nearest source, the way back to it, and which source it is.
#include <cstdint>
#include <limits>
#include <vector>

namespace safetymap::analysis {

inline constexpr float kUnreachable = std::numeric_limits<float>::infinity();

struct DistanceField {
  std::vector<float> distance;         // metres along walkable cells; kUnreachable where no source is reached
  std::vector<std::int32_t> previous;  // the next cell towards the nearest source; -1 at a source
  std::vector<std::int16_t> source;    // which source is nearest (index into the sources); -1 = none
};

// The k nearest sources of every node (distance, source), for capacity-aware assignment. k ≤ 8.
struct NearestSources {
  int k = 0;
  std::vector<float> distance;       // k per cell, ascending; kUnreachable past the last
  std::vector<std::int16_t> source;  // k per cell; -1 past the last
};

}  // namespace safetymap::analysis
