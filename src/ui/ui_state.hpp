#pragma once
// What the panels share besides the project: the map's place on screen, what is hovered, and
// requests a panel makes that the viewer carries out (fit, open a file, change language).
#include <imgui.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "analysis/label_layout.hpp"
#include "analysis/tsunami_impact.hpp"
#include "core/edit_history.hpp"
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
  std::uint64_t tagVersion = 1;     // bumped when features are tagged with districts anew (new districts)
  std::uint64_t selectionVersion = 1;
  std::vector<analysis::PlacedLabel> labels;  // as drawn this frame, in window coordinates
  std::map<std::string, Rect> widgets;        // named widget rectangles, for the UI test probe
  struct KeyPress {
    int key = 0, mods = 0;  // GLFW key and modifier bits (GLFW_MOD_CONTROL …) as they were at the press
  };
  std::vector<KeyPress> keyPresses;  // pressed since the last frame, in order
  // Where the left button last went down and last came up (window coordinates, as it happened).
  Vec2 leftPressAt, leftReleaseAt;

  // A plain press (no Ctrl/Alt), or one with exactly these modifiers.
  bool keyPressed(int glfwKey, int mods = 0) const { return keyCount(glfwKey, mods) > 0; }
  // How many times this frame: on a slow frame two quick presses of + arrive together and both count.
  int keyCount(int glfwKey, int mods = 0) const {
    const int relevant = 0x0001 | 0x0002 | 0x0004;  // GLFW_MOD_SHIFT | GLFW_MOD_CONTROL | GLFW_MOD_ALT
    return static_cast<int>(std::count_if(keyPresses.begin(), keyPresses.end(), [&](const KeyPress& k) {
      return k.key == glfwKey && (k.mods & relevant) == mods;
    }));
  }

  // The tsunami hazard against people and buildings (the hazard room computes it when its layers change).
  struct Hazard {
    std::shared_ptr<const analysis::TsunamiImpact> impact;  // null until computed, or when nothing is known
    bool computing = false;
  } hazard;

  // Raster layers (the raster room): the value under the cursor, and what is on screen (for the test probe).
  struct RasterView {
    std::string underCursor;  // e.g. 「津波浸水深（depth.tif）: 1.84 m」; empty when no raster value is under it
    std::string atClick;      // the same at the place last clicked on the map (the inspector shows it)
    struct Shown {
      std::string layer;
      int wholeW = 0, wholeH = 0, viewW = 0, viewH = 0;  // the pictures drawn (0: none yet)
      bool pending = false;                              // a picture is being painted
    };
    std::vector<Shown> shown;
  } raster;
  std::map<std::string, std::pair<std::uint64_t, std::string>> rasterBreaks;  // the breaks typed, per raster layer

  // File › Print district…: the dialog's choices, and what the viewer reports back.
  struct PrintDialog {
    bool open = false, justOpened = false;
    int district = 0;
    bool all = false;
    int paper = 0;  // 0 = A4, 1 = A3
    bool landscape = false;
    int lang = 0;  // 0 = ja, 1 = en
    char from[16] = {}, to[16] = {};
    char out[1024] = {};
    bool dirty = true;  // a choice changed: the preview is redrawn
    bool requestPrint = false;
    // Reported by the viewer:
    ImTextureID preview = nullptr;
    int previewW = 0, previewH = 0, pages = 0;
    bool busy = false;
    float progress = 0;
    std::string status, error;
    std::string written;  // the last PDF written
  } print;

  // The shared store (File › 共有データベースに接続…): what the share room reports, what the user asks of it.
  struct Share {
    bool open = false;       // the project is the shared store
    bool listening = false;  // other people's edits arrive
    std::string store, login, problem;
    int unsent = 0;         // steps not yet written (offline, or waiting behind a conflict)
    int remoteChanges = 0;  // other people's changes applied since it was opened
    bool conflict = false;  // the conflict window is open
    bool offline = false;   // a write could not reach the server: kept until sent again
    bool connectDialog = false;
    std::string requestOpen;                                            // a connection string to open (from the dialog)
    int requestChoice = 0;                                              // the conflict: 1 = keep theirs, 2 = keep mine
    std::optional<std::pair<std::string, std::string>> requestHistory;  // (layer id, uid): show its history
    int historyRows = 0;                                                // the history window's versions (0 = closed)
    bool requestRetry = false;
  } share;

  // Requests for the viewer.
  bool requestFit = false;
  bool requestOpenDialog = false;
  bool requestImportDialog = false;
  bool requestSave = false, requestSaveAs = false;
  bool requestUndo = false, requestRedo = false;
  std::vector<Edit> requestEdits;          // edits made by the map and the panels; the viewer applies them
  std::optional<Selection> requestSelect;  // select this feature once the edits are applied
  std::string requestExportLayer;          // File › Export: the layer to write

  // Editing.
  enum class Tool { Select, Add, Move };
  Tool tool = Tool::Select;
  std::string addLayerId;         // where the Add tool puts new points
  int addCategory = 0;            // for crimes: the type of a new record
  bool inspectorEditing = false;  // the inspector shows editable values
  bool dirty = false;             // unsaved changes (reported by the viewer)
  std::string projectPath;        // the project file, empty until saved
  size_t undoCount = 0, redoCount = 0;
  bool confirmQuit = false;    // the "save changes?" dialog is open
  bool quitConfirmed = false;  // the user chose to quit without saving
  bool quitAfterSave = false;  // quit once the save has finished
  // A project opened that names files outside itself as layers: they are read only if the user agrees.
  std::string referencesProject;               // the project awaiting the answer (empty: no question)
  std::vector<std::string> outsideReferences;  // the files it names
  bool requestReadReferences = false;          // the user agreed: open the project again with them
  bool busy = false;                           // a save, import or export is running
  bool requestPrintDialog = false;
  bool requestQuit = false;
  std::vector<std::string> requestOpenFiles;
  std::optional<Lang> requestLang;
  std::optional<int> requestDistrict;            // -1 = all
  std::optional<std::string> requestPolicyItem;  // "" = clear the plan choice
  bool activitiesChanged = false;                // a district's drill / study status was edited
  // Per layer, which of its categories any feature has (the legend's "no records loaded"), by data version.
  std::map<std::string, std::pair<std::uint64_t, std::vector<bool>>> categoryPresent;
  // Per layer, its records by category (all of them, and those the district filter passes), counted again only
  // when the data, the district tags or the chosen district change: the layer panel shows them every frame.
  struct CategoryCounts {
    std::uint64_t dataVersion = 0, tagVersion = 0;
    int district = -2;
    std::vector<int> all, shown;
  };
  std::map<std::string, CategoryCounts> categoryCounts;
  int crimeMeasure = 0;                               // the 町丁目 choropleth: 0 = records, 1 = per 1,000 residents
  ActivityKind colourActivity = ActivityKind::Drill;  // which activity colours the districts under 2-1-1
  enum class Tab { Districts, Policy, Drill, Hazard };
  Tab rightTab = Tab::Districts;  // the right panel's tab
  bool focusPolicyTab = false;    // bring the plan tab to the front (a plan item was chosen)
  bool focusDrillTab = false;

  // The drill planner (strategy 2-1-1): the choices, and what the viewer reports back.
  struct Drill {
    int district = 0;
    float speed = 1.0f, supportSpeed = 0.5f;
    bool capacityAware = false;
    int scenarioCapacity = 0;     // 0 = none assumed
    bool networkLoaded = false;   // a street centre-line layer (walk_network) is in the project
    bool onlyTallEnough = false;  // leave out the buildings known to be too low for the tsunami depth at them
    int deadlineShort = 15, deadlineLong = 120;     // minutes: a JMA-style forecast and the prefecture's +1 m arrival
    std::vector<std::pair<double, double>> within;  // (deadline minutes, share of the district's people in time)
    int closedBuildings = 0;                        // left out as too low, in the shown result
    bool onNetwork = true;                          // walk on it when loaded (else on the road-surface grid)
    bool planOnNetwork = false;                     // what the shown result walked on
    bool requestCompute = false, requestBriefing = false, speedChanged = false;
    bool computing = false, ready = false;
    std::string status;
    double people = 0, assigned = 0, shortfall = 0, longestWalk = 0, seconds = 0;
    bool census = false;  // people from the 2015 census per 町丁目
    int blocks = 0, unreachableBlocks = 0;
    std::vector<std::tuple<std::string, double, double, std::string>> buildings;  // name, from here, load, capacity
    ImTextureID isochrones = nullptr;  // walking-time bands over the ward, drawn under the panels
    Bounds isochroneBounds;
    std::string briefingWritten;
  } drill;
  // Point layers the map drew as a density last frame (layer id → darkest count, cell metres), and the
  // number of points in view past which it does.
  std::map<std::string, std::pair<unsigned, float>> densityLayers;
  std::size_t pointBudget = 0;
  bool screenshotMode = false;  // --screenshot: no hover tooltips in the picture

  bool showLayers = true, showRight = true, showErrors = false;
  size_t errorsSeen = 0;  // errors already shown; new ones open the panel

  void markWidget(const std::string& name) {
    if (ImGui::IsWindowAppearing()) return;  // a window's first frame is laid out but not yet shown
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    widgets[name] = {a.x, a.y, b.x - a.x, b.y - a.y};
  }
};

}  // namespace safetymap::ui
