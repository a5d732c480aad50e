#pragma once
// A raster layer on the GPU: pictures of it as textures laid over their extents. Slot 0 holds the whole raster
// (from its overviews, drawn at once while panning), slot 1 the current view at screen resolution (sharper, drawn
// over it once read). Made off the UI thread (core's paintRaster); uploading is the only per-picture GL work.
#include <array>
#include <cstdint>
#include <memory>

#include "core/raster.hpp"
#include "render/texture.hpp"

namespace safetymap::render {

struct RasterPicture {
  Bounds extent;
  std::uint64_t styleVersion = 0;  // the layer style it was painted with
  int width = 0, height = 0;
  std::unique_ptr<Texture> texture;
};

struct RasterPictures {
  std::array<RasterPicture, 2> slots;  // 0: whole, 1: view
};

}  // namespace safetymap::render
