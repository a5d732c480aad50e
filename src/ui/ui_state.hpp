#pragma once
// What the panels share besides the project: the map's place on screen, what is hovered, and
// requests a panel makes that the viewer carries out (fit, open a file, change language).
#include <imgui.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/label_layout.hpp"
#include "core/project.hpp"

namespace safetymap::ui {

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  bool contains(ImVec2 p) const { return p.x >= x && p.y >= y && p.x < x + w && p.y < y + h; }
};

struct UiState {
  Rect map;                         // the map's area in window coordinates
  Selection hovered;                // feature under the cursor
  std::optional<Vec2> cursorWorld;  // working CRS, when the cursor is over the map
  std::uint64_t filterVersion = 1;  // bumped when the district filter changes
  std::uint64_t selectionVersion = 1;
  std::vector<analysis::PlacedLabel> labels;  // as drawn this frame, in window coordinates
  std::map<std::string, Rect> widgets;        // named widget rectangles, for the UI test probe
  std::vector<int> keyPresses;                // GLFW keys pressed since the last frame, in order

  bool keyPressed(int glfwKey) const {
    return std::find(keyPresses.begin(), keyPresses.end(), glfwKey) != keyPresses.end();
  }

  // Requests for the viewer.
  bool requestFit = false;
  bool requestOpenDialog = false;
  bool requestQuit = false;
  std::vector<std::string> requestOpenFiles;
  std::optional<Lang> requestLang;
  std::optional<int> requestDistrict;  // -1 = all
  std::optional<std::string> requestPlanItem;  // "" = clear the plan choice
  bool activitiesChanged = false;              // a district's drill / study status was edited
  ActivityKind colourActivity = ActivityKind::Drill;  // which activity colours the districts under 2-1-1
  int rightTab = 0;                            // 0 = districts, 1 = plan
  bool focusPlanTab = false;                   // bring the plan tab to the front (a plan item was chosen)
  bool screenshotMode = false;                 // --screenshot: no hover tooltips in the picture

  bool showLayers = true, showRight = true, showErrors = false;
  size_t errorsSeen = 0;  // errors already shown; new ones open the panel

  void markWidget(const std::string& name) {
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    widgets[name] = {a.x, a.y, b.x - a.x, b.y - a.y};
  }
};

}  // namespace safetymap::ui
