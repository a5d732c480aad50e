#pragma once
// Reads any vector file GDAL understands (GeoJSON, GeoPackage, Shapefile, CSV with coordinates,
// KML, …) into layers in the working CRS. Every problem is reported to the Diagnostics with the
// file's name; a file that cannot be read yields no layers, never a crash.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/geometry_check.hpp"
#include "core/layer.hpp"
#include "io/safe_open.hpp"  // initGdal

namespace safetymap::io {

using Progress = std::function<void(double fraction)>;  // 0..1

struct ReadOptions {
  std::string onlyLayer;             // read just this layer of a multi-layer file
  GeometryRepair repair;             // checks and repairs polygons (jobs::readLayers gives GEOS's); none: as read
  bool keepWithoutGeometry = false;  // keep rows that have no position (an attribute table)
  bool quietEmpty = false;           // an empty layer is expected (a project's layer with nothing placed yet)
  bool strict = false;               // `safetymap check`: unclosed rings are errors instead of being closed silently
  std::string where;                 // only the features this attribute filter (OGR SQL) keeps
  std::string label;                 // what messages name the source by, when not its path (a database's table)
  // The reading stops when this says so (the job is cancelled): a layer read in part is not returned, nor a
  // raster's overviews built.
  std::function<bool()> stopped;
  // A text table's rows handed over while GDAL reads them, kBatchRows at a time, on the reading thread (an
  // import runs beside the reading): the callee moves them out of layer.features; the rows left at the end
  // stay in the layer returned. A layer that is then not returned could not be read to its end.
  std::function<void(Layer& layer)> batch;
};

constexpr size_t kBatchRows = 4096;

// path may also be a database, "PG:<connection string>", read through GDAL's PostgreSQL driver (with onlyLayer).
std::vector<std::shared_ptr<Layer>> readLayers(const std::string& path, Diagnostics& diag,
                                               const ReadOptions& options = {}, const Progress& progress = {});

}  // namespace safetymap::io
