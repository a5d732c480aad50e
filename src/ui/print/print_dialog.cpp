// File › Print district…: the choices for the printout and a preview of its first page, drawn by
// the same code as the PDF. The print room renders the preview and writes the PDF as jobs.
#include <fmt/format.h>

#include "ui/panels.hpp"

namespace safetymap::ui {

void drawPrintDialog(PanelContext& c) {
  auto& d = c.ui.print;
  if (!d.open) return;
  Lang lang = c.project.lang;
  ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowSize(ImVec2(980, 760), ImGuiCond_Appearing);
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x / 2, io.DisplaySize.y / 2), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (d.justOpened) ImGui::SetNextWindowFocus();
  d.justOpened = false;
  if (!ImGui::Begin(tr(lang, "printdlg.title"), &d.open,
                    ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return;
  }
  c.ui.markWidget("print:window");
  ImGui::BeginChild("##print-options", ImVec2(330, 0), false);
  bool changed = false;
  ImGui::TextUnformatted(tr(lang, "printdlg.district"));
  const auto& ds = c.project.districts();
  std::string current = ds.empty() ? ""
                                   : (lang == Lang::En ? ds[static_cast<size_t>(d.district)].nameEn
                                                       : ds[static_cast<size_t>(d.district)].nameJa);
  ImGui::BeginDisabled(d.all);
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##district", current.c_str())) {
    for (size_t i = 0; i < ds.size(); ++i)
      if (ImGui::Selectable((lang == Lang::En ? ds[i].nameEn : ds[i].nameJa).c_str(),
                            static_cast<int>(i) == d.district))
        d.district = static_cast<int>(i), changed = true;
    ImGui::EndCombo();
  }
  ImGui::EndDisabled();
  changed |= ImGui::Checkbox(tr(lang, "printdlg.all"), &d.all);
  c.ui.markWidget("print:all");
  ImGui::Spacing();
  ImGui::TextUnformatted(tr(lang, "printdlg.paper"));
  changed |= ImGui::RadioButton("A4", &d.paper, 0);
  ImGui::SameLine();
  changed |= ImGui::RadioButton("A3", &d.paper, 1);
  ImGui::SameLine();
  changed |= ImGui::Checkbox(tr(lang, "printdlg.landscape"), &d.landscape);
  ImGui::Spacing();
  ImGui::TextUnformatted(tr(lang, "printdlg.from"));
  ImGui::SetNextItemWidth(-1);
  changed |= ImGui::InputText("##from", d.from, sizeof d.from);
  ImGui::TextUnformatted(tr(lang, "printdlg.to"));
  ImGui::SetNextItemWidth(-1);
  changed |= ImGui::InputText("##to", d.to, sizeof d.to);
  ImGui::Spacing();
  ImGui::TextUnformatted(tr(lang, "printdlg.lang"));
  changed |= ImGui::RadioButton("日本語", &d.lang, 0);
  ImGui::SameLine();
  changed |= ImGui::RadioButton("English", &d.lang, 1);
  ImGui::Spacing();
  ImGui::TextUnformatted(tr(lang, "printdlg.out"));
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##out", d.out, sizeof d.out);
  ImGui::Spacing();
  // Only a print under way holds the button: a click while the preview renders prints once the preview is done.
  ImGui::BeginDisabled(c.jobs.running("print") || d.requestPrint);
  if (ImGui::Button(tr(lang, "printdlg.print"), ImVec2(-1, 0))) d.requestPrint = true;
  c.ui.markWidget("print:save");
  ImGui::EndDisabled();
  if (ImGui::Button(tr(lang, "printdlg.close"), ImVec2(-1, 0))) d.open = false;
  ImGui::Spacing();
  if (d.busy) {
    ImGui::ProgressBar(d.progress, ImVec2(-1, 0), d.status.c_str());
    if (c.jobs.running("print")) {  // an atlas takes a while: it can be stopped, and nothing is written
      if (ImGui::Button(tr(lang, "job.cancel"), ImVec2(-1, 0))) c.jobs.cancel("print");
      c.ui.markWidget("print:cancel");
    }
  } else if (!d.error.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImVec4(0.75f, 0.2f, 0.0f, 1), "%s", d.error.c_str());
    ImGui::PopTextWrapPos();
  } else if (!d.status.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImVec4(0.0f, 0.45f, 0.3f, 1), "%s", d.status.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::EndChild();
  if (changed) d.dirty = true;

  ImGui::SameLine();
  ImGui::BeginChild("##print-preview", ImVec2(0, 0), true);
  ImGui::TextUnformatted(tr(lang, "printdlg.preview"));
  if (d.pages > 0) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", fmt::format(fmt::runtime(tr(lang, "printdlg.pages")), d.pages).c_str());
  }
  if (d.preview && d.previewW > 0) {
    ImVec2 avail = ImGui::GetContentRegionAvail();
    float s = std::min(avail.x / d.previewW, avail.y / d.previewH);
    ImGui::Image(d.preview, ImVec2(d.previewW * s, d.previewH * s));
    c.ui.markWidget("print:preview");
  } else {
    ImGui::TextDisabled("%s", tr(lang, "printdlg.rendering"));
  }
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace safetymap::ui
