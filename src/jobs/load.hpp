#pragma once
// Loading a project: the bundled data, files a user opens, or a saved project, with what the map needs of them.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/project.hpp"
#include "io/layer_reader.hpp"
#include "io/manifest.hpp"
#include "io/project_file.hpp"
#include "jobs/job.hpp"
#include "render/layer_mesh.hpp"
#include "share/pg_connection.hpp"
#include "share/store_open.hpp"

namespace safetymap::jobs {

struct LoadedLayer {
  std::shared_ptr<Layer> layer;
  std::shared_ptr<const render::Triangulation> triangles;
  bool replacesRole = false;  // a user's file given for a role replaces the bundled layer
};

struct LoadResult {
  std::vector<LoadedLayer> layers;
  std::optional<std::vector<District>> districts;  // set when a districts layer was loaded
  // A project file: its layers replace the current ones; its view and district activities come with it.
  bool replaceAll = false;
  std::string projectFile;
  std::optional<io::ProjectView> view;
  DistrictActivities activities;
  std::optional<share::StoreLink> store;  // set when the shared store was opened
};

struct LoadRequest {
  std::vector<io::LayerSpec> specs;             // the bundled project (manifest), or one spec per file opened
  std::shared_ptr<const Layer> districtsLayer;  // current districts, to tag files opened later
  bool triangulate = true;         // GPU triangles for polygon layers (the viewer); headless commands skip them
  bool skipRoads = false;          // headless commands that never draw the base map skip its 18,000 polygons
  std::string projectFile;         // open this saved project instead of the specs
  std::string database;            // or the shared store ("PG:…")
  io::OpenOptions projectOptions;  // which files outside the project it may read
};

// Any vector file GDAL reads, with GEOS's check and repair of its polygons: what every loader and the set-up
// read with (io::readLayers alone reads geometries as they are).
std::vector<std::shared_ptr<Layer>> readLayers(const std::string& path, Diagnostics& diag, io::ReadOptions options = {},
                                               const io::Progress& progress = {});

// The bundled project from geodata/layers.json; a file given for a role (--districts FILE …) replaces
// the bundled layer of that role: the day the ward publishes real files, they load in its place.
LoadRequest bundledRequest(const std::string& geodataDir,
                           const std::vector<std::pair<std::string, std::string>>& roleFiles, Diagnostics& diag);

// Reads what the request names (GDAL), transforms (PROJ), repairs and triangulates (GEOS) and tags districts, on
// the calling thread: the viewer runs it as a job, the commands directly. Stops between layers when asked (the
// result is then incomplete and is thrown away).
LoadResult load(const LoadRequest& request, Diagnostics& diag, jobs::JobProgress& progress, bool progressOnStderr);

// Moves the loaded layers into the project (replacing role layers; the result's layers are null after), sets its
// districts and tags every feature with its district. Returns the ids the layers got, in the result's order.
std::vector<std::string> addToProject(Project& project, LoadResult& result);

// Rebuilds the district list from the districts layer and tags every feature with its district.
void rebuildDistricts(Project& project);

// Opens a saved project (GeoPackage) on this thread, with the plan from geodata/plan/; nullopt on failure.
std::optional<io::ProjectView> openProjectNow(const std::string& path, const std::string& geodataDir, Project& project,
                                              Diagnostics& diag);

// Loads the bundled project on this thread (for headless commands), with the plan from geodata/plan/.
// "PG:…": the shared store, not a file.
bool isDatabase(const std::string& source);
// What a command works on (a saved project may be the shared store, "PG:…"): the saved project FILE.gpkg when one is given (nullopt, with the error in diag, when it
// cannot be opened), else the bundled data.
std::optional<Project> commandProject(const std::string& projectFile, const std::string& geodataDir,
                                      const std::vector<std::pair<std::string, std::string>>& roleFiles,
                                      Diagnostics& diag, bool progressOnStderr, bool withRoads);
Project loadProjectNow(const std::string& geodataDir, const std::vector<std::pair<std::string, std::string>>& roleFiles,
                       Diagnostics& diag, bool progressOnStderr, bool withRoads = false);

// The spec of a file a user opens: role Other, a default style, named after the file.
io::LayerSpec specForFile(const std::string& path, std::size_t index);
// Applies a spec's names, role, style and notes to a layer read from its file.
void applySpec(Layer& layer, const io::LayerSpec& spec);

}  // namespace safetymap::jobs
