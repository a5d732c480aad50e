#pragma once
// The ImGui panels. Each reads and edits the project and the UI state, nothing else: no GDAL,
// no OpenGL. The viewer calls them once per frame.
#include "analysis/ward_stats.hpp"
#include "core/camera.hpp"
#include "core/diagnostics.hpp"
#include "io/settings.hpp"
#include "jobs/job.hpp"
#include "ui/fonts.hpp"
#include "ui/ui_state.hpp"

namespace safetymap::ui {

struct PanelContext {
  Project& project;
  UiState& ui;
  Diagnostics& diag;
  Fonts& fonts;
  const Camera& camera;
  io::Settings& settings;
  // Per district, features counted by role (rebuilt when data changes).
  const std::vector<std::map<LayerRole, int>>& districtCounts;
  // The ward's figures for the policy's indicators (recomputed when data, district or activities change).
  const analysis::WardStats& stats;
  jobs::Jobs& jobs;  // the running jobs: their progress bars cancel them
};

void drawLayerPanel(PanelContext& c, Rect area);  // layers + legend, left
void drawRightPanel(PanelContext& c, Rect area);  // districts + inspector
void drawPolicyPanel(PanelContext& c);            // the plan tree, its indicators and targets (right panel tab)
void drawPrintDialog(PanelContext& c);            // File › Print district…: choices and the page-1 preview
void drawDrillPanel(PanelContext& c);
void drawHazardPanel(PanelContext& c);  // the tsunami hazard against people and buildings (right panel tab) // the
                                        // evacuation drill planner (right panel tab)
void drawEditToolbar(PanelContext& c);        // select / add / move, the target layer, undo / redo, save
void drawQuitConfirm(PanelContext& c);        // "save changes?" before quitting with unsaved edits
void drawReferencesConfirm(PanelContext& c);  // "read these files outside the project?" on opening one
bool isEditable(const Layer& l);              // a layer whose features the user may add, move and delete
// A new point feature with the defaults of its layer (a crime: today's date, its 町丁目, the chosen type).
Feature newFeatureAt(const Project& p, const Layer& l, Vec2 at, int category);
void drawErrorsPanel(PanelContext& c, Rect mapArea);
void drawMainMenu(PanelContext& c);
float drawStatusBar(PanelContext& c, float height);  // the cursor, the scale, each running job (cancellable)

// A panel docked at the window's edge (the shell lays them out): fixed in place, no title. It draws no background:
// the shell clears the window in ImGui's WindowBg colour before the map (a clear is nearly free on a software
// renderer; ImGui filling 0.7 megapixels of panels was a sixth of a frame on llvmpipe). End it with ImGui::End().
inline void beginDockedPanel(const char* id, Rect a, ImGuiWindowFlags extra = 0) {
  ImGui::SetNextWindowPos(ImVec2(a.x, a.y));
  ImGui::SetNextWindowSize(ImVec2(a.w, a.h));
  ImGui::Begin(id, nullptr,
               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground |
                   extra);
}

// Shared symbol drawing for the layer list and the legend.
void drawLayerSymbol(ImDrawList* dl, ImVec2 topLeft, float size, const Layer& layer, Rgba fill);
ImU32 toImColor(Rgba c, float alpha = 1.0f);
std::string badges(const Project& p, const Layer& l);

}  // namespace safetymap::ui
