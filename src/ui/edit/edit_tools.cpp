// Editing on the map: the tool bar (select / add / move, the layer new points go to, undo / redo),
// the defaults a new feature gets.
#include <fmt/format.h>

#include <ctime>

#include "ui/panels.hpp"

namespace safetymap::ui {

bool isEditable(const Layer& l) {
  return !isContextRole(l.role) && (l.geometryType() == GeometryType::Point || l.geometryType() == GeometryType::None);
}

Feature newFeatureAt(const Project& p, const Layer& l, Vec2 at, int category) {
  Feature f;
  f.geometry.type = GeometryType::Point;
  f.geometry.points = {at};
  f.values.assign(l.fields.size(), "");
  auto set = [&](const char* field, const std::string& v) {
    if (int i = l.fieldIndex(field); i >= 0) f.values.set(static_cast<size_t>(i), v);
  };
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char date[16];
  std::strftime(date, sizeof date, "%Y%m%d", &tm);
  // The 町丁目 under the point, for records that follow the police format.
  std::string town;
  if (const Layer* chome = p.layerByRole(LayerRole::Chome))
    for (const auto& cf : chome->features)
      if (contains(cf.geometry, at))
        if (const std::string* t = chome->value(cf, "town")) town = *t;
  if (l.role == LayerRole::Crimes) {
    set("罪名", "窃盗");
    if (!l.style.categories.empty())
      set("手口",
          l.style.categories[static_cast<size_t>(std::clamp(category, 0, int(l.style.categories.size()) - 1))].value);
    set("発生年月日（始期）", date);
    set("都道府県（発生地）", "大阪府");
    set("市区町村（発生地）", "大阪市港区");
    set("市区町村コード（発生地）", "271071");
    set("町丁目（発生地）", town);
  }
  if (l.role == LayerRole::SafetyCentres) set("name", "地域安全センター");
  set("approximate", "0");
  set("synthetic", "0");
  set("placement", "地図上で入力 / placed on the map");
  set("source", fmt::format("入力 {}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday));
  return f;
}

void drawEditToolbar(PanelContext& c) {
  Lang lang = c.project.lang;
  const Rect& m = c.ui.map;
  ImGui::SetNextWindowPos(ImVec2(m.x + m.w / 2, m.y + 6), ImGuiCond_Always, ImVec2(0.5f, 0));
  ImGui::SetNextWindowBgAlpha(0.9f);
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                           ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                           ImGuiWindowFlags_NoNav;
  if (!ImGui::Begin("##edit-toolbar", nullptr, flags)) {
    ImGui::End();
    return;
  }
  using Tool = UiState::Tool;
  auto toolButton = [&](Tool t, const char* key, const char* widget) {
    bool on = c.ui.tool == t;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_ButtonActive]);
    if (ImGui::Button(tr(lang, key))) c.ui.tool = t;
    if (on) ImGui::PopStyleColor();
    c.ui.markWidget(widget);
    ImGui::SameLine();
  };
  toolButton(Tool::Select, "edit.select", "tool:select");
  toolButton(Tool::Add, "edit.add", "tool:add");
  toolButton(Tool::Move, "edit.move", "tool:move");
  // Where new points go: the editable point layers.
  const Layer* target = c.project.layer(c.ui.addLayerId);
  if (!target || !isEditable(*target)) {
    target = nullptr;
    for (const auto& l : c.project.layers())
      if (isEditable(*l) && l->role == LayerRole::Crimes) target = l.get();
    if (target) c.ui.addLayerId = target->id;
  }
  ImGui::SetNextItemWidth(190);
  if (ImGui::BeginCombo("##add-layer", target ? c.project.displayName(*target).c_str() : "")) {
    for (const auto& l : c.project.layers())
      if (isEditable(*l) && ImGui::Selectable(c.project.displayName(*l).c_str(), l->id == c.ui.addLayerId))
        c.ui.addLayerId = l->id;
    ImGui::EndCombo();
  }
  c.ui.markWidget("tool:layer");
  if (target && !target->style.categories.empty()) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(130);
    int& cat = c.ui.addCategory;
    cat = std::clamp(cat, 0, static_cast<int>(target->style.categories.size()) - 1);
    if (ImGui::BeginCombo("##add-category",
                          dataValueName(target->style.categories[static_cast<size_t>(cat)].value, lang).c_str())) {
      for (size_t i = 0; i < target->style.categories.size(); ++i)
        if (ImGui::Selectable(dataValueName(target->style.categories[i].value, lang).c_str(),
                              static_cast<int>(i) == cat))
          cat = static_cast<int>(i);
      ImGui::EndCombo();
    }
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(c.ui.undoCount == 0);
  if (ImGui::Button(tr(lang, "edit.undo"))) c.ui.requestUndo = true;
  c.ui.markWidget("tool:undo");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(c.ui.redoCount == 0);
  if (ImGui::Button(tr(lang, "edit.redo"))) c.ui.requestRedo = true;
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button(tr(lang, "menu.save"))) c.ui.requestSave = true;
  c.ui.markWidget("tool:save");
  if (c.ui.dirty) {
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(0.75f, 0.3f, 0, 1), "● %s", tr(lang, "edit.unsaved"));
  }
  if (c.ui.tool == Tool::Add) ImGui::TextDisabled("%s", tr(lang, "edit.add_hint"));
  if (c.ui.tool == Tool::Move) ImGui::TextDisabled("%s", tr(lang, "edit.move_hint"));
  ImGui::End();
}

}  // namespace safetymap::ui
