#include "share/store_open.hpp"

#include <nlohmann/json.hpp>

#include "io/layer_meta.hpp"
#include "io/layer_reader.hpp"
#include "share/pg_connection.hpp"

namespace safetymap::share {

bool storeColumn(const std::string& f) {
  return f == "uid" || f == "version" || f == "changed_by" || f == "changed_at";
}

namespace {
// How a table of the store is read: that table alone, records without a place kept, named in messages by the
// database's description (never its connection string, which may hold a password).
io::ReadOptions tableOptions(const std::string& store, const std::string& table) {
  io::ReadOptions ro;
  ro.onlyLayer = table;
  ro.keepWithoutGeometry = true;
  ro.quietEmpty = true;
  ro.label = store + ", table " + table;
  return ro;
}
}  // namespace

std::shared_ptr<Layer> fetchRecords(const StoreLink& link, const std::string& table,
                                    const std::vector<std::string>& uids, Diagnostics& diag) {
  std::string in;
  for (const auto& u : uids) {
    if (u.empty() || u.find_first_not_of("0123456789abcdef-") != std::string::npos) continue;  // a UUID, nothing else
    in += (in.empty() ? "'" : ", '") + u + "'";
  }
  io::ReadOptions ro = tableOptions(link.name, table);
  ro.where = "uid IN (" + (in.empty() ? std::string("NULL") : in) + ")";
  auto read = io::readLayers("PG:" + connectionString(link.db), diag, ro);
  return read.empty() ? nullptr : read.front();
}

std::optional<StoreLink> openStore(const std::string& db, Project& project, Diagnostics& diag,
                                   const std::function<void(double)>& progress, std::stop_token stop) {
  Status st;
  auto c = Connection::open(db, st);
  if (!c) {
    diag.error(describeDatabase(db), st.message().substr(describeDatabase(db).size() + 2));
    return std::nullopt;
  }
  StoreLink link;
  link.db = db, link.name = c->name(), link.login = c->login();
  Rows rows;
  if (auto s = c->run("SELECT to_regclass('public.safetymap_layers') IS NOT NULL", &rows);
      !s || rows.text(0, 0) != "t") {
    diag.error(c->name(), "there is no shared store here (run `safetymap share init` first)");
    return std::nullopt;
  }
  // The newest change before reading: notices of anything later are applied on top.
  if (auto s = c->run("SELECT coalesce(max(id), 0) FROM safetymap_history", &rows); s)
    link.lastChange = rows.integer(0, 0);
  if (auto s = c->run("SELECT safetymap_is_ward_office()", &rows); s) link.wardOffice = rows.text(0, 0) == "t";
  if (auto s = c->run("SELECT district FROM safetymap_logins WHERE login = session_user ORDER BY district", &rows); s)
    for (int i = 0; i < rows.size(); ++i) link.districts.push_back(rows.text(i, 0));
  Rows layers;
  if (auto s = c->run("SELECT table_name, spec::text FROM safetymap_layers ORDER BY position", &layers); !s) {
    diag.error(c->name(), s.message());
    return std::nullopt;
  }
  std::vector<std::shared_ptr<Layer>> out;
  const std::string gdal = "PG:" + connectionString(db);
  for (int i = 0; i < layers.size(); ++i) {
    if (stop.stop_requested()) return std::nullopt;
    const std::string table = layers.text(i, 0);
    if (progress) progress(double(i) / layers.size());
    io::ReadOptions ro = tableOptions(c->name(), table);
    auto read = io::readLayers(gdal, diag, ro);
    if (read.empty()) {
      diag.error(ro.label, "the layer cannot be read (see the message before)");
      continue;
    }
    auto l = read.front();
    if (l->fieldIndex("uid") < 0 || l->fieldIndex("version") < 0) {
      diag.error(ro.label,
                 "the table was altered: its uid and version columns are gone, so edits to it cannot be "
                 "kept safe; it is shown, and edits to it are refused (run `safetymap share init` again)");
    }
    try {
      io::applyLayerMeta(*l, nlohmann::json::parse(layers.text(i, 1)));
    } catch (const std::exception& e) {
      diag.warning(ro.label, std::string("its style cannot be read: ") + e.what());
    }
    l->provenance.path = ro.label;
    link.tables[l->id] = table;
    out.push_back(std::move(l));
  }
  project.setLayers(std::move(out));
  project.activities = {};
  if (auto s = c->run("SELECT district, kind, status FROM safetymap_activities", &rows); s)
    for (int i = 0; i < rows.size(); ++i)
      if (auto status = activityStatusFromKey(rows.text(i, 2)))
        project.activities.set(rows.text(i, 1) == "drill" ? ActivityKind::Drill : ActivityKind::StudySession,
                               rows.text(i, 0), *status);
  if (progress) progress(1.0);
  return link;
}

}  // namespace safetymap::share
