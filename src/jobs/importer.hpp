#pragma once
// Importing records into a project (File › Import…, `safetymap import --into`): anything GDAL reads.
// Police open-data CSVs (手口, 町丁目（発生地）…) go into the crime layer; other files become layers.
// Rows with coordinates keep them (lat/lon, or plane X/Y metres); rows with only a 町丁目 or an address
// are placed at a point inside that 町丁目 and marked approximate with the method; rows that cannot be
// placed are reported by row number and reason. A record already in the layer is never added twice.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/project.hpp"
#include "jobs/job.hpp"

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

// A file's records on their way from its reader to the import. A text table's rows come in batches while GDAL
// reads it, so a big table is imported beside its reading; other files' layers come whole. One thread reads
// (read), another imports (importFile).
class ImportSource {
 public:
  explicit ImportSource(std::string file) : file_(std::move(file)) {}
  const std::string& file() const { return file_; }

  struct Piece {
    int layer = 0;                        // which of the file's layers, in reading order
    std::shared_ptr<const Layer> schema;  // its fields and provenance (the whole layer in its last piece)
    std::vector<Feature> rows;
    enum class End : std::uint8_t { Not, Complete, Unreadable } end = End::Not;
    // Each row's identity, worked out on the reading thread (it needs nothing of the project): the key a
    // record exported by safetymap carries, or the hash of its own columns (recordKey), and that as text.
    // Left empty by a producer, they are worked out on the import's side.
    std::vector<std::uint64_t> keys;
    std::vector<TextId> keyTexts;
  };
  // Reads the file to its end, or until the job is cancelled; every problem goes to diag, as readLayers says it.
  // Progress: the share of its records read.
  void read(Diagnostics& diag, JobProgress* progress = nullptr);
  // The reader's side, piece by piece (read() does this): then nullopt, the end of the file.
  void push(std::optional<Piece> piece);
  std::optional<Piece> next();  // the import's side: waits for the next piece; none once the file is read

 private:
  std::string file_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::optional<Piece>> pieces_;
};

// Imports one file into the project. The project's districts must be set (for tagging). Each of its layers is
// all or nothing: records are put into the project only once the layer was read to its end.
// A cancelled job (progress) adds nothing.
ImportReport importFile(Project& project, ImportSource& source, Diagnostics& diag, JobProgress* progress = nullptr);
// The same, reading the file on a second thread while its records are imported.
ImportReport importFile(Project& project, const std::string& file, Diagnostics& diag, JobProgress* progress = nullptr);

// The key that identifies a record whatever file it came from: a hash of its own columns' values.
std::string recordKey(const Layer& layer, const Feature& f, const std::vector<std::string>& ownFields);

}  // namespace safetymap::jobs
