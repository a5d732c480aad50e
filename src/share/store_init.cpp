#include "share/store_init.hpp"

#include <gdal_utils.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>

#include "core/text.hpp"
#include "io/crs.hpp"
#include "io/gdal_errors.hpp"
#include "io/layer_meta.hpp"
#include "io/layer_writer.hpp"
#include "io/qml_style.hpp"
#include "io/safe_open.hpp"
#include "share/pg_connection.hpp"
#include "share/sql_sources.hpp"

namespace fs = std::filesystem;

namespace safetymap::share {

namespace {

constexpr const char* kStaging = "safetymap_staging";
constexpr int kStoreFormat = 1;

// A table name that needs no quoting anywhere (QGIS, psql, GDAL): ASCII letters, digits and _, not one of
// PostgreSQL's, PostGIS's or ours. The districts layer is always "districts": the row-level security reads it.
std::string tableFor(const Layer& l, size_t index, std::set<std::string>& taken) {
  if (l.role == LayerRole::Districts && !taken.count("districts")) {
    taken.insert("districts");
    return "districts";
  }
  std::string t;
  for (unsigned char c : l.id) t += std::isalnum(c) && c < 0x80 ? static_cast<char>(std::tolower(c)) : '_';
  bool reserved = t.empty() || !std::isalpha(static_cast<unsigned char>(t[0])) || t.rfind("safetymap", 0) == 0 ||
                  t.rfind("pg_", 0) == 0 || t == "layer_styles" || t == "spatial_ref_sys" ||
                  t.rfind("geometry_", 0) == 0 || t.rfind("geography_", 0) == 0 || t == "districts" ||
                  t.find_first_not_of('_') == std::string::npos;
  if (reserved) t = "layer_" + std::to_string(index) + "_" + t;
  if (t.size() > 50) t.resize(50);
  std::string unique = t;
  for (int n = 2; taken.count(unique); ++n) unique = t + "_" + std::to_string(n);
  taken.insert(unique);
  return unique;
}

std::string replaceAll(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

// Writes the layers into the staging schema: first a GeoPackage of them (declared geometry types, EPSG:6674), then
// GDAL's vector translation (ogr2ogr as a library) into PostgreSQL with COPY.
Status stageLayers(const std::string& db, const std::vector<const Layer*>& layers,
                   const std::vector<std::string>& tables) {
  Diagnostics diag(false);
  fs::path tmp = fs::temp_directory_path() / ("safetymap-share-" + std::to_string(::getpid()) + ".gpkg");
  io::WriteOptions wo;
  wo.driver = "GPKG";
  wo.crs = io::kWorkingCrs;
  wo.layerNames = tables;
  if (!io::writeLayers(layers, tmp.string(), wo, diag)) {
    auto m = diag.snapshot();
    return Status::failure("cannot prepare the layers: " + (m.empty() ? std::string("unknown error") : m.back().text));
  }
  struct Remove {
    fs::path p;
    ~Remove() {
      std::error_code ec;
      fs::remove(p, ec);
    }
  } remove{tmp};
  io::initGdal();
  io::GdalErrorCapture errors;
  std::string target = "PG:" + connectionString(db);
  const char* pg[] = {"PostgreSQL", nullptr};
  GDALDatasetH out = GDALOpenEx(target.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, pg, nullptr, nullptr);
  if (!out) return Status::failure(describeDatabase(db) + ": GDAL cannot open it for writing: " + errors.last());
  const char* gpkg[] = {"GPKG", nullptr};
  GDALDatasetH in = GDALOpenEx(tmp.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, gpkg, nullptr, nullptr);
  if (!in) {
    GDALClose(out);
    return Status::failure("cannot read back the prepared layers: " + errors.last());
  }
  std::string schema = std::string("SCHEMA=") + kStaging;
  const char* argv[] = {"-lco",          schema.c_str(), "-lco", "GEOMETRY_NAME=geom", "-lco", "FID=fid",
                        "-lco",          "LAUNDER=NO",   "-lco", "PRECISION=NO",       "-lco", "SPATIAL_INDEX=GIST",
                        "-preserve_fid", nullptr};
  GDALVectorTranslateOptions* opts = GDALVectorTranslateOptionsNew(const_cast<char**>(argv), nullptr);
  int usage = 0;
  GDALDatasetH done = GDALVectorTranslate(nullptr, out, 1, &in, opts, &usage);
  GDALVectorTranslateOptionsFree(opts);
  GDALClose(in);
  GDALClose(out);  // flushes the last COPY
  if (!done || usage) return Status::failure(describeDatabase(db) + ": cannot write the layers: " + errors.last());
  return {};
}

std::string quoteJson(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

namespace {
const char* geometryTypeName(const Layer& l) {
  switch (l.geometryType()) {
    case GeometryType::Point: return "Point";
    case GeometryType::Line: return "Line";
    case GeometryType::Polygon: return "Polygon";
    default: return "";
  }
}
}  // namespace

bool districtScoped(LayerRole role) {
  switch (role) {
    case LayerRole::Crimes:
    case LayerRole::SafetyCentres:
    case LayerRole::TsunamiBuildings:
    case LayerRole::Shelters:
    case LayerRole::Facilities:
    case LayerRole::Other: return true;
    default: return false;
  }
}

Status initStore(const std::string& db, const Project& project, const std::string& from, InitReport& report) {
  Status st;
  auto c = Connection::open(db, st);
  if (!c) return st;
  if (!c->run("CREATE EXTENSION IF NOT EXISTS postgis"))
    return Status::failure(
        c->name() +
        ": PostGIS is not installed in this database and this login may not install it: ask the "
        "server's administrator to run CREATE EXTENSION postgis in it (Debian: postgresql-15-postgis-3)");
  // What is there already: our layers, and tables of the same names that are someone else's.
  Rows rows;
  std::set<std::string> registered, existing;
  if (auto s = c->run("SELECT to_regclass('public.safetymap_layers') IS NOT NULL", &rows); !s) return s;
  report.created = rows.text(0, 0) != "t";
  if (!report.created) {
    if (auto s = c->run("SELECT table_name FROM safetymap_layers", &rows); !s) return s;
    for (int i = 0; i < rows.size(); ++i) registered.insert(rows.text(i, 0));
  }
  if (auto s = c->run("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", &rows); !s) return s;
  for (int i = 0; i < rows.size(); ++i) existing.insert(rows.text(i, 0));

  std::set<std::string> taken;
  std::vector<const Layer*> layers;
  std::vector<std::string> tables;
  std::vector<nlohmann::json> metas;
  std::map<std::string, int> positions;
  for (size_t i = 0; i < project.layers().size(); ++i) {
    const Layer& l = *project.layers()[i];
    if (l.provenance.derived) continue;
    std::string t = tableFor(l, i, taken);
    positions[t] = static_cast<int>(i);
    if (registered.count(t)) {
      report.kept.push_back(t);
      continue;
    }
    if (existing.count(t))
      return Status::failure(c->name() + ": a table named " + t + " is already there and is not safetymap's: rename " +
                             "it, or set up the shared store in another database (nothing was changed)");
    layers.push_back(&l);
    tables.push_back(t);
    metas.push_back(io::layerMeta(l));
  }
  if (!registered.empty() && !registered.count("districts") &&
      std::find(tables.begin(), tables.end(), "districts") == tables.end())
    return Status::failure(c->name() + ": the project has no districts layer: the shared store needs one");

  // The staging schema of a run that stopped half-way is dropped first.
  if (auto s = c->run(std::string("DROP SCHEMA IF EXISTS ") + kStaging + " CASCADE; CREATE SCHEMA " + kStaging); !s)
    return s;
  if (!layers.empty())
    if (auto s = stageLayers(db, layers, tables); !s) {
      (void)c->run(std::string("DROP SCHEMA IF EXISTS ") + kStaging + " CASCADE");
      return s;
    }

  Transaction tx(*c);
  if (!tx.begun()) return tx.begun();
  // The tables first: the schema's functions read the districts table.
  for (const auto& t : tables)
    if (auto s = c->run(std::string("ALTER TABLE ") + kStaging + "." + c->quoteIdentifier(t) + " SET SCHEMA public");
        !s)
      return s;
  if (auto s = c->run(sqlSource("store.sql")); !s) return s;
  const std::string recordTable = sqlSource("record_table.sql");
  auto makeRecordTable = [&](const std::string& table, const std::string& check) {
    std::string q = c->quoteIdentifier(table);
    std::string sql = replaceAll(replaceAll(replaceAll(recordTable, "{table}", q), "{check}", check), "{index}",
                                 c->quoteIdentifier(table + "_uid"));
    return c->run(sql);
  };
  for (size_t i = 0; i < layers.size(); ++i) {
    const std::string& t = tables[i];
    const std::string q = c->quoteIdentifier(t);
    const bool scoped = districtScoped(layers[i]->role);
    if (auto s = makeRecordTable(t, scoped ? "safetymap_may_edit(geom)" : "safetymap_is_ward_office()"); !s) return s;
    if (auto s = c->run(Query{"SELECT pg_get_serial_sequence($1, 'fid')", {q}}, &rows); !s) return s;
    if (auto seq = rows.get(0, 0))
      if (auto s = c->run("GRANT USAGE ON SEQUENCE " + *seq + " TO safetymap_centre, safetymap_ward_office"); !s)
        return s;
    const Layer& l = *layers[i];
    if (auto s = c->run(Query{"INSERT INTO safetymap_layers (table_name, layer_id, role, scope, position, name_ja, "
                              "name_en, source_ja, source_en, spec) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                              {t, l.id, std::string(roleKey(l.role)), std::string(scoped ? "district" : "ward_office"),
                               std::to_string(positions[t]), l.nameJa, l.nameEn, l.provenance.source,
                               l.provenance.source, quoteJson(metas[i])}});
        !s)
      return s;
    // QGIS's default style for the table; one a user saved from QGIS for it stays (safetymap's is then not default).
    if (auto s = c->run(Query{"INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, "
                              "f_geometry_column, stylename, styleqml, useasdefault, description, type) "
                              "SELECT current_database(), 'public', $1::varchar, 'geom', $2, XMLPARSE(DOCUMENT $3), "
                              "NOT EXISTS (SELECT 1 FROM layer_styles WHERE f_table_schema = 'public' AND "
                              "f_table_name = $1::varchar AND useasdefault), 'safetymap', $4",
                              {t, l.nameJa, io::qmlStyle(l), std::string(geometryTypeName(l))}});
        !s)
      return s;
    report.added.push_back(t);
  }
  if (auto s = makeRecordTable("safetymap_activities", "safetymap_may_edit_district(district)"); !s) return s;
  // The drill statuses the project has; one already in the store is the store's (a centre may have changed it).
  for (auto [kind, byDistrict] :
       {std::pair{"drill", &project.activities.drill}, std::pair{"study", &project.activities.study}})
    for (const auto& [district, status] : *byDistrict)
      if (auto s = c->run(Query{"INSERT INTO safetymap_activities (district, kind, status) VALUES ($1, $2, $3) "
                                "ON CONFLICT (district, kind) DO NOTHING",
                                {district, std::string(kind), std::string(activityStatusKey(status))}});
          !s)
        return s;
  for (auto [key, value] : {std::pair<std::string, std::string>{"format", std::to_string(kStoreFormat)},
                            {"created_by", c->login()},
                            {"created_from", from}})
    if (auto s = c->run(Query{"INSERT INTO safetymap_store (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
                              {key, value}});
        !s)
      return s;
  if (auto s = c->run(Query{"INSERT INTO safetymap_store (key, value) VALUES ('created_at', now()::text) "
                            "ON CONFLICT (key) DO NOTHING",
                            {}});
      !s)
    return s;
  if (auto s = c->run(std::string("DROP SCHEMA ") + kStaging + " CASCADE"); !s) return s;
  return tx.commit();
}

}  // namespace safetymap::share
