#include "io/project_file.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "core/text.hpp"
#include "io/crs.hpp"
#include "io/gdal_errors.hpp"
#include "io/layer_reader.hpp"
#include "io/layer_writer.hpp"
#include "io/safe_open.hpp"
#include "io/layer_meta.hpp"
#include "io/qml_style.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace safetymap::io {

namespace {
// A table name GDAL and SQLite accept whatever the layer's id (a file named "gpkg_x" or "-x"), and
// not one already taken (SQLite compares names without case).
std::string tableName(const Layer& l, size_t index, std::set<std::string>& taken) {
  std::string t;
  for (unsigned char c : l.id) t += (std::isalnum(c) || c == '_' || c >= 0x80) ? static_cast<char>(c) : '_';
  const std::string low = asciiLower(t);
  if (t.empty() || std::isdigit(static_cast<unsigned char>(t[0])) || t[0] == '_' || low.rfind("gpkg", 0) == 0 ||
      low.rfind("rtree_", 0) == 0 || low.rfind("sqlite_", 0) == 0 || low == kProjectTable)
    t = "layer_" + std::to_string(index) + (t.empty() ? "" : "_" + t);
  std::string unique = t;
  for (int n = 2; taken.count(asciiLower(unique)); ++n) unique = t + "_" + std::to_string(n);
  taken.insert(asciiLower(unique));
  return unique;
}

// The tables of an existing GeoPackage at path: those this project wrote (its metadata lists them) and
// the others, which a save must keep.
struct ExistingTables {
  bool geopackage = false;
  std::vector<std::string> owned, foreign;
};

ExistingTables existingTables(const std::string& path) {
  ExistingTables t;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return t;
  GdalErrorCapture quiet;
  const char* drivers[] = {"GPKG", nullptr};
  const char* oo[] = {"LIST_ALL_TABLES=YES", nullptr};
  std::unique_ptr<GDALDataset> ds(
      static_cast<GDALDataset*>(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, oo, nullptr)));
  if (!ds) return t;
  t.geopackage = true;
  std::set<std::string> ours{asciiLower(kProjectTable)};
  if (OGRLayer* meta = ds->GetLayerByName(kProjectTable))
    for (auto& f : *meta) {
      const std::string key = f->GetFieldAsString("key"), value = f->GetFieldAsString("value");
      if (key == "layer_styles" && value == "safetymap")
        ours.insert("layer_styles");  // written by safetymap: rewritten with the styles of this save
      if (key == "layers") try {
          for (const auto& m : json::parse(value))
            if (m.is_object() && m.contains("table") && m["table"].is_string()) ours.insert(asciiLower(m["table"]));
        } catch (const std::exception&) {
        }
    }
  for (int i = 0; i < ds->GetLayerCount(); ++i) {
    std::string name = ds->GetLayer(i)->GetName();
    (ours.count(asciiLower(name)) ? t.owned : t.foreign).push_back(name);
  }
  return t;
}

constexpr size_t kMaxMetadataBytes = 16u << 20;
constexpr size_t kMaxLayers = 1000;  // a ward's project has tens

bool inside(const fs::path& file, const std::string& folder) {
  std::error_code ec;
  fs::path dir = fs::weakly_canonical(folder, ec);
  if (ec || dir.empty()) return false;
  std::string d = dir.string(), f = file.string();
  if (d.back() != '/') d += '/';
  return f.rfind(d, 0) == 0;
}

bool allowedReference(const std::string& ref, const OpenOptions& o) {
  std::error_code ec;
  fs::path real = fs::weakly_canonical(ref, ec);  // symlinks resolved: a link in a trusted folder is not trusted
  if (ec) return false;
  for (const auto& c : o.confirmedReferences)
    if (fs::weakly_canonical(c, ec) == real) return true;
  for (const auto& folder : o.trustedFolders)
    if (inside(real, folder)) return true;
  return false;
}

// The base map and rasters stay in their files: the project names them (a raster is never copied into it).
bool referenced(const Layer& l) {
  return (l.role == LayerRole::Roads || l.isRaster()) && !l.provenance.path.empty();
}

}  // namespace

bool saveProject(const Project& p, const ProjectView& view, const std::string& path, Diagnostics& diag,
                 const SaveOptions& options) {
  WriteOptions wo;
  wo.driver = "GPKG";
  wo.crs = kWorkingCrs;  // no transformation: what is saved is exactly what was edited
  wo.delayPerFeatureUs = options.delayPerFeatureUs;
  wo.failAfterFeatures = options.failAfterFeatures;
  wo.progressEvery = options.progressEvery;
  std::vector<const Layer*> layers;
  json meta = json::array();
  // Saving over a GeoPackage keeps the tables safetymap does not own, and never takes their names.
  ExistingTables existing = existingTables(path);
  std::set<std::string> taken{asciiLower(kProjectTable)};
  for (const auto& f : existing.foreign) taken.insert(asciiLower(f));
  if (!existing.foreign.empty()) {
    wo.keepTablesOf = path;
    wo.replaceTables = existing.owned;
    std::string list;
    for (const auto& f : existing.foreign) list += (list.empty() ? "" : ", ") + f;
    diag.info(path, "kept " + std::to_string(existing.foreign.size()) + " table(s) safetymap does not own: " + list);
  }
  for (size_t i = 0; i < p.layers().size(); ++i) {
    const Layer& l = *p.layers()[i];
    if (l.provenance.derived) continue;
    json m = layerMeta(l);
    if (referenced(l)) {
      m["reference"] = fs::absolute(l.provenance.path).lexically_normal().string();
    } else {
      m["table"] = tableName(l, i, taken);
      layers.push_back(&l);
      wo.layerNames.push_back(m["table"]);
    }
    meta.push_back(m);
  }
  // Files outside the project it names but that were not read (the user did not confirm): kept as named.
  for (const auto& entry : view.unreadEntries) try {
      meta.push_back(json::parse(entry));
    } catch (const std::exception&) {
    }
  json activities;
  for (const auto& [d, s] : p.activities.drill) activities["drill"][d] = activityStatusKey(s);
  for (const auto& [d, s] : p.activities.study) activities["study"][d] = activityStatusKey(s);
  // QGIS reads a layer's default style from layer_styles (QML). One a user saved there from QGIS is kept as it is.
  const bool foreignStyles = std::find_if(existing.foreign.begin(), existing.foreign.end(), [](const std::string& t) {
                               return asciiLower(t) == "layer_styles";
                             }) != existing.foreign.end();
  if (!foreignStyles) {
    WriteOptions::Table styles{"layer_styles",
                               {"f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName",
                                "styleQML", "styleSLD", "useAsDefault", "description", "owner", "ui", "update_time"},
                               {}};
    for (size_t i = 0; i < layers.size(); ++i)
      styles.rows.push_back({"", "", wo.layerNames[i], "geom", layers[i]->nameJa, qmlStyle(*layers[i]), "", "1",
                             "safetymap", "", "", ""});
    wo.tables.push_back(std::move(styles));
  }
  WriteOptions::Table table{kProjectTable, {"key", "value"}, {}};
  table.rows = {{"format", std::to_string(kProjectFormat)},
                {"application", "safetymap"},
                {"layer_styles", foreignStyles ? "kept" : "safetymap"},
                {"layers", meta.dump(-1, ' ', false, json::error_handler_t::replace)},
                {"district_activities",
                 activities.is_null() ? "{}" : activities.dump(-1, ' ', false, json::error_handler_t::replace)},
                {"view", json{{"center_x", view.center.x},
                              {"center_y", view.center.y},
                              {"ppm", view.pixelsPerMetre},
                              {"district", view.district},
                              {"plan_item", view.policyItem}}
                             .dump(-1, ' ', false, json::error_handler_t::replace)}};
  wo.tables.push_back(std::move(table));
  for (const auto& t : options.tables) {
    wo.tables.push_back(t);
    wo.replaceTables.push_back(t.name);  // written anew, not kept from the file saved over
  }
  return writeLayers(layers, path, wo, diag);
}

bool isProjectFile(const std::string& path) {
  initGdal();
  std::string ext = fs::path(path).extension().string();
  if (ext != ".gpkg" && ext != ".GPKG") return false;
  if (!inputProblem(path).empty()) return false;  // a pipe or a folder named .gpkg is not opened at all
  GdalErrorCapture quiet;
  const char* drivers[] = {"GPKG", nullptr};
  std::unique_ptr<GDALDataset> ds(static_cast<GDALDataset*>(
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr)));
  return ds && ds->GetLayerByName(kProjectTable);
}

std::optional<ProjectView> openProject(const std::string& path, Project& project, Diagnostics& diag,
                                       const OpenOptions& options) {
  initGdal();
  std::map<std::string, std::string> meta;
  {
    if (std::string why = inputProblem(path); !why.empty()) {
      diag.error(path, "cannot open the project: " + why);
      return std::nullopt;
    }
    GdalErrorCapture errors;
    const char* drivers[] = {"GPKG", nullptr};
    std::unique_ptr<GDALDataset> ds(static_cast<GDALDataset*>(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr)));
    if (!ds) {
      diag.error(path, "cannot open the project: " +
                           (errors.last().empty() ? "not a GeoPackage" : plainGdalError(errors.last())));
      return std::nullopt;
    }
    OGRLayer* t = ds->GetLayerByName(kProjectTable);
    if (!t) {
      diag.error(path, "not a safetymap project (no safetymap_project table): open it as a layer instead");
      return std::nullopt;
    }
    for (auto& f : *t) meta[f->GetFieldAsString("key")] = f->GetFieldAsString("value");
  }
  int format = std::atoi(meta["format"].c_str());
  if (format < 1 || format > kProjectFormat) {
    diag.error(path, "project format " + meta["format"] + " is not one this version of safetymap reads");
    return std::nullopt;
  }
  ProjectView view;
  try {
    std::vector<std::shared_ptr<Layer>> layers;
    if (meta["layers"].size() > kMaxMetadataBytes) throw std::runtime_error("the layer list is too long to be real");
    const json list = json::parse(meta["layers"]);
    if (!list.is_array()) throw std::runtime_error("the layer list is not a list");
    if (list.size() > kMaxLayers)
      throw std::runtime_error("the project lists " + std::to_string(list.size()) + " layers; at most " +
                               std::to_string(kMaxLayers) + " are read");
    for (const auto& m : list) {
      if (!m.is_object()) throw std::runtime_error("a layer entry is not an object");
      std::shared_ptr<Layer> l;
      if (m.contains("reference")) {
        std::string ref = m["reference"].is_string() ? m["reference"].get<std::string>() : std::string();
        std::error_code ec;
        if (!fs::exists(ref, ec)) {
          diag.warning(path, "the layer's file " + ref + " is not on this machine; the project opens without it");
          continue;
        }
        if (!allowedReference(ref, options)) {
          view.outsideReferences.push_back(ref);
          view.unreadEntries.push_back(m.dump(-1, ' ', false, json::error_handler_t::replace));
          diag.warning(path, "the project names a file outside it as layer '" + m.value("id", std::string("?")) +
                                 "': " + ref +
                                 ". It was not read: a project reads only what it contains unless "
                                 "you confirm (the viewer asks)");
          continue;
        }
        if (std::string why = inputProblem(ref); !why.empty()) {
          diag.error(path, "the layer's file " + ref + " cannot be read: " + why);
          continue;
        }
        ReadOptions ro;
        ro.repair = options.repair;
        auto read = readLayers(ref, diag, ro);
        if (read.empty()) continue;
        l = read.front();
      } else {
        ReadOptions ro;
        ro.onlyLayer = m.value("table", "");
        ro.keepWithoutGeometry = true;  // a feature not yet placed is still part of the project
        // No repair: saved geometries are the user's; they were valid when saved.
        ro.quietEmpty = true;
        auto read = readLayers(path, diag, ro);
        if (read.empty()) {
          diag.error(path, "layer " + ro.onlyLayer + " of the project cannot be read");
          continue;
        }
        l = read.front();
      }
      applyLayerMeta(*l, m);
      layers.push_back(std::move(l));
    }
    project.setLayers(std::move(layers));
    project.activities = {};
    json acts = json::parse(meta["district_activities"].empty() ? "{}" : meta["district_activities"]);
    for (auto [key, kind] : {std::pair{"drill", ActivityKind::Drill}, std::pair{"study", ActivityKind::StudySession}}) {
      const json byDistrict = acts.value(key, json::object());
      for (const auto& [d, s] : byDistrict.items())
        if (auto st = activityStatusFromKey(s.get<std::string>())) project.activities.set(kind, d, *st);
    }
    json v = json::parse(meta["view"].empty() ? "{}" : meta["view"]);
    view.center = {v.value("center_x", 0.0), v.value("center_y", 0.0)};
    view.pixelsPerMetre = v.value("ppm", 0.0);
    view.district = v.value("district", -1);
    view.policyItem = v.value("plan_item", "");
    return view;
  } catch (const std::exception& e) {
    diag.error(path, std::string("the project's metadata is damaged: ") + e.what());
    return std::nullopt;
  }
}

}  // namespace safetymap::io
