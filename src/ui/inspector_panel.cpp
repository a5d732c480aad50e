#include "ui/inspector_panel.hpp"

namespace safetymap::ui {

std::string selectionTitle(const Project& p) {
  if (!p.selection.valid()) return {};
  const Layer* l = p.layer(p.selection.layerId);
  if (!l || static_cast<size_t>(p.selection.feature) >= l->features.size()) return {};
  const Feature& f = l->features[static_cast<size_t>(p.selection.feature)];
  std::string t = p.label(*l, f);
  if (t.empty() && l->role == LayerRole::Crimes) {
    const std::string* m = l->value(f, "手口");
    const std::string* d = l->value(f, "発生年月日（始期）");
    t = (m ? *m : "") + (d ? " " + *d : "");
  }
  return t;
}

void drawInspector(PanelContext& c) {
  Lang lang = c.project.lang;
  ImGui::TextUnformatted(tr(lang, "panel.inspector"));
  ImGui::Separator();
  const Selection& s = c.project.selection;
  const Layer* l = s.valid() ? c.project.layer(s.layerId) : nullptr;
  if (!l || static_cast<size_t>(s.feature) >= l->features.size()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", tr(lang, "inspector.none"));
    ImGui::PopTextWrapPos();
    return;
  }
  const Feature& f = l->features[static_cast<size_t>(s.feature)];
  std::string title = selectionTitle(c.project);
  if (c.fonts.label()) ImGui::PushFont(c.fonts.label());
  ImGui::TextUnformatted(title.c_str());
  if (c.fonts.label()) ImGui::PopFont();
  c.ui.markWidget("inspector-title");
  ImGui::TextDisabled("%s: %s", tr(lang, "inspector.layer"), c.project.displayName(*l).c_str());
  if (!isContextRole(l->role))
    ImGui::TextDisabled("%s: %s", tr(lang, "inspector.district"), c.project.districtName(f.district).c_str());
  // Which of the plan's strategies this feature serves.
  if (auto serves = c.project.plan.strategiesServing(l->role); !serves.empty()) {
    std::string text = std::string(tr(lang, "plan.serves")) + ":";
    for (const auto& id : serves) text += " " + id + " " + c.project.plan.title(id, lang);
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImVec4(0.0f, 0.35f, 0.55f, 1), "%s", text.c_str());
    ImGui::PopTextWrapPos();
    c.ui.markWidget("inspector-serves");
  }
  if (const std::string* a = l->value(f, "approximate"); a && isTruthy(*a)) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImVec4(0.65f, 0.3f, 0, 1), "%s", tr(lang, "legend.approximate"));
    ImGui::PopTextWrapPos();
  }
  if (ImGui::BeginTable("attrs", 2,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_Resizable)) {
    ImGui::TableSetupColumn(tr(lang, "inspector.field"), ImGuiTableColumnFlags_WidthFixed, 130);
    ImGui::TableSetupColumn(tr(lang, "inspector.value"));
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < l->fields.size() && i < f.values.size(); ++i) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(l->fields[i].name.c_str());
      ImGui::TableNextColumn();
      ImGui::PushTextWrapPos(0);
      const std::string& v = f.values[i];
      if (l->fields[i].type == Field::Type::Boolean)
        ImGui::TextUnformatted(isTruthy(v) ? "true" : "false");
      else
        ImGui::TextUnformatted(v.c_str());
      ImGui::PopTextWrapPos();
    }
    ImGui::EndTable();
  }
}

}  // namespace safetymap::ui
