// The questions opening and closing ask: "save changes?" before quitting or opening another project, and
// "read these files outside the project?" when a received project names some.
#include "ui/panels.hpp"

namespace safetymap::ui {

void drawQuitConfirm(PanelContext& c) {
  Lang lang = c.project.lang;
  const char* title = tr(lang, "quit.title");
  if (c.ui.confirmQuit && !ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
  ImVec2 d = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(d.x * 0.5f, d.y * 0.5f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    c.ui.markWidget("quit:dialog");
    ImGui::TextUnformatted(tr(lang, "quit.text"));
    ImGui::Spacing();
    if (ImGui::Button(tr(lang, "quit.save")))
      c.ui.requestSave = true, c.ui.confirmQuit = false, c.ui.quitAfterSave = true;
    c.ui.markWidget("quit:save");
    ImGui::SameLine();
    if (ImGui::Button(tr(lang, "quit.discard")))
      c.ui.requestQuit = true, c.ui.quitConfirmed = true, c.ui.confirmQuit = false;
    c.ui.markWidget("quit:discard");
    ImGui::SameLine();
    if (ImGui::Button(tr(lang, "dialog.cancel"))) c.ui.confirmQuit = false;
    c.ui.markWidget("quit:cancel");
    if (!c.ui.confirmQuit) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

void drawReferencesConfirm(PanelContext& c) {
  Lang lang = c.project.lang;
  const char* title = tr(lang, "refs.title");
  if (c.ui.referencesProject.empty()) return;
  if (!ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
  ImVec2 d = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(d.x * 0.5f, d.y * 0.5f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    c.ui.markWidget("refs:dialog");
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
    ImGui::TextUnformatted(tr(lang, "refs.text"));
    ImGui::PopTextWrapPos();
    for (const auto& f : c.ui.outsideReferences) ImGui::BulletText("%s", f.c_str());
    ImGui::Spacing();
    bool close = false;
    if (ImGui::Button(tr(lang, "refs.skip"))) close = true;
    c.ui.markWidget("refs:skip");
    ImGui::SameLine();
    if (ImGui::Button(tr(lang, "refs.read"))) c.ui.requestReadReferences = true, close = true;
    c.ui.markWidget("refs:read");
    if (close) {
      if (!c.ui.requestReadReferences) c.ui.referencesProject.clear(), c.ui.outsideReferences.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

}  // namespace safetymap::ui
