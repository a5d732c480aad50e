#include "ui/inspector_panel.hpp"

#include <fmt/format.h>
#include <imgui_stdlib.h>

#include <map>
#include <tuple>

namespace safetymap::ui {

namespace {
// The text being typed into a field, kept until the field is left; reset when the value changes underneath.
std::string& editBuffer(const Selection& s, size_t field, const std::string& current) {
  static std::map<std::tuple<std::string, int, size_t>, std::pair<std::string, std::string>> buffers;
  auto& [base, text] = buffers[{s.layerId, s.feature, field}];
  if (base != current) base = current, text = current;
  return text;
}
}  // namespace

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
  if (!c.ui.raster.atClick.empty()) {  // a raster under the place clicked: its value there
    ImGui::TextUnformatted(fmt::format("{}  {}", tr(lang, "inspector.raster_value"), c.ui.raster.atClick).c_str());
    c.ui.markWidget("inspector-raster");
  }
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
  // Which of the policy's strategies this feature serves.
  if (auto serves = c.project.policy.strategiesServing(l->role); !serves.empty()) {
    std::string text = std::string(tr(lang, "plan.serves")) + ":";
    for (const auto& id : serves) text += " " + id + " " + c.project.policy.title(id, lang);
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
  if (isEditable(*l)) {
    ImGui::Checkbox(tr(lang, "edit.values"), &c.ui.inspectorEditing);
    c.ui.markWidget("inspector-edit");
    ImGui::SameLine();
    if (ImGui::SmallButton(tr(lang, "edit.delete"))) c.ui.requestEdits.push_back(deleteFeatureEdit(*l, s.feature));
  }
  // A record of the shared store: who changed what, when, and its earlier versions.
  if (const std::string* uid = c.ui.share.open ? l->value(f, "uid") : nullptr; uid && !uid->empty()) {
    if (isEditable(*l)) ImGui::SameLine();
    if (ImGui::SmallButton(tr(lang, "share.history"))) c.ui.share.requestHistory = {l->id, *uid};
    c.ui.markWidget("inspector-history");
  }
  if (ImGui::BeginTable("attrs", 2,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_Resizable)) {
    ImGui::TableSetupColumn(tr(lang, "inspector.field"), ImGuiTableColumnFlags_WidthFixed, 130);
    ImGui::TableSetupColumn(tr(lang, "inspector.value"));
    ImGui::TableHeadersRow();
    const bool editing = c.ui.inspectorEditing && isEditable(*l);
    for (size_t i = 0; i < l->fields.size() && i < f.values.size(); ++i) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(fieldName(l->fields[i].name, lang).c_str());
      ImGui::TableNextColumn();
      const std::string& v = f.values[i];
      if (editing) {
        // The value is committed as one undoable edit when the field is left (or Enter is pressed).
        ImGui::PushID(static_cast<int>(i));
        ImGui::SetNextItemWidth(-1);
        std::string& buf = editBuffer(c.project.selection, i, v);
        ImGui::InputText("##v", &buf);
        if (ImGui::IsItemDeactivatedAfterEdit() && buf != v)
          c.ui.requestEdits.push_back(setValueEdit(*l, s.feature, static_cast<int>(i), buf));
        c.ui.markWidget("inspector-value:" + l->fields[i].name);
        ImGui::PopID();
        continue;
      }
      ImGui::PushTextWrapPos(0);
      if (l->fields[i].type == Field::Type::Boolean)
        ImGui::TextUnformatted(isTruthy(v) ? "true" : "false");
      else
        ImGui::TextUnformatted(dataValueName(v, lang).c_str());
      ImGui::PopTextWrapPos();
    }
    ImGui::EndTable();
  }
}

}  // namespace safetymap::ui
