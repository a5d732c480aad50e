#pragma once
// Raster layers: what a grid file is (its facts), how its values become colours (a ramp), and the interface through
// which the map, the printout and the analysis read it in the working CRS. The reading itself is io's (GDAL).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/color_ramp.hpp"
#include "core/geometry.hpp"

namespace safetymap {

// What `safetymap check`, the inspector and the legend say of a raster file.
struct RasterInfo {
  std::string path, driver;
  int width = 0, height = 0, bands = 0;
  std::string bandType;          // GDAL's name: Byte, Float32, …
  std::optional<double> nodata;  // band 1's
  std::string crs;               // the file's CRS as named by PROJ, empty when it has none
  Bounds extent;                 // in the working CRS
  Ring footprint;                // the file's own pixels in the working CRS (the extent's corners may lie beyond them)
  double cellMetres = 0;         // the cell size after warping to the working CRS
  int overviews = 0;             // levels band 1 has (its own or built into the cache)
  bool overviewsBuilt = false;   // the overviews were built into safetymap's cache (the file is never changed)
  bool warped = false;           // read through GDAL's warper (not already in the working CRS, north up)
  bool rgb = false;              // drawn as it is (3 or 4 bands of bytes, or a palette), not through a ramp
  double minValue = 0, maxValue = 0;  // band 1's range (from an overview: fast)
  bool synthetic = false;             // the file says it is generated (metadata SYNTHETIC=true): never official
};

// Band 1's values resampled onto w × h cells over an extent of the working CRS (row 0 is the northern edge).
// NaN where there is no data (nodata, or outside the file).
struct RasterGrid {
  int width = 0, height = 0;
  Bounds extent;
  std::vector<float> values;
  float at(int x, int y) const { return values[static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)]; }
  Vec2 cellCentre(int x, int y) const;
  double cellWidth() const { return extent.width() / width; }
  double cellHeight() const { return extent.height() / height; }
  bool empty() const { return width == 0 || height == 0; }
};

// An RGBA picture over an extent of the working CRS (row 0 north), premultiplied by nothing.
struct RgbaImage {
  int width = 0, height = 0;
  Bounds extent;
  std::vector<std::uint8_t> pixels;  // 4 bytes per pixel
  bool empty() const { return width == 0 || height == 0; }
};

// A raster in the working CRS. Implementations are safe to call from several threads (the map's view and a
// printout may read at once).
class RasterSource {
 public:
  virtual ~RasterSource() = default;
  virtual const RasterInfo& info() const = 0;
  // Band 1 over `extent` at w × h (from the overview nearest the resolution asked for).
  virtual RasterGrid values(const Bounds& extent, int w, int h) const = 0;
  // The bands as colours (RGB(A) or a palette), for a raster drawn as it is.
  virtual RgbaImage colours(const Bounds& extent, int w, int h) const = 0;
  // Band 1 at a point, at full resolution; empty outside or on nodata.
  virtual std::optional<double> valueAt(Vec2 p) const = 0;
};

// Whether a place lies on the file's own pixels (inside its footprint).
bool rasterCovers(const RasterInfo& info, Vec2 p);

// What a raster layer draws over `extent` at w × h: its colours as they are, or band 1 through the ramp;
// nodata and outside transparent. The one evaluator of the screen and the printout.
RgbaImage paintRaster(const RasterSource& source, const ColorRamp& ramp, const Bounds& extent, int w, int h);
RgbaImage paintGrid(const RasterGrid& grid, const ColorRamp& ramp);  // band 1's values through the ramp

// The size of a picture of `extent` at most `maxSide` pixels on its longer side, no finer than the raster's cells.
std::pair<int, int> rasterPictureSize(const RasterInfo& info, const Bounds& extent, int maxSide);

}  // namespace safetymap
