#pragma once
// A GeoPackage table's R-tree packed in one pass (sort-tile-recursive) while the table is written, instead of
// one SQLite R*-tree insertion per feature: GDAL 3.6 builds the index row by row when the file closes, which was
// most of the time a big import took to save. The index is the standard one (gpkg_rtree_index): GDAL creates its
// virtual table, triggers and extension row; only the filling is ours, straight into SQLite's own node tables.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

class GDALDataset;
struct sqlite3;

namespace safetymap::io {

class PackedRtree {
 public:
  // Creates the empty index of table.geomColumn (GDAL's CreateSpatialIndex on the still empty table) and holds
  // back its triggers while the table is filled. Null, with the reason in error, when the dataset is not a
  // GeoPackage GDAL lets us reach or the index cannot be made.
  static std::unique_ptr<PackedRtree> begin(GDALDataset& ds, const std::string& table, const std::string& geomColumn,
                                            std::string& error);
  ~PackedRtree();

  // One feature written to the table: its id and bounds (empty geometries are not indexed, as the trigger does).
  void add(std::int64_t fid, double minX, double maxX, double minY, double maxY);
  // Packs what was added into the R-tree's tables and puts the triggers back; inside the caller's
  // transaction, so a failed save leaves nothing half-indexed.
  bool finish(std::string& error);

  struct Entry {
    std::int64_t id;
    float minX, maxX, minY, maxY;
  };

 private:
  PackedRtree() = default;
  sqlite3* db_ = nullptr;
  std::string rtree_;
  std::vector<std::pair<std::string, std::string>> triggers_;  // the index's triggers, held back: name, SQL
  std::vector<Entry> entries_;
  bool finished_ = false;
};

}  // namespace safetymap::io
