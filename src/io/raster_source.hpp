#pragma once
// Any raster GDAL reads (GeoTIFF / COG, GeoPackage tiles, MBTiles, PNG/JPEG with a world file, VRT, …), warped into
// the working CRS by GDAL. A file without overviews and bigger than a screen gets them built into safetymap's cache
// (a VRT of the file and its .ovr), never into the user's file. Every problem is one message naming the file.
#include <functional>
#include <memory>
#include <string>

#include "core/diagnostics.hpp"
#include "core/layer.hpp"
#include "core/raster.hpp"

namespace safetymap::io {

struct RasterOpenOptions {
  std::string cacheDir;               // where overviews are built; empty: $XDG_CACHE_HOME/safetymap/overviews
  int overviewsFrom = 2048;           // a file wider or taller than this without overviews gets them
  std::function<void(double)> progress;  // 0..1 while overviews are built
  std::function<bool()> stopped;         // cancels building them (nothing is then opened)
};

// Whether GDAL would read this file as a raster (and not as vector layers).
bool isRasterFile(const std::string& path);

// Null, with the reason in diag, when it cannot be read, has no CRS, or cannot be placed in the working CRS.
std::shared_ptr<RasterSource> openRaster(const std::string& path, Diagnostics& diag,
                                         const RasterOpenOptions& options = {});

// A layer of its own for the raster (no features): named after the file, band 1 through a value ramp over its
// range until a role gives it another (a hazard's depth classes). Null when openRaster is.
std::shared_ptr<Layer> readRasterLayer(const std::string& path, Diagnostics& diag,
                                       const RasterOpenOptions& options = {});

// The folder overviews are cached in by default.
std::string overviewCacheDir();

}  // namespace safetymap::io
