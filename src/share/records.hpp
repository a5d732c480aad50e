#pragma once
// Writing records of the shared store: each call is one transaction (one undo step of the viewer, one sync), every
// change checked against the version it was made on. A change made on an older version than the store's is a
// conflict: nothing of the step is written, and the caller gets theirs and the other version side by side.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"

namespace safetymap::share {

class Connection;

using Values = std::map<std::string, std::optional<std::string>>;  // column → text; nullopt = NULL

struct RecordChange {
  // Upsert: insert, or set the values of the record with the same key columns (a district's drill status).
  enum class Kind { Insert, Update, Delete, Upsert } kind = Kind::Update;
  std::string table;
  std::string uid;      // the record; for an insert, chosen by the client so a re-sent insert is not doubled
  int baseVersion = 0;  // update / delete: the version the change was made on
  Values values;        // insert / update: the columns set
  std::optional<std::string> geometryWkt;  // insert / update: the new place, WKT in EPSG:6674
  std::vector<std::string> key;            // upsert: the columns that identify the record
  // insert: the record is made again under its identity (an undone deletion). Otherwise an insert of a record the
  // store had and someone deleted is a conflict, not a silent resurrection (a sync sending its addition again).
  bool recreate = false;
};

// What the store said of a record it wrote: its version now, who and when.
struct Stamp {
  std::string table, uid;
  int version = 0;
  std::string by, at;
};

struct Conflict {
  RecordChange mine;
  bool deleted = false;  // the other side deleted the record
  int theirVersion = 0;
  std::string theirBy, theirAt;
  std::string theirs;  // their record as JSON (GeoJSON geometry)
};

struct ApplyResult {
  Status status;                    // a failure (refused, lost connection): nothing was written
  int written = 0;                  // changes that changed a record (a re-sent one already there is not counted)
  std::vector<Conflict> conflicts;  // non-empty: nothing was written
  bool refused = false;             // the database refused it (row-level security or a grant)
  bool lost = false;                // the connection was lost: nothing of it is known to be written
  std::vector<Stamp> stamps;        // one per record written
};

// One transaction. `force` writes over newer versions (the user chose theirs over the other's, after seeing both).
// `before` (tests: the fault test stops the server there) is called before each change i and, with i = the number of
// changes, before the commit.
ApplyResult applyChanges(Connection& c, const std::vector<RecordChange>& changes, bool force = false,
                         const std::function<void(int)>& before = {});

struct HistoryEntry {
  long long id = 0;
  std::string op, by, at;
  int version = 0;
  std::string before, after;  // JSON, empty for none
};
Status recordHistory(Connection& c, const std::string& table, const std::string& uid, std::vector<HistoryEntry>& out);
// Writes an earlier version back as a new version (the history keeps every one).
ApplyResult restoreVersion(Connection& c, const std::string& table, const std::string& uid, int version);

}  // namespace safetymap::share
