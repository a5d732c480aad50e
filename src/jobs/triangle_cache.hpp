#pragma once
// The triangles of a big polygon layer kept between starts: GEOS triangulating the 18,394 road polygons was a third
// of the time from launch to the map. One file per source layer in the cache folder, found by a key made of the
// source file's content, the layer (its name, features and vertices) and this program's build: a change to any of
// them misses and triangulates again. A cache that cannot be read or written only costs that time.
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

}  // namespace safetymap::jobs
