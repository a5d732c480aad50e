#pragma once
// The desktop viewer: a GLFW window with an OpenGL 3.3 core context, the map, and ImGui panels.
#include <optional>
#include <string>
#include <vector>

#include "core/text.hpp"

namespace safetymap::ui {

struct ViewerOptions {
  std::string geodataDir;                                      // the bundled project (layers.json)
  std::string database;  // --db: the shared store ("PG:…") instead of the bundled project
  std::vector<std::string> files;                              // extra files to open as layers
  std::vector<std::pair<std::string, std::string>> roleFiles;  // (role, file): replaces a bundled layer
  std::optional<Lang> lang;  // --lang; otherwise the remembered setting (Japanese first)
  std::string district;      // --district
  std::string policyItem;      // --plan: start with this plan item chosen (e.g. 2-2)
  std::string screenshot;    // --screenshot: render the settled view, save, exit
  std::string stateFile;     // --state-file: write the UI state as JSON for tests
  int benchFrames = 0;       // --bench-frames: time this many frames with the camera moving, print, exit
  int width = 1600, height = 1000;
  bool sizeGiven = false;
};

// Runs until the window closes (or the screenshot is written). Returns the process exit code.
int runViewer(const ViewerOptions& options);

}  // namespace safetymap::ui
