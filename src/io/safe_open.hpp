#pragma once
// Opening a file someone else made. Only what the user chose is read: a regular local file (never a
// folder, a FIFO, a device or a symlink loop), through a fixed set of GDAL vector drivers, with GDAL's
// network access refused (a GeoJSON "crs" link, a GML schema URL) and no side files written (.gfs).
// Formats that GDAL holds whole in memory have a size limit, so a huge broken file fails at once.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

class GDALDataset;

namespace safetymap::io {

void initGdal();  // idempotent: drivers, the network refusal and the limits

// Why this path must not be opened, in words a ward clerk understands; empty when it may be.
std::string inputProblem(const std::string& path);

struct OpenedVector {
  std::unique_ptr<GDALDataset> dataset;  // null when the file could not be opened
  std::string driver;                    // GDAL's short name ("CSV", "GPKG", …)
  std::string problem;                   // why not, when dataset is null
  std::string lastError;                 // GDAL's last error while opening (an unknown CRS is one)
  std::string lastWarning;               // and its last warning (a GeoPackage srs_id it does not define)
};

// Opens gdalPath (the user's file, or a converted /vsimem/ copy of it) read-only with the allowed
// drivers; userPath names the file in messages and decides the format's size limit.
OpenedVector openVector(const std::string& gdalPath, const std::string& userPath,
                        const std::vector<std::string>& openOptions = {});

// A PostgreSQL database ("PG:<connection string>") through GDAL's PostgreSQL driver, read-only; with `table`, that
// table alone is listed (the driver then does not scan the whole catalogue).
OpenedVector openDatabase(const std::string& gdalPath, const std::string& table);

// The web addresses GDAL tried to fetch on this thread since the last call (refused, each one).
std::vector<std::string> takeRefusedUrls();

// GDAL's own error text in plainer words where one is known ("database disk image is malformed" →
// "the GeoPackage is damaged …"); otherwise GDAL's text.
std::string plainGdalError(const std::string& gdal);

}  // namespace safetymap::io
