#include "jobs/load.hpp"
#include "jobs/triangle_cache.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "analysis/district_join.hpp"
#include "analysis/repair.hpp"
#include "analysis/tsunami_impact.hpp"
#include "core/raster.hpp"
#include "io/layer_reader.hpp"
#include "io/policy_reader.hpp"

namespace fs = std::filesystem;

namespace safetymap::jobs {

std::vector<std::shared_ptr<Layer>> readLayers(const std::string& path, Diagnostics& diag, io::ReadOptions options,
                                               const io::Progress& progress) {
  options.repair = analysis::checkAndRepair;
  return io::readLayers(path, diag, options, progress);
}

io::LayerSpec specForFile(const std::string& path, std::size_t index) {
  io::LayerSpec s;
  s.id = fs::path(path).stem().string();
  s.file = path;
  s.nameJa = s.nameEn = fs::path(path).filename().string();
  s.role = LayerRole::Other;
  s.style = io::defaultStyle(LayerRole::Other, index + 2);
  return s;
}

void applySpec(Layer& l, const io::LayerSpec& spec) {
  bool multi = l.id.find(':') != std::string::npos;  // one of several layers in the file
  l.id = multi && spec.role == LayerRole::Other ? l.id : spec.id;
  if (!multi || spec.role != LayerRole::Other)
    l.nameJa = spec.nameJa, l.nameEn = spec.nameEn;
  else
    l.nameJa = l.nameEn = l.id;
  l.role = spec.role;
  if (l.isRaster() && l.role == LayerRole::Other) {
    // A photo or a map opened on its own goes under everything; a single band over the streets, see-through.
    if (l.raster->info().rgb) l.role = LayerRole::BaseImage;
  }
  std::vector<Category> keep = l.style.categories;
  ColorRamp valueRamp = l.style.ramp;  // a raster's own range, unless its role has a ramp
  l.style = spec.style;
  if (l.style.ramp.empty()) l.style.ramp = valueRamp;
  if (l.isRaster() && spec.role == LayerRole::Other) l.style.opacity = l.role == LayerRole::BaseImage ? 1.0f : 0.7f;
  if (!spec.sourceJa.empty()) l.provenance.source = spec.sourceJa;
  if (!spec.emptyNoteKey.empty()) l.provenance.note = spec.emptyNoteKey;
  l.provenance.synthetic =
      (l.fieldIndex("synthetic") >= 0 && !l.features.empty() && isTruthy(*l.value(l.features.front(), "synthetic"))) ||
      (l.isRaster() && l.raster->info().synthetic);
  l.provenance.approximate = l.approximateCount() > 0;
  // Records known only by their 町丁目 show as the 町丁目 choropleth, their points on demand; records with
  // their own coordinates (a file the ward supplies) are drawn as points.
  if (spec.role == LayerRole::Crimes && !l.features.empty() && !l.provenance.approximate) l.style.visible = true;
  // A user file's layer without a label field gets one if it has a usual name column.
  if (l.style.labelField.empty() && spec.role == LayerRole::Other)
    for (const char* f : {"name", "名称", "施設・場所名", "NAME"})
      if (l.fieldIndex(f) >= 0) {
        l.style.labelField = f;
        l.style.labelPriority = 30;
        l.style.labelSizePx = 12;
        break;
      }
  if (!l.style.categoryField.empty()) l.assignCategories();
  if (l.role == LayerRole::TsunamiDepth) analysis::paintDepthClasses(l);  // class polygons take their class's colour
}

namespace {
// What a layer given for a role is called on the layer list (the role's own words, then the file).
std::pair<std::string, std::string> roleTitle(LayerRole role) {
  switch (role) {
    case LayerRole::WalkNetwork: return {"歩行ネットワーク", "Walking network"};
    case LayerRole::TsunamiDepth: return {"津波浸水深", "Tsunami depth"};
    case LayerRole::BaseImage: return {"背景画像", "Base image"};
    default: return {roleKey(role), roleKey(role)};
  }
}
}  // namespace

LoadRequest bundledRequest(const std::string& geodataDir,
                           const std::vector<std::pair<std::string, std::string>>& roleFiles, Diagnostics& diag) {
  LoadRequest req;
  if (!geodataDir.empty())
    if (auto m = io::readManifest(geodataDir, diag)) req.specs = m->layers;
  for (const auto& [roleName, file] : roleFiles) {
    auto role = roleFromKey(roleName);
    bool replaced = false;
    for (auto& s : req.specs)
      if (role && s.role == *role) {
        s.file = fs::absolute(file).lexically_normal().string();
        s.optional = false;
        s.emptyNoteKey.clear();
        s.sourceJa = s.sourceEn = file;
        replaced = true;
      }
    if (!replaced) {
      io::LayerSpec s = specForFile(file, req.specs.size());
      if (role) {  // a role the bundled data has no layer for (the walking network)
        s.id = roleKey(*role);
        s.role = *role;
        s.style = io::defaultStyle(*role, req.specs.size() + 2);
        const std::string name = fs::path(file).filename().string();
        auto [ja, en] = roleTitle(*role);
        s.nameJa = ja + "（" + name + "）";
        s.nameEn = en + " (" + name + ")";
        s.sourceJa = s.sourceEn = file;
      }
      req.specs.push_back(std::move(s));
    }
  }
  return req;
}

namespace {
// Every layer but the base map, tagged with the district each feature lies in.
void tagAll(Project& project, const analysis::DistrictLocator& locator) {
  for (size_t i = 0; i < project.layers().size(); ++i)
    if (!isContextRole(project.layers()[i]->role)) {
      Layer* l = project.edit(i);
      locator.tag(*l);
      l->touchData();
    }
}
}  // namespace

std::vector<std::string> addToProject(Project& project, LoadResult& r) {
  std::vector<std::string> ids;
  for (auto& ll : r.layers) {
    // Moved, not shared: held by the project alone, a later change (the tagging below) needs no copy.
    std::shared_ptr<Layer> l = std::move(ll.layer);
    const Layer* added = l.get();
    if (ll.replacesRole)
      project.replaceRoleLayer(std::move(l));
    else
      project.addLayer(std::move(l));
    ids.push_back(added->id);
  }
  if (r.districts) {
    project.setDistricts(std::move(*r.districts));
    r.districts.reset();
    // Layers loaded before these districts are tagged again against them.
    if (const Layer* d = project.layerByRole(LayerRole::Districts)) {
      analysis::DistrictLocator locator(*d);
      tagAll(project, locator);
    }
  }
  return ids;
}

void rebuildDistricts(Project& project) {
  const Layer* d = project.layerByRole(LayerRole::Districts);
  if (!d) {
    project.setDistricts({});
    return;
  }
  project.setDistricts(analysis::buildDistricts(*d));
  analysis::DistrictLocator locator(*d);
  tagAll(project, locator);
}

std::optional<io::ProjectView> openProjectNow(const std::string& path, const std::string& geodataDir, Project& project,
                                              Diagnostics& diag) {
  io::OpenOptions options;
  if (!geodataDir.empty()) options.trustedFolders = {geodataDir};  // the bundled data is ours
  options.repair = analysis::checkAndRepair;
  auto view = io::openProject(path, project, diag, options);
  if (!view) return std::nullopt;
  rebuildDistricts(project);
  if (!geodataDir.empty())
    if (auto plan = io::readPolicy((fs::path(geodataDir) / "plan" / "plan.json").string(), diag)) project.policy = *plan;
  return view;
}

Project loadProjectNow(const std::string& geodataDir, const std::vector<std::pair<std::string, std::string>>& roleFiles,
                       Diagnostics& diag, bool progressOnStderr, bool withRoads) {
  Project project;
  LoadRequest req = bundledRequest(geodataDir, roleFiles, diag);
  req.triangulate = false;
  req.skipRoads = !withRoads;
  JobProgress progress;
  LoadResult r = load(req, diag, progress, progressOnStderr);
  addToProject(project, r);
  if (!geodataDir.empty())
    if (auto plan = io::readPolicy((fs::path(geodataDir) / "plan" / "plan.json").string(), diag)) project.policy = *plan;
  return project;
}

std::optional<Project> commandProject(const std::string& projectFile, const std::string& geodataDir,
                                      const std::vector<std::pair<std::string, std::string>>& roleFiles,
                                      Diagnostics& diag, bool progressOnStderr, bool withRoads) {
  if (projectFile.empty()) return loadProjectNow(geodataDir, roleFiles, diag, progressOnStderr, withRoads);
  Project project;
  if (isDatabase(projectFile)) {  // the shared store
    if (!share::openStore(projectFile, project, diag)) return std::nullopt;
    rebuildDistricts(project);
    if (!geodataDir.empty())
      if (auto plan = io::readPolicy((fs::path(geodataDir) / "plan" / "plan.json").string(), diag))
        project.policy = *plan;
    return project;
  }
  std::error_code ec;
  if (!fs::is_regular_file(projectFile, ec)) {
    diag.error(projectFile, "no such project file");
    return std::nullopt;
  }
  if (!openProjectNow(projectFile, geodataDir, project, diag)) return std::nullopt;
  return project;
}

bool isDatabase(const std::string& source) { return source.rfind("PG:", 0) == 0; }

namespace {

// The steps of one load, said on the progress bar (and on stderr for the commands).
struct Steps {
  JobProgress& progress;
  bool onStderr;
  void operator()(const std::string& stage, float at) {
    progress.stage(stage, at);
    if (onStderr) std::fprintf(stderr, "safetymap: loading %3d%% %s\n", int(at * 100), stage.c_str());
  }
};

// A project opened whole (a file or the shared store) replaces the current one.
void takeProject(const LoadRequest& request, Project& opened, LoadResult& result, JobProgress& progress, Steps& step) {
  result.replaceAll = true;
  result.activities = opened.activities;
  for (size_t i = 0; i < opened.layers().size(); ++i) {
    if (progress.stopped()) return;
    std::shared_ptr<Layer> l = opened.editShared(i);  // its own: nothing else holds the project just opened
    std::shared_ptr<const render::Triangulation> tri;
    if (l->role == LayerRole::TsunamiDepth) analysis::paintDepthClasses(*l);
    if (request.triangulate && l->geometryType() == GeometryType::Polygon) tri = render::triangulateLayer(*l);
    result.layers.push_back({l, tri, false});
  }
  if (const Layer* d = opened.layerByRole(LayerRole::Districts)) {
    result.districts = analysis::buildDistricts(*d);
    analysis::DistrictLocator locator(*d);
    for (auto& ll : result.layers)
      if (!isContextRole(ll.layer->role)) locator.tag(*ll.layer);
  }
  step("done", 1.0f);
}

LoadResult loadProject(const LoadRequest& request, Diagnostics& diag, JobProgress& progress, Steps& step) {
  LoadResult result;
  step(fs::path(request.projectFile).filename().string(), 0.0f);
  Project opened;
  io::OpenOptions options = request.projectOptions;
  options.repair = analysis::checkAndRepair;  // for the files it names outside itself
  auto view = io::openProject(request.projectFile, opened, diag, options);
  if (!view) return result;
  result.projectFile = request.projectFile;
  result.view = view;
  takeProject(request, opened, result, progress, step);
  return result;
}

LoadResult loadStore(const LoadRequest& request, Diagnostics& diag, JobProgress& progress, Steps& step) {
  LoadResult result;
  step(share::describeDatabase(request.database), 0.0f);
  Project opened;
  auto link = share::openStore(request.database, opened, diag, [&](double f) { progress.set(0.8f * float(f)); },
                               progress.token());
  if (!link) return result;
  result.store = std::move(link);
  takeProject(request, opened, result, progress, step);
  return result;
}

}  // namespace

LoadResult load(const LoadRequest& request, Diagnostics& diag, JobProgress& progress, bool progressOnStderr) {
  Steps step{progress, progressOnStderr};
  if (!request.projectFile.empty()) return loadProject(request, diag, progress, step);
  if (!request.database.empty()) return loadStore(request, diag, progress, step);
  LoadResult result;
  const size_t n = request.specs.size();
  std::shared_ptr<const Layer> districts = request.districtsLayer;
  std::vector<LoadedLayer> loaded;
  for (size_t i = 0; i < n; ++i) {
    if (progress.stopped()) return result;
    const auto& spec = request.specs[i];
    float base = 0.8f * float(i) / float(n), span = 0.8f / float(n);
    step(fs::path(spec.file).filename().string(), base);
    std::error_code ec;
    if (request.skipRoads && spec.role == LayerRole::Roads) continue;
    if (spec.optional && !fs::exists(spec.file, ec)) {
      // No public source (the safety centres): an empty layer with a visible note, never invented data.
      auto l = std::make_shared<Layer>();
      applySpec(*l, spec);
      loaded.push_back({l, nullptr, spec.role != LayerRole::Other});
      continue;
    }
    io::ReadOptions ro;
    ro.stopped = [&progress] { return progress.stopped(); };  // a big raster's overviews are built here
    auto layers = jobs::readLayers(spec.file, diag, ro, [&](double f) { progress.set(base + span * 0.7f * float(f)); });
    for (auto& l : layers) {
      applySpec(*l, spec);
      std::shared_ptr<const render::Triangulation> tri;
      if (request.triangulate && l->geometryType() == GeometryType::Polygon) {
        progress.set(base + span * 0.75f);
        tri = cachedTriangles(spec.file, *l).triangles;
      }
      if (l->role == LayerRole::Districts) districts = l;
      loaded.push_back({l, tri, spec.role != LayerRole::Other});
    }
  }
  step("districts", 0.85f);
  if (districts) {
    if (districts != request.districtsLayer) result.districts = analysis::buildDistricts(*districts);
    analysis::DistrictLocator locator(*districts);
    for (auto& ll : loaded)
      if (!isContextRole(ll.layer->role)) locator.tag(*ll.layer);
  }
  result.layers = std::move(loaded);
  step("done", 1.0f);
  return result;
}

}  // namespace safetymap::jobs
