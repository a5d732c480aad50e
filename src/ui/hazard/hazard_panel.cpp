// The tsunami tab: where the district's people stand in the hazard (a bar per district, coloured by depth class),
// and the evacuation buildings against Osaka City's rule, the ones that fail or are unknown listed to select.
#include <fmt/format.h>

#include <algorithm>

#include "ui/panels.hpp"

namespace safetymap::ui {


namespace {

void peopleBars(PanelContext& c, const analysis::TsunamiImpact& t) {
  const Lang lang = c.project.lang;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float h = ImGui::GetTextLineHeight();
  const float barW = std::max(80.f, ImGui::GetContentRegionAvail().x - 190.f);
  auto row = [&](const analysis::DepthPeople& d, const std::string& key) {
    ImGui::TextUnformatted((lang == Lang::En ? d.nameEn : d.nameJa).c_str());
    ImGui::SameLine(90);
    ImVec2 o = ImGui::GetCursorScreenPos();
    const double all = std::max(1.0, d.population);
    float x = o.x;
    for (size_t k = 0; k < t.classes.size(); ++k) {
      const float w = static_cast<float>(barW * d.byClass[k] / all);
      dl->AddRectFilled(ImVec2(x, o.y + 2), ImVec2(x + w, o.y + h - 1), toImColor(t.classes[k].color));
      x += w;
    }
    dl->AddRect(ImVec2(o.x, o.y + 2), ImVec2(o.x + barW, o.y + h - 1), IM_COL32(120, 120, 120, 255));
    ImGui::Dummy(ImVec2(barW, h));
    if (ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      for (size_t k = 0; k < t.classes.size(); ++k)
        ImGui::Text("%s  %.0f", (lang == Lang::En ? t.classes[k].labelEn : t.classes[k].labelJa).c_str(), d.byClass[k]);
      ImGui::Text("%s  %.0f", tr(lang, "hazard.dry"), d.dry);
      if (d.uncovered >= 0.5) ImGui::Text("%s  %.0f", tr(lang, "hazard.uncovered"), d.uncovered);
      ImGui::EndTooltip();
    }
    c.ui.markWidget(key);
    ImGui::SameLine();
    double wet = 0;
    for (double v : d.byClass) wet += v;
    ImGui::Text("%.0f", wet);
  };
  for (size_t i = 0; i < t.districts.size(); ++i) row(t.districts[i], "hazard:district:" + std::to_string(i));
  ImGui::Separator();
  row(t.ward, "hazard:ward");
  // The classes, as on the map.
  for (size_t k = 0; k < t.classes.size(); ++k) {
    if (k % 4) ImGui::SameLine();
    ImVec2 o = ImGui::GetCursorScreenPos();
    dl->AddRectFilled(ImVec2(o.x, o.y + 2), ImVec2(o.x + h, o.y + h - 2), toImColor(t.classes[k].color));
    ImGui::Dummy(ImVec2(h, h));
    ImGui::SameLine();
    ImGui::TextUnformatted((lang == Lang::En ? t.classes[k].labelEn : t.classes[k].labelJa).c_str());
  }
}

void buildingList(PanelContext& c, const analysis::TsunamiImpact& t) {
  const Lang lang = c.project.lang;
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(
      fmt::format(fmt::runtime(tr(lang, "hazard.buildings")), t.meets, t.fails, t.notFlooded, t.unknown).c_str());
  ImGui::TextDisabled("%s", tr(lang, "hazard.rule"));
  ImGui::PopTextWrapPos();
  c.ui.markWidget("hazard:buildings");
  const Layer* sites = c.project.layerByRole(LayerRole::TsunamiBuildings);
  if (!sites) return;
  if (ImGui::BeginTable("hazard-buildings", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn(tr(lang, "brief.building"));
    ImGui::TableSetupColumn(tr(lang, "hazard.depth"));
    ImGui::TableSetupColumn(tr(lang, "hazard.verdict"));
    ImGui::TableHeadersRow();
    // Those that fail first (what a planner acts on), then those that meet the rule, then the rest.
    auto rank = [](analysis::ShelterVerdict v) {
      switch (v) {
        case analysis::ShelterVerdict::TooFewStoreys:
        case analysis::ShelterVerdict::BelowDepth: return 0;
        case analysis::ShelterVerdict::Meets: return 1;
        case analysis::ShelterVerdict::NotFlooded: return 2;
        default: return 3;
      }
    };
    std::vector<const analysis::BuildingDepth*> order;
    for (const auto& b : t.buildings)
      if (b.depthKnown) order.push_back(&b);
    std::stable_sort(order.begin(), order.end(), [&](const auto* x, const auto* y) { return rank(x->verdict) < rank(y->verdict); });
    for (const analysis::BuildingDepth* bp : order) {
      const analysis::BuildingDepth& b = *bp;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(b.feature);
      const bool selected = c.project.selection.layerId == sites->id && c.project.selection.feature == b.feature;
      if (ImGui::Selectable(b.name.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) {
        c.project.selection = {sites->id, b.feature};
        c.ui.selectionVersion++;
      }
      ImGui::PopID();
      ImGui::TableNextColumn();
      if (b.depth)
        ImGui::Text("%.2f m%s", b.depth->worst(), b.depthFrom == "plateau" ? " (PLATEAU)" : "");
      else
        ImGui::TextDisabled("—");
      ImGui::TableNextColumn();
      const bool bad = b.verdict == analysis::ShelterVerdict::TooFewStoreys ||
                       b.verdict == analysis::ShelterVerdict::BelowDepth;
      const std::string v = tr(lang, (std::string("verdict.") + analysis::verdictKey(b.verdict)).c_str());
      if (bad)
        ImGui::TextColored(ImVec4(0.75f, 0.25f, 0, 1), "%s", v.c_str());
      else
        ImGui::TextUnformatted(v.c_str());
    }
    ImGui::EndTable();
  }
}

}  // namespace

void drawHazardPanel(PanelContext& c) {
  const Lang lang = c.project.lang;
  const auto& h = c.ui.hazard;
  if (h.computing && !h.impact) {
    ImGui::TextDisabled("%s", tr(lang, "hazard.computing"));
    return;
  }
  const analysis::TsunamiImpact* t = h.impact.get();
  ImGui::PushTextWrapPos(0);
  if (!t || !t->hasHazard()) {
    ImGui::TextUnformatted(tr(lang, "hazard.none"));
  } else {
    ImGui::TextUnformatted((lang == Lang::En ? t->hazardEn : t->hazardJa).c_str());
    if (t->synthetic) ImGui::TextColored(ImVec4(0.65f, 0.3f, 0, 1), "%s", tr(lang, "legend.synthetic_data"));
    ImGui::TextDisabled("%s", tr(lang, t->blocksApproximate ? "hazard.people_note_approx" : "hazard.people_note"));
  }
  ImGui::PopTextWrapPos();
  if (!t) return;
  if (t->hasHazard()) {
    ImGui::Spacing();
    peopleBars(c, *t);
  }
  ImGui::Spacing();
  buildingList(c, *t);
}

}  // namespace safetymap::ui
