// The menu bar and the keyboard shortcuts, from one table: each command is declared once with its menu, its label,
// its shortcut and what it asks for, and both the menu and the keys run it from there.
#include <GLFW/glfw3.h>

#include <functional>
#include <vector>

#include "ui/panels.hpp"

namespace safetymap::ui {

namespace {

struct Command {
  const char* menu = "";   // catalogue key of the menu it is in ("" = a shortcut only)
  const char* label = "";  // catalogue key of its name
  const char* keys = "";   // the shortcut as shown ("" = none)
  int key = 0, mods = 0;                         // GLFW key and modifiers of the shortcut
  std::function<void(PanelContext&)> run = {};        // what it asks for
  std::function<bool(const PanelContext&)> can = {};  // enabled (null = always)
  bool separatorBefore = false;
  bool textKeys = false;  // in a text field the key belongs to the field (Ctrl+Z)
};

void briefing(PanelContext& c) {  // the briefing needs a plan: the drill tab computes it first
  c.ui.focusDrillTab = c.ui.showRight = true;
  if (c.ui.drill.ready)
    c.ui.drill.requestBriefing = true;
  else
    c.ui.drill.requestCompute = true;
}

const std::vector<Command>& commands() {
  constexpr int ctrl = GLFW_MOD_CONTROL, shift = GLFW_MOD_SHIFT;
  static const std::vector<Command> all = {
      {"menu.file", "menu.open", "Ctrl+O", GLFW_KEY_O, ctrl, [](auto& c) { c.ui.requestOpenDialog = true; }},
      {"menu.file", "menu.import", "Ctrl+I", GLFW_KEY_I, ctrl, [](auto& c) { c.ui.requestImportDialog = true; }},
      {"menu.file", "menu.connect", "", 0, 0, [](auto& c) { c.ui.share.connectDialog = true; }},
      {"menu.file", "menu.save", "Ctrl+S", GLFW_KEY_S, ctrl, [](auto& c) { c.ui.requestSave = true; }},
      {"menu.file", "menu.save_as", "Ctrl+Shift+S", GLFW_KEY_S, ctrl | shift,
       [](auto& c) { c.ui.requestSaveAs = true; }},
      {"menu.file", "menu.print", "Ctrl+P", GLFW_KEY_P, ctrl, [](auto& c) { c.ui.requestPrintDialog = true; }, {},
       true},
      {"menu.file", "menu.briefing", "", 0, 0, briefing},
      {"menu.file", "menu.quit", "Ctrl+Q", GLFW_KEY_Q, ctrl, [](auto& c) { c.ui.requestQuit = true; }, {}, true},
      {"menu.edit", "edit.undo", "Ctrl+Z", GLFW_KEY_Z, ctrl, [](auto& c) { c.ui.requestUndo = true; },
       [](const auto& c) { return c.ui.undoCount > 0; }, false, true},
      {"menu.edit", "edit.redo", "Ctrl+Y", GLFW_KEY_Y, ctrl, [](auto& c) { c.ui.requestRedo = true; },
       [](const auto& c) { return c.ui.redoCount > 0; }, false, true},
      {"", "edit.redo", "", GLFW_KEY_Z, ctrl | shift, [](auto& c) { c.ui.requestRedo = true; }, {}, false, true},
      {"menu.view", "menu.fit", "Home", 0, 0, [](auto& c) { c.ui.requestFit = true; }},  // the map view owns Home
  };
  return all;
}

// The File menu's lists: a layer to export, a recent file to open.
void fileLists(PanelContext& c) {
  Lang lang = c.project.lang;
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
}

// The Edit menu's tools and the View menu's panels: choices that show their state.
void editTools(PanelContext& c) {
  using Tool = UiState::Tool;
  Lang lang = c.project.lang;
  ImGui::Separator();
  for (auto [tool, key] : {std::pair{Tool::Select, "edit.select"}, {Tool::Add, "edit.add"}, {Tool::Move, "edit.move"}})
    if (ImGui::MenuItem(tr(lang, key), nullptr, c.ui.tool == tool)) c.ui.tool = tool;
}

void viewPanels(PanelContext& c) {
  Lang lang = c.project.lang;
  ImGui::Separator();
  ImGui::MenuItem(tr(lang, "panel.layers"), nullptr, &c.ui.showLayers);
  ImGui::MenuItem(tr(lang, "panel.districts"), nullptr, &c.ui.showRight);
  ImGui::MenuItem(tr(lang, "panel.errors"), nullptr, &c.ui.showErrors);
}

void menu(PanelContext& c, const char* name, void (*extra)(PanelContext&), bool extraAfterFirst = false) {
  Lang lang = c.project.lang;
  if (!ImGui::BeginMenu(tr(lang, name))) return;
  int shown = 0;
  for (const auto& cmd : commands()) {
    if (std::string_view(cmd.menu) != name) continue;
    if (cmd.separatorBefore) ImGui::Separator();
    if (ImGui::MenuItem(tr(lang, cmd.label), cmd.keys[0] ? cmd.keys : nullptr, false, !cmd.can || cmd.can(c)))
      cmd.run(c);
    if (++shown == 4 && extraAfterFirst && extra) extra(c);  // File: the lists after Save As
  }
  if (extra && !extraAfterFirst) extra(c);
  ImGui::EndMenu();
}

}  // namespace

void drawMainMenu(PanelContext& c) {
  Lang lang = c.project.lang;
  if (ImGui::BeginMainMenuBar()) {
    menu(c, "menu.file", fileLists, true);
    menu(c, "menu.edit", editTools);
    menu(c, "menu.view", viewPanels);
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
  }
  const bool typing = ImGui::GetIO().WantTextInput;
  for (const auto& cmd : commands())
    if (cmd.key && c.ui.keyPressed(cmd.key, cmd.mods) && !(cmd.textKeys && typing)) cmd.run(c);
}

}  // namespace safetymap::ui
