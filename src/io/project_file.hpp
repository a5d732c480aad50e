#pragma once
// The project file: one GeoPackage written through GDAL holding the user's layers (features,
// attributes, edits), their styles and provenance, the drill statuses and the view, so one file is the
// whole project and `ogrinfo` reads it. The large base map (PLATEAU roads) is referenced, not copied.
// Saving writes a new file beside the old one and renames it over: a crash at any moment leaves the
// previous project or the new one, never a broken one.
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/geometry_check.hpp"
#include "core/project.hpp"
#include "io/layer_writer.hpp"

namespace safetymap::io {

inline constexpr const char* kProjectTable = "safetymap_project";
inline constexpr int kProjectFormat = 1;

struct ProjectView {
  Vec2 center;
  double pixelsPerMetre = 0;  // 0 = fit the ward
  int district = -1;
  std::string policyItem;
  // Files outside the project that it names as layers and that were not read (not confirmed by the user).
  std::vector<std::string> outsideReferences = {};
  // Their entries in the project's layer list, kept as they were so a save does not drop them.
  std::vector<std::string> unreadEntries = {};
};

// What a project may read besides itself. A project received from elsewhere could name any file on this
// computer as a layer (and carry its rows away when saved and sent back): only files in a trusted folder
// (the bundled data) or confirmed by the user are read.
struct OpenOptions {
  std::vector<std::string> trustedFolders;
  std::vector<std::string> confirmedReferences;
  GeometryRepair repair;  // for the files it names (a project's own tables are read as they were saved)
};

struct SaveOptions {
  int delayPerFeatureUs = 0;   // tests only (the kill-during-save test)
  int failAfterFeatures = -1;  // tests only (an injected write failure)
  int progressEvery = 0;       // tests only (the kill-during-save test acts on these lines)
  // Tables of others written with the project (a shared store's checkout: where it came from, what it was).
  std::vector<WriteOptions::Table> tables = {};
};

bool saveProject(const Project& project, const ProjectView& view, const std::string& path, Diagnostics& diag,
                 const SaveOptions& options = {});
// Reads the layers, styles, statuses and view into `project` (its layers are replaced). The districts
// list is left for the caller to rebuild from the districts layer.
std::optional<ProjectView> openProject(const std::string& path, Project& project, Diagnostics& diag,
                                       const OpenOptions& options = {});
bool isProjectFile(const std::string& path);  // a GeoPackage with a safetymap_project table

}  // namespace safetymap::io
