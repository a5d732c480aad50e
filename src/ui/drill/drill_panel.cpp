// The drill planner (strategy 2-1-1): choose a district, a walking speed and the assignment; the map
// shows the routes along streets, each building's load against capacity and the walking-time bands.
// The analysis runs as a job (cancellable); changing the speed only recolours the bands and the minutes.
#include <fmt/format.h>

#include <algorithm>

#include "ui/panels.hpp"

namespace safetymap::ui {

void drawDrillPanel(PanelContext& c) {
  Lang lang = c.project.lang;
  auto& d = c.ui.drill;
  ImGui::TextUnformatted(tr(lang, "drill.title"));
  ImGui::Separator();
  const auto& ds = c.project.districts();
  if (ds.empty()) return;
  d.district = std::clamp(d.district, 0, static_cast<int>(ds.size()) - 1);
  bool changed = false;
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##drill-district", (lang == Lang::En ? ds[static_cast<size_t>(d.district)].nameEn
                                                              : ds[static_cast<size_t>(d.district)].nameJa)
                                                .c_str())) {
    for (size_t i = 0; i < ds.size(); ++i)
      if (ImGui::Selectable((lang == Lang::En ? ds[i].nameEn : ds[i].nameJa).c_str(),
                            static_cast<int>(i) == d.district))
        d.district = static_cast<int>(i), changed = true;
    ImGui::EndCombo();
  }
  c.ui.markWidget("drill:district");
  ImGui::SetNextItemWidth(180);
  if (ImGui::SliderFloat(tr(lang, "drill.speed"), &d.speed, 0.3f, 1.5f, "%.1f")) d.speedChanged = true;
  c.ui.markWidget("drill:speed");
  ImGui::SetNextItemWidth(180);
  if (ImGui::SliderFloat(tr(lang, "drill.support"), &d.supportSpeed, 0.2f, 1.0f, "%.1f")) d.speedChanged = true;
  if (d.networkLoaded) {  // a centre-line network was loaded: the planner may walk on it or on the road surfaces
    int surface = d.onNetwork ? 1 : 0;
    ImGui::TextUnformatted(tr(lang, "drill.surface"));
    ImGui::SameLine();
    changed |= ImGui::RadioButton(tr(lang, "drill.surface_grid"), &surface, 0);
    c.ui.markWidget("drill:surface-grid");
    ImGui::SameLine();
    changed |= ImGui::RadioButton(tr(lang, "drill.surface_network"), &surface, 1);
    c.ui.markWidget("drill:surface-network");
    d.onNetwork = surface == 1;
  }
  int mode = d.capacityAware ? 1 : 0;
  changed |= ImGui::RadioButton(tr(lang, "drill.nearest"), &mode, 0);
  ImGui::SameLine();
  changed |= ImGui::RadioButton(tr(lang, "drill.capacity"), &mode, 1);
  d.capacityAware = mode == 1;
  if (d.capacityAware) {
    ImGui::SetNextItemWidth(120);
    changed |= ImGui::InputInt(tr(lang, "drill.scenario"), &d.scenarioCapacity, 50, 500);
    d.scenarioCapacity = std::max(0, d.scenarioCapacity);
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", tr(lang, "drill.capacity_unknown_note"));
    ImGui::PopTextWrapPos();
  }
  if (c.project.layerByRole(LayerRole::TsunamiDepth)) {  // a hazard is loaded: the buildings can be judged
    changed |= ImGui::Checkbox(tr(lang, "drill.only_tall"), &d.onlyTallEnough);
    c.ui.markWidget("drill:only-tall");
  }
  ImGui::TextUnformatted(tr(lang, "drill.deadlines"));
  ImGui::SetNextItemWidth(90);
  changed |= ImGui::InputInt("##deadline-short", &d.deadlineShort, 5, 15);
  c.ui.markWidget("drill:deadline-short");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90);
  changed |= ImGui::InputInt(tr(lang, "drill.minutes"), &d.deadlineLong, 5, 30);
  d.deadlineShort = std::clamp(d.deadlineShort, 1, 24 * 60);
  d.deadlineLong = std::clamp(d.deadlineLong, 1, 24 * 60);
  ImGui::BeginDisabled(d.computing);
  if (ImGui::Button(tr(lang, "drill.compute"))) d.requestCompute = true;
  c.ui.markWidget("drill:compute");
  ImGui::SameLine();
  ImGui::BeginDisabled(!d.ready);
  if (ImGui::Button(tr(lang, "drill.briefing"))) d.requestBriefing = true;
  c.ui.markWidget("drill:briefing");
  ImGui::EndDisabled();
  ImGui::EndDisabled();
  if (changed && d.ready) d.requestCompute = true;  // the district or the assignment changed: recompute
  if (const jobs::Job* job = c.jobs.find("drill"); job || c.jobs.running("briefing")) {
    if (!job) job = c.jobs.find("briefing");
    ImGui::ProgressBar(static_cast<float>(job->fraction()), ImVec2(-1, 0), tr(lang, "drill.computing"));
    if (ImGui::Button(tr(lang, "job.cancel"))) c.jobs.cancel(job->kind());  // the last result stays on the map
    c.ui.markWidget("drill:cancel");
  } else if (!d.ready) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", tr(lang, "drill.hint"));
    ImGui::PopTextWrapPos();
  }
  if (!d.status.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(d.status.c_str());
    ImGui::PopTextWrapPos();
  }
  if (!d.ready) return;
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(fmt::format(fmt::runtime(tr(lang, "drill.result")), static_cast<long>(d.people),
                                     static_cast<long>(d.assigned), static_cast<long>(d.shortfall), d.longestWalk,
                                     d.longestWalk / d.speed / 60.0)
                             .c_str());
  ImGui::PopTextWrapPos();
  c.ui.markWidget("drill:result");
  for (const auto& [minutes, share] : d.within)
    ImGui::TextUnformatted(
        fmt::format(fmt::runtime(tr(lang, "drill.within")), minutes, 100 * share, d.speed).c_str());
  if (d.closedBuildings > 0) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImVec4(0.65f, 0.3f, 0, 1), "%s",
                       fmt::format(fmt::runtime(tr(lang, "drill.closed")), d.closedBuildings).c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::TextDisabled("%s", tr(lang, d.census ? "brief.estimate_note_census" : "brief.estimate_note"));
  if (ImGui::BeginTable("drill-buildings", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn(tr(lang, "brief.building"));
    ImGui::TableSetupColumn(tr(lang, "brief.from_district"));
    ImGui::TableSetupColumn(tr(lang, "brief.capacity"));
    ImGui::TableHeadersRow();
    for (const auto& [name, here, load, cap] : d.buildings) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(name.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%.0f / %.0f", here, load);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(cap.c_str());
    }
    ImGui::EndTable();
  }
}

}  // namespace safetymap::ui
