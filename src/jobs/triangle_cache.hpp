#pragma once
// The triangles of a big polygon layer kept between starts: GEOS triangulating the 18,394 road polygons was a third
// of the time from launch to the map. One file per source layer in the cache folder, found by a key made of the
// source file's content, the layer (its name, features and vertices) and this program's build: a change to any of
// them misses and triangulates again. A cache that cannot be read or written only costs that time.
#include <cstdint>
#include <memory>
#include <string>

#include "core/layer.hpp"
#include "render/layer_mesh.hpp"

namespace safetymap::jobs {

// $SAFETYMAP_CACHE_DIR, else $XDG_CACHE_HOME/safetymap, else ~/.cache/safetymap.
std::string cacheDir();

// Layers with fewer polygons triangulate faster than their file is hashed: not cached.
inline constexpr std::size_t kCachedPolygons = 5000;

struct CachedTriangles {
  std::shared_ptr<const render::Triangulation> triangles;
  bool fromCache = false;
};
// The layer's triangles, from the cache when it holds them for this content, else triangulated and stored.
CachedTriangles cachedTriangles(const std::string& sourceFile, const Layer& layer);

// Each source path has an entry of its own, so files read once (a copy opened from /tmp) would stay forever: when an
// entry is written, those not used for kCacheDays go (and a write cut short, after a day), then the least recently used
// until the rest fit in maxBytes. `keep` (the entry just written) always stays. A hit marks its entry used.
inline constexpr int kCacheDays = 30;
inline constexpr std::uintmax_t kCacheBytes = std::uintmax_t{1} << 30;
void pruneCache(const std::string& dir, const std::string& keep, std::uintmax_t maxBytes = kCacheBytes);

}  // namespace safetymap::jobs
