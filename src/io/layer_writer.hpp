#pragma once
// Writes layers through GDAL. A write goes to a temporary file beside the target and is renamed
// over it only when complete, so a failure never leaves a half-written file.
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/layer.hpp"
#include "io/commit_file.hpp"  // what every writer ends with

namespace safetymap::io {

struct WriteOptions {
  std::string driver = "GeoJSON";         // any GDAL vector driver that can create files
  std::string crs = "EPSG:4326";          // coordinates are transformed from the working CRS by PROJ
  std::vector<std::string> layerOptions;  // e.g. RFC7946=YES
  std::vector<std::string> layerNames;    // the table name of each layer; empty = its id
  // Non-spatial tables written after the layers (a project's metadata in a GeoPackage).
  struct Table {
    std::string name;
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
  };
  std::vector<Table> tables;
  // GeoPackage only: start from a copy of this file, less the tables in replaceTables, so that tables
  // safetymap does not own (a user's notes, QGIS's layer_styles) are kept as they are.
  std::string keepTablesOf;
  std::vector<std::string> replaceTables;
  int delayPerFeatureUs = 0;   // tests only: widens the window in which a save can be killed
  int failAfterFeatures = -1;  // tests only: an injected write failure after this many features
  int progressEvery = 0;       // tests only: "safetymap save: N features" on stderr every N, so a test can act mid-save
};

// One file with one layer per entry (GeoJSON takes exactly one). Returns false (and reports) on failure.
bool writeLayers(const std::vector<const Layer*>& layers, const std::string& path, const WriteOptions& options,
                 Diagnostics& diag);
bool writeLayer(const Layer& layer, const std::string& path, const WriteOptions& options, Diagnostics& diag);


}  // namespace safetymap::io
