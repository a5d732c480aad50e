#include "ui/files/file_dialog.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

namespace fs = std::filesystem;

namespace safetymap::ui {

void FileDialog::open(const std::string& directory, Purpose purpose, const std::string& fileName) {
  std::error_code ec;
  dir_ = fs::is_directory(directory, ec) ? directory : fs::current_path().string();
  purpose_ = purpose;
  std::snprintf(path_, sizeof path_, "%s/%s", dir_.c_str(), fileName.c_str());
  list();
  open_ = justOpened_ = true;
}

void FileDialog::list() {
  entries_.clear();
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir_, fs::directory_options::skip_permission_denied, ec)) {
    std::string n = e.path().filename().string();
    if (!n.empty() && n[0] == '.') continue;
    entries_.push_back({n, e.is_directory(ec)});
  }
  std::sort(entries_.begin(), entries_.end(),
            [](const Entry& a, const Entry& b) { return a.dir != b.dir ? a.dir : a.name < b.name; });
}

std::optional<std::pair<FileDialog::Purpose, std::string>> FileDialog::draw(Lang lang) {
  if (!open_) return std::nullopt;
  const bool saving = purpose_ == Purpose::SaveProject || purpose_ == Purpose::Export;
  const char* title = purpose_ == Purpose::SaveProject ? tr(lang, "dialog.save")
                      : purpose_ == Purpose::Export    ? tr(lang, "dialog.export")
                      : purpose_ == Purpose::Import    ? tr(lang, "dialog.import")
                                                       : tr(lang, "dialog.open");
  if (justOpened_) ImGui::OpenPopup(title), justOpened_ = false;
  std::optional<std::string> chosen;
  ImGui::SetNextWindowSize(ImVec2(640, 460), ImGuiCond_Appearing);
  if (ImGui::BeginPopupModal(title, &open_)) {
    ImGui::TextDisabled("%s", tr(lang, "dialog.hint"));
    if (ImGui::Button(tr(lang, "dialog.up"))) {
      dir_ = fs::path(dir_).parent_path().string();
      if (dir_.empty()) dir_ = "/";
      std::snprintf(path_, sizeof path_, "%s/", dir_.c_str());
      list();
    }
    ImGui::SameLine();
    ImGui::TextUnformatted(dir_.c_str());
    ImGui::BeginChild("files", ImVec2(0, -ImGui::GetFrameHeightWithSpacing() * 2));
    for (const auto& e : entries_) {
      std::string label = (e.dir ? "[+] " : "    ") + e.name;
      if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_AllowDoubleClick)) {
        fs::path p = fs::path(dir_) / e.name;
        if (e.dir) {
          dir_ = p.string();
          std::snprintf(path_, sizeof path_, "%s/", dir_.c_str());
          list();
          break;
        }
        std::snprintf(path_, sizeof path_, "%s", p.string().c_str());
        if (ImGui::IsMouseDoubleClicked(0)) chosen = p.string();
      }
    }
    ImGui::EndChild();
    ImGui::SetNextItemWidth(-1);
    bool enter = ImGui::InputText("##path", path_, sizeof path_, ImGuiInputTextFlags_EnterReturnsTrue);
    if (ImGui::Button(tr(lang, saving ? "dialog.save_button" : "dialog.open_button")) || enter) {
      std::error_code ec;
      if (fs::is_directory(path_, ec)) {
        dir_ = path_;
        list();
      } else if (std::strlen(path_) > 0) {
        chosen = std::string(path_);
      }
    }
    ImGui::SameLine();
    if (ImGui::Button(tr(lang, "dialog.cancel"))) open_ = false;
    if (chosen) open_ = false;
    if (!open_) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  if (!chosen) return std::nullopt;
  return std::make_pair(purpose_, *chosen);
}

}  // namespace safetymap::ui
