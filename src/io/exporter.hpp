#pragma once
// Exporting a layer for others: GeoJSON in EPSG:4326 (RFC 7946) or CSV (UTF-8 with a BOM, or Shift_JIS
// for Excel users), points as 緯度/経度 columns. Written through GDAL to a temporary file and renamed.
#include <optional>
#include <string>

#include "core/diagnostics.hpp"
#include "core/layer.hpp"

namespace safetymap::io {

struct ExportOptions {
  bool shiftJis = false;  // CSV only
};

// The format follows the extension: .geojson / .json or .csv.
bool exportLayer(const Layer& layer, const std::string& path, const ExportOptions& options, Diagnostics& diag);

// UTF-8 to Shift_JIS (CP932); nullopt with the first character that has no Shift_JIS form.
std::optional<std::string> toCp932(const std::string& utf8, std::string& badCharacter);

}  // namespace safetymap::io
