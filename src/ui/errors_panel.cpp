// The status bar (the cursor's place, the scale, the running jobs) and the errors panel.
#include <cmath>
#include <filesystem>

#include "io/crs.hpp"
#include "ui/panels.hpp"

namespace safetymap::ui {

float drawStatusBar(PanelContext& c, float h) {
  Lang lang = c.project.lang;
  ImVec2 d = ImGui::GetIO().DisplaySize;
  beginDockedPanel("##status", {0, d.y - h, d.x, h}, ImGuiWindowFlags_NoScrollbar);
  if (c.ui.cursorWorld) {
    Vec2 p = *c.ui.cursorWorld;
    Vec2 ll = io::toLonLat(p);
    ImGui::Text("%s %.6f°N %.6f°E   %s X %.1f m  Y %.1f m", tr(lang, "status.latlon"), ll.y, ll.x,
                tr(lang, "status.plane"), p.y, p.x);
    if (!c.ui.raster.underCursor.empty()) {
      ImGui::SameLine();
      ImGui::TextUnformatted(("   " + c.ui.raster.underCursor).c_str());
    }
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
