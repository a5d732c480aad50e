// Right panel, top: the district selector. Choosing a district zooms to it, highlights it and
// filters the other layers to it.
#include <algorithm>

#include "ui/inspector_panel.hpp"
#include "ui/panels.hpp"

namespace safetymap::ui {

static void districtList(PanelContext& c) {
  Lang lang = c.project.lang;
  ImGui::TextUnformatted(tr(lang, "panel.districts"));
  ImGui::Separator();
  const auto& ds = c.project.districts();
  if (ImGui::Selectable(tr(lang, "district.all"), c.project.selectedDistrict < 0)) c.ui.requestDistrict = -1;
  c.ui.markWidget("district:all");
  if (ImGui::BeginTable("districts", 3, ImGuiTableFlags_SizingStretchProp)) {
    for (size_t i = 0; i < ds.size(); ++i) {
      const District& d = ds[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImVec2 p = ImGui::GetCursorScreenPos();
      float s = ImGui::GetTextLineHeight();
      ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + 2), ImVec2(p.x + s, p.y + s - 2), toImColor(d.fill));
      ImGui::Dummy(ImVec2(s, s));
      ImGui::SameLine();
      std::string name = lang == Lang::En ? d.nameEn : d.nameJa;
      ImGui::PushID(static_cast<int>(i));
      if (ImGui::Selectable(name.c_str(), c.project.selectedDistrict == static_cast<int>(i),
                            ImGuiSelectableFlags_SpanAllColumns))
        c.ui.requestDistrict = c.project.selectedDistrict == static_cast<int>(i) ? -1 : static_cast<int>(i);
      c.ui.markWidget("district:" + d.nameJa);
      ImGui::PopID();
      const auto& counts = i < c.districtCounts.size() ? c.districtCounts[i] : std::map<LayerRole, int>{};
      auto count = [&](LayerRole r) {
        auto it = counts.find(r);
        return it == counts.end() ? 0 : it->second;
      };
      ImGui::TableNextColumn();
      ImGui::TextDisabled("▲%d", count(LayerRole::TsunamiBuildings));
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", c.project.layerByRole(LayerRole::TsunamiBuildings)
                                    ? c.project.displayName(*c.project.layerByRole(LayerRole::TsunamiBuildings)).c_str()
                                    : "");
      ImGui::TableNextColumn();
      ImGui::TextDisabled("●%d", count(LayerRole::Crimes));
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", c.project.layerByRole(LayerRole::Crimes)
                                    ? c.project.displayName(*c.project.layerByRole(LayerRole::Crimes)).c_str()
                                    : "");
    }
    ImGui::EndTable();
  }
  if (c.project.selectedDistrict >= 0) ImGui::TextDisabled("%s", tr(lang, "district.filter_note"));
}

void drawRightPanel(PanelContext& c, Rect a) {
  beginDockedPanel("##right", a);
  // Tabs: the districts, and the ward's plan; the inspector below both.
  if (ImGui::BeginTabBar("right-tabs")) {
    if (ImGui::BeginTabItem(tr(c.project.lang, "tab.districts"))) {
      c.ui.rightTab = UiState::Tab::Districts;
      ImGui::EndTabItem();
    }
    c.ui.markWidget("tab:districts");
    ImGuiTabItemFlags planFlags = c.ui.focusPolicyTab ? ImGuiTabItemFlags_SetSelected : 0;
    c.ui.focusPolicyTab = false;
    if (ImGui::BeginTabItem(tr(c.project.lang, "menu.plan"), nullptr, planFlags)) {
      c.ui.rightTab = UiState::Tab::Policy;
      ImGui::EndTabItem();
    }
    c.ui.markWidget("tab:plan");
    ImGuiTabItemFlags drillFlags = c.ui.focusDrillTab ? ImGuiTabItemFlags_SetSelected : 0;
    c.ui.focusDrillTab = false;
    if (ImGui::BeginTabItem(tr(c.project.lang, "tab.drill"), nullptr, drillFlags)) {
      // The drill starts from the district being looked at, until the planner has a result of its own.
      if (c.ui.rightTab != UiState::Tab::Drill && !c.ui.drill.ready && c.project.selectedDistrict >= 0)
        c.ui.drill.district = c.project.selectedDistrict;
      c.ui.rightTab = UiState::Tab::Drill;
      ImGui::EndTabItem();
    }
    c.ui.markWidget("tab:drill");
    if (ImGui::BeginTabItem(tr(c.project.lang, "tab.hazard"))) {
      c.ui.rightTab = UiState::Tab::Hazard;
      ImGui::EndTabItem();
    }
    c.ui.markWidget("tab:hazard");
    ImGui::EndTabBar();
  }
  float inspectorH = std::max(200.f, a.h * 0.32f);
  ImGui::BeginChild("##tab", ImVec2(0, ImGui::GetContentRegionAvail().y - inspectorH), false);
  if (c.ui.rightTab == UiState::Tab::Drill)
    drawDrillPanel(c);
  else if (c.ui.rightTab == UiState::Tab::Hazard)
    drawHazardPanel(c);
  else if (c.ui.rightTab == UiState::Tab::Policy)
    drawPolicyPanel(c);
  else
    districtList(c);
  ImGui::EndChild();
  ImGui::Separator();
  ImGui::BeginChild("##inspector", ImVec2(0, 0), false);
  drawInspector(c);
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace safetymap::ui
