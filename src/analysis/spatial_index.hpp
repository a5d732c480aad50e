#pragma once
// A static spatial index of bounding boxes (a grid filled by a counting sort): picking and joins never scan every
// feature, and building it is O(n).
#include <memory>
#include <vector>

#include "core/geometry.hpp"

namespace safetymap::analysis {

class SpatialIndex {
 public:
  SpatialIndex();
  ~SpatialIndex();
  SpatialIndex(SpatialIndex&&) noexcept;
  SpatialIndex& operator=(SpatialIndex&&) noexcept;

  void insert(const Bounds& b, int id);
  // Builds the grid now rather than on the first query (e.g. on the thread that made the index).
  void prepare();
  // Ids whose boxes intersect b (the grid is built on the first query when not prepared).
  std::vector<int> query(const Bounds& b) const;
  size_t size() const { return count_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  size_t count_ = 0;
};

}  // namespace safetymap::analysis
