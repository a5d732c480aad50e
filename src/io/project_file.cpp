#include "io/project_file.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "io/crs.hpp"
#include "io/gdal_errors.hpp"
#include "io/layer_reader.hpp"
#include "io/layer_writer.hpp"
#include "io/style_json.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace safetymap::io {

namespace {
std::string tableName(const Layer& l, size_t index) {
  std::string t;
  for (char c : l.id) t += (c == ':' || c == '/' || c == '\\' || c == '"' || c == '\'') ? '_' : c;
  if (t.empty() || t == kProjectTable) t = "layer_" + std::to_string(index);
  return t;
}

bool referenced(const Layer& l) {
  return l.role == LayerRole::Roads && !l.provenance.path.empty();
}

json provenanceJson(const Provenance& p) {
  return {
      {"path", p.path}, {"source", p.source},     {"approximate", p.approximate},     {"synthetic", p.synthetic},
      {"note", p.note}, {"encoding", p.encoding}, {"repaired", p.repairedGeometries}, {"skipped", p.skippedFeatures}};
}

Provenance provenanceFrom(const json& j) {
  Provenance p;
  p.path = j.value("path", "");
  p.source = j.value("source", "");
  p.approximate = j.value("approximate", false);
  p.synthetic = j.value("synthetic", false);
  p.note = j.value("note", "");
  p.encoding = j.value("encoding", "");
  p.repairedGeometries = j.value("repaired", 0);
  p.skippedFeatures = j.value("skipped", 0);
  return p;
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
  for (size_t i = 0; i < p.layers().size(); ++i) {
    const Layer& l = *p.layers()[i];
    if (l.provenance.derived) continue;
    json m{{"id", l.id},
           {"name_ja", l.nameJa},
           {"name_en", l.nameEn},
           {"role", roleKey(l.role)},
           {"style", styleToJson(l.style)},
           {"provenance", provenanceJson(l.provenance)}};
    if (referenced(l)) {
      m["reference"] = fs::absolute(l.provenance.path).lexically_normal().string();
    } else {
      m["table"] = tableName(l, i);
      layers.push_back(&l);
      wo.layerNames.push_back(m["table"]);
    }
    meta.push_back(m);
  }
  json activities;
  for (const auto& [d, s] : p.activities.drill) activities["drill"][d] = activityStatusKey(s);
  for (const auto& [d, s] : p.activities.study) activities["study"][d] = activityStatusKey(s);
  WriteOptions::Table table{kProjectTable, {"key", "value"}, {}};
  table.rows = {{"format", std::to_string(kProjectFormat)},
                {"application", "safetymap"},
                {"layers", meta.dump()},
                {"district_activities", activities.is_null() ? "{}" : activities.dump()},
                {"view", json{{"center_x", view.center.x},
                              {"center_y", view.center.y},
                              {"ppm", view.pixelsPerMetre},
                              {"district", view.district},
                              {"plan_item", view.planItem}}
                             .dump()}};
  wo.tables.push_back(std::move(table));
  return writeLayers(layers, path, wo, diag);
}

bool isProjectFile(const std::string& path) {
  initGdal();
  std::string ext = fs::path(path).extension().string();
  if (ext != ".gpkg" && ext != ".GPKG") return false;
  GdalErrorCapture quiet;
  std::unique_ptr<GDALDataset> ds(static_cast<GDALDataset*>(
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
  return ds && ds->GetLayerByName(kProjectTable);
}

std::optional<ProjectView> openProject(const std::string& path, Project& project, Diagnostics& diag) {
  initGdal();
  std::map<std::string, std::string> meta;
  {
    GdalErrorCapture errors;
    std::unique_ptr<GDALDataset> ds(static_cast<GDALDataset*>(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
    if (!ds) {
      diag.error(path, "cannot open the project: " + (errors.last().empty() ? "not a GeoPackage" : errors.last()));
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
  try {
    std::vector<std::shared_ptr<Layer>> layers;
    for (const auto& m : json::parse(meta["layers"])) {
      std::shared_ptr<Layer> l;
      if (m.contains("reference")) {
        std::string ref = m["reference"];
        std::error_code ec;
        if (!fs::exists(ref, ec)) {
          diag.warning(path, "the base map " + ref + " is not on this machine; the project opens without it");
          continue;
        }
        auto read = readLayers(ref, diag);
        if (read.empty()) continue;
        l = read.front();
      } else {
        ReadOptions ro;
        ro.onlyLayer = m.value("table", "");
        ro.keepWithoutGeometry = true;  // a feature not yet placed is still part of the project
        ro.repair = false;              // saved geometries are the user's; they were valid when saved
        ro.quietEmpty = true;
        auto read = readLayers(path, diag, ro);
        if (read.empty()) {
          diag.error(path, "layer " + ro.onlyLayer + " of the project cannot be read");
          continue;
        }
        l = read.front();
      }
      l->id = m.value("id", l->id);
      l->nameJa = m.value("name_ja", l->id);
      l->nameEn = m.value("name_en", l->nameJa);
      l->role = roleFromKey(m.value("role", "other")).value_or(LayerRole::Other);
      l->style = styleFromJson(m.value("style", json::object()), l->style);
      l->provenance = provenanceFrom(m.value("provenance", json::object()));
      l->assignCategories();
      layers.push_back(std::move(l));
    }
    project.layers() = std::move(layers);
    project.activities = {};
    json acts = json::parse(meta["district_activities"].empty() ? "{}" : meta["district_activities"]);
    for (auto [key, kind] : {std::pair{"drill", ActivityKind::Drill}, std::pair{"study", ActivityKind::StudySession}}) {
      const json byDistrict = acts.value(key, json::object());
      for (const auto& [d, s] : byDistrict.items())
        if (auto st = activityStatusFromKey(s.get<std::string>())) project.activities.set(kind, d, *st);
    }
    json v = json::parse(meta["view"].empty() ? "{}" : meta["view"]);
    ProjectView view;
    view.center = {v.value("center_x", 0.0), v.value("center_y", 0.0)};
    view.pixelsPerMetre = v.value("ppm", 0.0);
    view.district = v.value("district", -1);
    view.planItem = v.value("plan_item", "");
    return view;
  } catch (const std::exception& e) {
    diag.error(path, std::string("the project's metadata is damaged: ") + e.what());
    return std::nullopt;
  }
}

}  // namespace safetymap::io
