#pragma once
// Placing a record known only by its 町丁目 the way a cartographer would: on a street surface inside
// that 町丁目 (PLATEAU road polygons), never in the water or inside a building block. The street part of
// each 町丁目 is worked out once, when a record first needs it.
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include "analysis/spatial_index.hpp"
#include "core/layer.hpp"

namespace safetymap::analysis {

class StreetPlacer {
 public:
  // chome: the 町丁目 polygons; roads: street surfaces (any polygon layer). Both are borrowed.
  StreetPlacer(const Layer& chome, const Layer& roads);
  // A point on a street inside the 町丁目 (same seed, same point); nullopt when it has no street.
  std::optional<Vec2> place(int chomeFeature, std::uint64_t seed);

 private:
  struct Piece {
    Geometry area;
    double cumulative = 0;  // area of this and every earlier piece, for a pick weighted by area
  };
  const std::vector<Piece>& pieces(int chomeFeature);

  const Layer& chome_;
  const Layer& roads_;
  SpatialIndex index_;
  std::map<int, std::vector<Piece>> pieces_;
  std::mutex mutex_;
};

}  // namespace safetymap::analysis
