#include "share/checkout.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "io/commit_file.hpp"
#include "io/layer_reader.hpp"
#include "io/ogr_geometry.hpp"
#include "io/project_file.hpp"
#include "share/edit_changes.hpp"
#include "share/pg_connection.hpp"
#include "share/store_open.hpp"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace safetymap::share {

namespace {

constexpr const char* kMeta = "safetymap_checkout";
constexpr const char* kBase = "safetymap_base";
constexpr const char* kActivities = "safetymap_activities";

// FNV-1a, 64 bits: stable across runs and machines (std::hash is neither promised).
struct Fnv {
  std::uint64_t h = 1469598103934665603ull;
  void bytes(const void* p, size_t n) {
    for (size_t i = 0; i < n; ++i) h = (h ^ static_cast<const unsigned char*>(p)[i]) * 1099511628211ull;
  }
  void text(const std::string& s) { bytes(s.data(), s.size() + 1); }  // with its end, so "ab"+"c" ≠ "a"+"bc"
  void coords(const std::vector<Vec2>& ps) {
    for (Vec2 p : ps) {
      double xy[2] = {p.x + 0.0, p.y + 0.0};  // -0 as 0
      bytes(xy, sizeof xy);
    }
    bytes("|", 1);
  }
};

std::string uidOf(const Layer& l, const Feature& f) {
  const std::string* v = l.value(f, "uid");
  return v ? *v : std::string();
}

// The connection string without its password (in any of libpq's forms): what the checkout keeps to find its store.
std::string withoutPassword(const std::string& db) {
  return "PG:" + connectionWithout(db, "password");
}

// Writes the project as a checkout: the layers and, beside them, where it came from and what each record was.
Status writeCheckout(const Project& project, const StoreLink& link, const std::string& path,
                     const io::ProjectView& view, int& records) {
  io::SaveOptions so;
  io::WriteOptions::Table meta{kMeta, {"key", "value"}, {}};
  json tables(link.tables);
  meta.rows = {{"db", withoutPassword(link.db)},
               {"store", link.name},
               {"login", link.login},
               {"tables", tables.dump()},
               {"last_change", std::to_string(link.lastChange)}};  // the newest history row it holds
  io::WriteOptions::Table base{kBase, {"table_name", "uid", "version", "fingerprint"}, {}};
  records = 0;
  for (const auto& l : project.layers()) {
    auto t = link.tables.find(l->id);
    if (t == link.tables.end()) continue;
    for (const auto& f : l->features) {
      const std::string* v = l->value(f, "version");
      base.rows.push_back({t->second, uidOf(*l, f), v ? *v : "0", fingerprint(*l, f)});
      ++records;
    }
  }
  for (auto [kind, byDistrict] :
       {std::pair{"drill", &project.activities.drill}, std::pair{"study", &project.activities.study}})
    for (const auto& [district, status] : *byDistrict)
      base.rows.push_back({kActivities, district + "/" + kind, "0", activityStatusKey(status)});
  so.tables = {meta, base};
  Diagnostics diag(false);
  // The layers keep no link to the database they were read from: the checkout is a file of its own.
  Project copy = project;
  for (size_t i = 0; i < copy.layers().size(); ++i) copy.edit(i)->provenance.path.clear();
  if (!io::saveProject(copy, view, path, diag, so)) {
    auto m = diag.snapshot();
    return Status::failure(path + ": " + (m.empty() ? std::string("cannot be written") : m.back().text));
  }
  return {};
}

// One of the checkout's own tables (read through GDAL like the layers).
std::shared_ptr<Layer> readTable(const std::string& path, const char* table, Diagnostics& diag) {
  io::ReadOptions ro;
  ro.onlyLayer = table;
  ro.keepWithoutGeometry = true;
  ro.quietEmpty = true;
  auto read = io::readLayers(path, diag, ro);
  return read.empty() ? nullptr : read.front();
}

std::map<std::string, std::string> readMeta(const std::string& path, Diagnostics& diag) {
  std::map<std::string, std::string> out;
  if (auto t = readTable(path, kMeta, diag))
    for (const auto& f : t->features)
      if (f.values.size() >= 2) out[f.values[0]] = f.values[1];
  return out;
}

struct Base {
  int version = 0;
  std::string fingerprint;
};

std::map<std::pair<std::string, std::string>, Base> readBase(const std::string& path, Diagnostics& diag) {
  std::map<std::pair<std::string, std::string>, Base> out;
  if (auto t = readTable(path, kBase, diag))
    for (const auto& f : t->features)
      if (f.values.size() >= 4) out[{f.values[0], f.values[1]}] = {std::atoi(f.values[2].c_str()), f.values[3]};
  return out;
}

std::optional<std::string> orNull(const std::string& v) {
  return v.empty() ? std::nullopt : std::optional(v);
}

}  // namespace

std::string fingerprint(const Layer& l, const Feature& f) {
  Fnv h;
  for (size_t i = 0; i < l.fields.size(); ++i) {
    if (storeColumn(l.fields[i].name) || l.fields[i].name == "fid") continue;
    h.text(l.fields[i].name);
    h.text(i < f.values.size() ? f.values[i] : std::string());
  }
  // The coordinates exactly as read (GDAL reads the same doubles from PostGIS and from the GeoPackage).
  const Geometry& g = f.geometry;
  h.coords(std::vector<Vec2>(g.points.begin(), g.points.end()));
  for (const auto& line : g.lines) h.coords(line);
  for (const auto& poly : g.polygons) {
    h.coords(poly.outer);
    for (const auto& hole : poly.holes) h.coords(hole);
  }
  return fmt::format("{:016x}", h.h);
}

Status checkout(const std::string& db, const std::string& out, CheckoutReport& report) {
  Diagnostics diag(false);
  Project project;
  auto link = openStore(db, project, diag);
  if (!link) {
    auto m = diag.snapshot();
    return Status::failure(m.empty() ? describeDatabase(db) + ": cannot be read" : m.front().str());
  }
  report.layers = static_cast<int>(link->tables.size());
  return writeCheckout(project, *link, out, {}, report.records);
}

Status sync(const std::string& path, const SyncOptions& options, SyncReport& report) {
  Diagnostics diag(false);
  auto said = [&](const std::string& fallback) {  // the first error said while reading, else the fallback
    for (const auto& m : diag.snapshot())
      if (m.severity == Severity::Error) return Status::failure(m.str());
    return Status::failure(fallback);
  };
  auto meta = readMeta(path, diag);
  if (meta.empty() || meta["db"].empty())
    return Status::failure(path + ": not a checkout of a shared store (safetymap share checkout makes one)");
  const std::string db = options.db.empty() ? meta["db"] : options.db;
  std::map<std::string, std::string> tables;
  try {
    tables = json::parse(meta["tables"]).get<std::map<std::string, std::string>>();
  } catch (const std::exception& e) {
    return Status::failure(path + ": the checkout's list of tables is damaged: " + e.what());
  }
  Project local;
  auto view = io::openProject(path, local, diag);
  if (!view) return said(path + ": cannot be opened");
  auto base = readBase(path, diag);

  // Records added here without an identity get one, saved before anything is sent: a sync run again sends the same.
  bool named = false;
  for (const auto& [id, table] : tables)
    if (const Layer* l = local.layer(id); l && l->fieldIndex("uid") >= 0)
      for (size_t i = 0; i < l->features.size(); ++i)
        if (uidOf(*l, l->features[i]).empty()) {
          Layer* m = local.edit(id);
          m->features[i].values.resize(m->fields.size());
          m->features[i].values.set(static_cast<size_t>(m->fieldIndex("uid")), newUid());
          named = true;
        }
  if (named) {
    io::SaveOptions so;
    if (!io::saveProject(local, *view, path, diag, so)) return said(path + ": cannot be saved");
  }

  // Every layer that was checked out must be here with its records' identities: a missing one would read as all of
  // its records deleted.
  for (const auto& [id, table] : tables) {
    const Layer* l = local.layer(id);
    if (!l || l->fieldIndex("uid") < 0)
      return Status::failure(path + ": the layer " + id + " (table " + table + ") " +
                             (l ? "has lost its uid column" : "is missing") +
                             ": the checkout cannot be synced (nothing was sent); check out again and redo the edits");
  }

  // What changed here since the checkout.
  std::vector<RecordChange> changes;
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& [id, table] : tables) {
    const Layer* l = local.layer(id);
    if (!l) continue;
    for (const auto& f : l->features) {
      const std::string uid = uidOf(*l, f);
      seen.insert({table, uid});
      auto b = base.find({table, uid});
      if (b != base.end() && b->second.fingerprint == fingerprint(*l, f)) continue;
      RecordChange ch;
      ch.kind = b == base.end() ? RecordChange::Kind::Insert : RecordChange::Kind::Update;
      ch.table = table;
      ch.uid = uid;
      ch.baseVersion = b == base.end() ? 0 : b->second.version;
      for (size_t i = 0; i < l->fields.size(); ++i)
        if (!storeColumn(l->fields[i].name) && l->fields[i].name != "fid")
          ch.values[l->fields[i].name] = orNull(i < f.values.size() ? f.values[i] : std::string());
      if (std::string w = io::toWkt(f.geometry); !w.empty()) ch.geometryWkt = w;
      changes.push_back(std::move(ch));
    }
  }
  for (const auto& [key, b] : base)
    if (key.first != kActivities && !seen.count(key)) {
      RecordChange ch;
      ch.kind = RecordChange::Kind::Delete;
      ch.table = key.first, ch.uid = key.second, ch.baseVersion = b.version;
      changes.push_back(std::move(ch));
    }
  for (auto [kind, byDistrict] :
       {std::pair{"drill", &local.activities.drill}, std::pair{"study", &local.activities.study}})
    for (const auto& [district, status] : *byDistrict) {
      auto b = base.find({kActivities, district + "/" + kind});
      if (b != base.end() && b->second.fingerprint == activityStatusKey(status)) continue;
      RecordChange ch;
      ch.kind = RecordChange::Kind::Upsert;
      ch.table = kActivities;
      ch.key = {"district", "kind"};
      ch.values = {
          {"district", district}, {"kind", std::string(kind)}, {"status", std::string(activityStatusKey(status))}};
      changes.push_back(std::move(ch));
    }

  Status st;
  auto c = Connection::open(db, st);
  if (!c) return st;
  if (options.at) options.at(0, "connected");
  auto before = [&](int i) {
    if (options.at) options.at(1 + i, i < static_cast<int>(changes.size()) ? "before a change" : "before the commit");
  };
  const bool force = options.resolve == SyncOptions::Resolve::Mine;
  ApplyResult r = applyChanges(*c, changes, force, before);
  if (r.status && !r.conflicts.empty() && options.resolve == SyncOptions::Resolve::Theirs) {
    // Theirs wins where they differ: those changes of this computer are given up, the rest is sent.
    std::set<std::pair<std::string, std::string>> theirs;
    for (const auto& k : r.conflicts) theirs.insert({k.mine.table, k.mine.uid});
    std::erase_if(changes, [&](const RecordChange& ch) { return theirs.count({ch.table, ch.uid}) > 0; });
    report.dropped = static_cast<int>(theirs.size());
    r = applyChanges(*c, changes, false, before);
  }
  if (!r.status) return r.status;
  if (!r.conflicts.empty()) {
    report.conflicts = r.conflicts;
    return {};  // nothing written on either side: the user chooses (--mine or --theirs) and runs it again
  }
  report.sent = r.written;
  report.unchanged = static_cast<int>(changes.size()) - r.written;
  if (options.at) options.at(static_cast<int>(changes.size()) + 2, "committed");

  // Nothing sent and nothing new in the store since the checkout was written: it is up to date as it is.
  Rows newest;
  if (r.written == 0 && !named && !meta["last_change"].empty() &&
      c->run("SELECT coalesce(max(id), 0) FROM safetymap_history", &newest) &&
      newest.text(0, 0) == meta["last_change"]) {
    report.records = static_cast<int>(
        std::count_if(base.begin(), base.end(), [](const auto& b) { return b.first.first != kActivities; }));
    if (options.at) options.at(static_cast<int>(changes.size()) + 3, "up to date");
    return {};
  }
  // Everyone's records, as the store has them now, written over the checkout (atomically).
  Project fresh;
  auto link = openStore(db, fresh, diag);
  if (!link) return said(describeDatabase(db) + ": cannot be read back");
  if (auto s = writeCheckout(fresh, *link, path, *view, report.records); !s) return s;
  if (options.at) options.at(static_cast<int>(changes.size()) + 3, "written");
  return {};
}

}  // namespace safetymap::share
