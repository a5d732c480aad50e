#pragma once
// Importing records into a project (File › Import…, `safetymap import --into`): anything GDAL reads.
// Police open-data CSVs (手口, 町丁目（発生地）…) go into the crime layer; other files become layers.
// Rows with coordinates keep them (lat/lon, or plane X/Y metres); rows with only a 町丁目 or an address
// are placed at a point inside that 町丁目 and marked approximate with the method; rows that cannot be
// placed are reported by row number and reason. A record already in the layer is never added twice.
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/project.hpp"

namespace safetymap::jobs {

struct ImportReport {
  std::string file;
  std::string encoding;  // for CSV: the encoding detected
  std::string layerId;   // where the records went
  int rows = 0;          // records read from the file
  int imported = 0;      // added to the layer
  int placedByTown = 0;  // of those, placed inside their 町丁目 (approximate)
  int duplicates = 0;    // already in the layer: skipped
  int outsideWard = 0;   // records of other municipalities (a prefecture-wide police file): skipped
  std::vector<std::pair<int, std::string>> unplaced;  // (row number, reason)
  std::vector<std::pair<int, std::string>> refused;   // records not imported: an impossible date (row, reason)
  int unread = 0;                                     // rows the reader could not read (named by the reader)
  bool ok = false;                                    // the file could be read
  bool replacedSample = false;                        // the synthetic crime sample gave way to real records
  std::string summary(Lang lang) const;
};

// A file read for import, before it meets a project: reading needs nothing of the project, so a command reads
// its files while the project loads.
struct ImportSource {
  std::string file;
  std::vector<std::shared_ptr<Layer>> layers;  // empty: the file could not be read (diag says why)
};
ImportSource readForImport(const std::string& file, Diagnostics& diag);

// Imports one file into the project. The project's districts must be set (for tagging).
ImportReport importFile(Project& project, ImportSource source, Diagnostics& diag);
ImportReport importFile(Project& project, const std::string& file, Diagnostics& diag);

// The key that identifies a record whatever file it came from: a hash of its own columns' values.
std::string recordKey(const Layer& layer, const Feature& f, const std::vector<std::string>& ownFields);

}  // namespace safetymap::jobs
