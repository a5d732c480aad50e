// The menu bar, the status bar and the errors panel.
#include <GLFW/glfw3.h>

#include <cmath>
#include <filesystem>

#include "io/crs.hpp"
#include "ui/panels.hpp"

namespace safetymap::ui {

void drawMainMenu(PanelContext& c) {
  Lang lang = c.project.lang;
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu(tr(lang, "menu.file"))) {
    if (ImGui::MenuItem(tr(lang, "menu.open"), "Ctrl+O")) c.ui.requestOpenDialog = true;
    if (ImGui::MenuItem(tr(lang, "menu.import"), "Ctrl+I")) c.ui.requestImportDialog = true;
    if (ImGui::MenuItem(tr(lang, "menu.save"), "Ctrl+S")) c.ui.requestSave = true;
    if (ImGui::MenuItem(tr(lang, "menu.save_as"), "Ctrl+Shift+S")) c.ui.requestSaveAs = true;
    if (ImGui::BeginMenu(tr(lang, "menu.export"))) {
      for (const auto& l : c.project.layers())
        if (l->role != LayerRole::Roads && ImGui::MenuItem(c.project.displayName(*l).c_str()))
          c.ui.requestExportLayer = l->id;
      ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(tr(lang, "menu.recent"))) {
      if (c.settings.recentFiles.empty()) ImGui::MenuItem(tr(lang, "menu.recent.none"), nullptr, false, false);
      for (const auto& f : c.settings.recentFiles)
        if (ImGui::MenuItem(f.c_str())) c.ui.requestOpenFiles.push_back(f);
      ImGui::EndMenu();
    }
    ImGui::Separator();
    if (ImGui::MenuItem(tr(lang, "menu.print"), "Ctrl+P")) c.ui.requestPrintDialog = true;
    if (ImGui::MenuItem(tr(lang, "menu.briefing"))) {  // the briefing needs a plan: the drill tab computes it first
      c.ui.focusDrillTab = c.ui.showRight = true;
      if (c.ui.drill.ready)
        c.ui.drill.requestBriefing = true;
      else
        c.ui.drill.requestCompute = true;
    }
    ImGui::Separator();
    if (ImGui::MenuItem(tr(lang, "menu.quit"), "Ctrl+Q")) c.ui.requestQuit = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(tr(lang, "menu.edit"))) {
    if (ImGui::MenuItem(tr(lang, "edit.undo"), "Ctrl+Z", false, c.ui.undoCount > 0)) c.ui.requestUndo = true;
    if (ImGui::MenuItem(tr(lang, "edit.redo"), "Ctrl+Y", false, c.ui.redoCount > 0)) c.ui.requestRedo = true;
    ImGui::Separator();
    if (ImGui::MenuItem(tr(lang, "edit.select"), nullptr, c.ui.tool == UiState::Tool::Select))
      c.ui.tool = UiState::Tool::Select;
    if (ImGui::MenuItem(tr(lang, "edit.add"), nullptr, c.ui.tool == UiState::Tool::Add)) c.ui.tool = UiState::Tool::Add;
    if (ImGui::MenuItem(tr(lang, "edit.move"), nullptr, c.ui.tool == UiState::Tool::Move))
      c.ui.tool = UiState::Tool::Move;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(tr(lang, "menu.view"))) {
    if (ImGui::MenuItem(tr(lang, "menu.fit"), "Home")) c.ui.requestFit = true;
    ImGui::Separator();
    ImGui::MenuItem(tr(lang, "panel.layers"), nullptr, &c.ui.showLayers);
    ImGui::MenuItem(tr(lang, "panel.districts"), nullptr, &c.ui.showRight);
    ImGui::MenuItem(tr(lang, "panel.errors"), nullptr, &c.ui.showErrors);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(tr(lang, "menu.language"))) {
    if (ImGui::MenuItem("日本語", nullptr, lang == Lang::Ja)) c.ui.requestLang = Lang::Ja;
    if (ImGui::MenuItem("English", nullptr, lang == Lang::En)) c.ui.requestLang = Lang::En;
    ImGui::EndMenu();
  }
  // One click to switch language, always in view.
  const char* toggle = tr(lang, "lang.toggle");
  float w = ImGui::CalcTextSize(toggle).x + ImGui::GetStyle().FramePadding.x * 4;
  ImGui::SetCursorPosX(ImGui::GetWindowWidth() - w - 8);
  if (ImGui::SmallButton(toggle)) c.ui.requestLang = lang == Lang::Ja ? Lang::En : Lang::Ja;
  c.ui.markWidget("lang-toggle");
  ImGui::EndMainMenuBar();

  if (c.ui.keyPressed(GLFW_KEY_O, GLFW_MOD_CONTROL)) c.ui.requestOpenDialog = true;
  if (c.ui.keyPressed(GLFW_KEY_Q, GLFW_MOD_CONTROL)) c.ui.requestQuit = true;
  if (c.ui.keyPressed(GLFW_KEY_P, GLFW_MOD_CONTROL)) c.ui.requestPrintDialog = true;
  if (c.ui.keyPressed(GLFW_KEY_I, GLFW_MOD_CONTROL)) c.ui.requestImportDialog = true;
  if (c.ui.keyPressed(GLFW_KEY_S, GLFW_MOD_CONTROL)) c.ui.requestSave = true;
  if (c.ui.keyPressed(GLFW_KEY_S, GLFW_MOD_CONTROL | GLFW_MOD_SHIFT)) c.ui.requestSaveAs = true;
  if (!ImGui::GetIO().WantTextInput) {  // in a text field, Ctrl+Z belongs to the field
    if (c.ui.keyPressed(GLFW_KEY_Z, GLFW_MOD_CONTROL)) c.ui.requestUndo = true;
    if (c.ui.keyPressed(GLFW_KEY_Y, GLFW_MOD_CONTROL) || c.ui.keyPressed(GLFW_KEY_Z, GLFW_MOD_CONTROL | GLFW_MOD_SHIFT))
      c.ui.requestRedo = true;
  }
}

float drawStatusBar(PanelContext& c, float h) {
  Lang lang = c.project.lang;
  ImVec2 d = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(0, d.y - h));
  ImGui::SetNextWindowSize(ImVec2(d.x, h));
  ImGui::Begin("##status", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  if (c.ui.cursorWorld) {
    Vec2 p = *c.ui.cursorWorld;
    Vec2 ll = io::toLonLat(p);
    ImGui::Text("%s %.6f°N %.6f°E   %s X %.1f m  Y %.1f m", tr(lang, "status.latlon"), ll.y, ll.x,
                tr(lang, "status.plane"), p.y, p.x);
  } else {
    ImGui::TextDisabled("%s", tr(lang, "drop.hint"));
  }
  ImGui::SameLine(d.x * 0.55f);
  double denominator = 1.0 / (c.camera.pixelsPerMetre() * 0.000264583);  // 96 dpi screen
  ImGui::Text("%s 1:%s", tr(lang, "status.scale"),
              std::to_string(static_cast<long>(std::round(denominator / 100.0) * 100)).c_str());
  ImGui::SameLine();
  // Each running job: what it is, how far, and a button that cancels it.
  const auto jobs = c.jobs.list();
  if (jobs.empty()) ImGui::TextDisabled("%s", tr(lang, "status.ready"));
  for (const jobs::Job* job : jobs) {
    ImGui::PushID(job);
    const std::string stage = job->stage();
    ImGui::TextUnformatted(job->kind() == "load" ? tr(lang, "status.loading") : job->title().c_str());
    ImGui::SameLine();
    ImGui::ProgressBar(static_cast<float>(job->fraction()), ImVec2(160, 0), stage.empty() ? "" : stage.c_str());
    if (job->cancellable()) {
      ImGui::SameLine();
      if (ImGui::SmallButton(tr(lang, "job.cancel"))) c.jobs.cancel(job->kind());
      c.ui.markWidget("job:" + job->kind() + ":cancel");
    }
    ImGui::SameLine();
    ImGui::PopID();
  }
  size_t errors = c.diag.count(Severity::Error), warnings = c.diag.count(Severity::Warning);
  if (errors + warnings) {
    ImGui::SameLine();
    char b[64];
    std::snprintf(b, sizeof b, "⚠ %zu / %zu", errors, warnings);
    if (ImGui::SmallButton(b)) c.ui.showErrors = !c.ui.showErrors;
    c.ui.markWidget("errors-button");
  }
  ImGui::End();
  return h;
}

void drawErrorsPanel(PanelContext& c, Rect map) {
  size_t n = c.diag.count(Severity::Error) + c.diag.count(Severity::Warning);
  if (n > c.ui.errorsSeen) c.ui.showErrors = true, c.ui.errorsSeen = n;  // new problems are shown, not hidden
  if (!c.ui.showErrors) return;
  Lang lang = c.project.lang;
  ImGui::SetNextWindowPos(ImVec2(map.x + 10, map.y + map.h - 230), ImGuiCond_Appearing);
  ImGui::SetNextWindowSize(ImVec2(std::min(760.f, map.w - 20), 180), ImGuiCond_Appearing);
  if (!ImGui::Begin(tr(lang, "panel.errors"), &c.ui.showErrors)) {
    ImGui::End();
    return;
  }
  auto msgs = c.diag.snapshot();
  if (ImGui::SmallButton(tr(lang, "errors.clear"))) {
    c.diag.clear();
    c.ui.errorsSeen = 0;
  }
  if (msgs.empty()) ImGui::TextDisabled("%s", tr(lang, "errors.none"));
  ImGui::PushTextWrapPos(0);
  for (const auto& m : msgs) {
    if (m.severity == Severity::Info) {
      ImGui::TextDisabled("%s", m.str().c_str());
      continue;
    }
    ImVec4 col = m.severity == Severity::Error ? ImVec4(0.75f, 0.1f, 0.1f, 1) : ImVec4(0.6f, 0.4f, 0, 1);
    ImGui::TextColored(col, "%s", m.str().c_str());
  }
  ImGui::PopTextWrapPos();
  ImGui::End();
}

}  // namespace safetymap::ui
