#include "analysis/spatial_index.hpp"

#include <cstdint>

#include "analysis/geos_context.hpp"

namespace safetymap::analysis {

namespace {
GeosPtr envelope(const Bounds& b) {
  return GeosPtr(GEOSGeom_createRectangle_r(geos(), b.minx, b.miny, b.maxx, b.maxy));
}
}  // namespace

struct SpatialIndex::Impl {
  GEOSContextHandle_t h = geos();
  GEOSSTRtree* tree = GEOSSTRtree_create_r(h, 10);
  std::vector<GeosPtr> envelopes;  // the tree keeps pointers to these
  ~Impl() { GEOSSTRtree_destroy_r(h, tree); }
};

SpatialIndex::SpatialIndex() : impl_(std::make_unique<Impl>()) {}
SpatialIndex::~SpatialIndex() = default;
SpatialIndex::SpatialIndex(SpatialIndex&&) noexcept = default;
SpatialIndex& SpatialIndex::operator=(SpatialIndex&&) noexcept = default;

void SpatialIndex::insert(const Bounds& b, int id) {
  if (b.empty()) return;
  impl_->envelopes.push_back(envelope(b));
  GEOSSTRtree_insert_r(impl_->h, impl_->tree, impl_->envelopes.back().get(),
                       reinterpret_cast<void*>(static_cast<std::intptr_t>(id)));
  ++count_;
}

std::vector<int> SpatialIndex::query(const Bounds& b) const {
  std::vector<int> out;
  if (count_ == 0 || b.empty()) return out;
  GeosPtr e = envelope(b);
  GEOSSTRtree_query_r(
      geos(), impl_->tree, e.get(),
      [](void* item, void* user) {
        static_cast<std::vector<int>*>(user)->push_back(static_cast<int>(reinterpret_cast<std::intptr_t>(item)));
      },
      &out);
  return out;
}

}  // namespace safetymap::analysis
