#pragma once
// What the viewer's rooms share: the open project and everything around it (the view, the UI state, the
// history, the running jobs, the settings). The shell owns one; each room reads and changes its part.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "analysis/ward_stats.hpp"
#include "core/camera.hpp"
#include "core/diagnostics.hpp"
#include "core/edit_history.hpp"
#include "core/project.hpp"
#include "io/settings.hpp"
#include "jobs/job.hpp"
#include "render/map_renderer.hpp"
#include "share/store_open.hpp"
#include "ui/files/file_dialog.hpp"
#include "ui/fonts.hpp"
#include "ui/panels.hpp"
#include "ui/ui_state.hpp"
#include "ui/viewer.hpp"

namespace safetymap::ui {

struct Workspace {
  explicit Workspace(ViewerOptions o) : options(std::move(o)) {}

  ViewerOptions options;  // what the command line asked (a --district or --plan is cleared once applied)
  Diagnostics diag{true};
  io::Settings settings;
  Project project;
  Camera camera;
  UiState ui;
  Fonts fonts;
  render::MapRenderer renderer;
  EditHistory history;
  FileDialog fileDialog;
  std::string projectPath;                 // the open project file; empty until saved
  std::optional<share::StoreLink> store;   // the shared store the project came from; edits are written to it
  std::uint64_t projectGeneration = 0;     // counts the projects opened (each replaces all layers)
  std::vector<std::string> unreadEntries;  // its layer entries for files outside it that were not read
  std::string openAfterAnswer;             // a project to open once "save changes?" is answered
  std::vector<std::string> droppedFiles;   // dropped on the window since the last frame
  bool closeAsked = false;                 // the window's close box was pressed
  // Derived facts the panels show, kept fresh by the policy room.
  std::vector<std::map<LayerRole, int>> districtCounts;
  analysis::WardStats stats;
  // Layers a task set aside for the moment (the drill tab hides the crimes): their own visibility, which a
  // save keeps. And whether the districts are filled only because 2-1-1 colours them.
  std::map<std::string, bool> setAside;
  bool activityFill = false;
  // Said by the rooms to the shell, which owns the window.
  bool closeWindow = false;
  int exitCode = 0;

  jobs::Jobs jobs;  // last: its jobs stop before anything they use goes

  std::string recentFolder() const {  // where the file dialogs start
    return settings.recentFiles.empty() ? std::filesystem::current_path().string()
                                        : std::filesystem::path(settings.recentFiles.front()).parent_path().string();
  }

  PanelContext panels() {
    return {project, ui, diag, fonts, camera, settings, districtCounts, stats, jobs};
  }
};

}  // namespace safetymap::ui
