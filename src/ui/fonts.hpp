#pragma once
// Japanese-capable fonts for ImGui (Noto Sans CJK from Debian's fonts-noto-cjk). The atlas holds the
// common Japanese set plus every character met in the loaded data; new characters rebuild it
// between frames, so a rare kanji in a place name never shows as '?'.
#include <imgui.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace safetymap::ui {

class Fonts {
 public:
  // A failure when no CJK font is found; ImGui's default font is used then. `remembered`: a file of the characters
  // the data needed beyond the common set last time, read now and written after each rebuild (empty: none).
  Status init(const std::string& remembered = {});
  void require(std::string_view utf8);  // note characters that must be in the atlas
  bool rebuildIfNeeded();               // call outside a frame; true when rebuilt
  ImFont* ui() const { return ui_; }
  ImFont* label() const { return label_; }
  const std::string& path() const { return path_; }
  int builds() const { return builds_; }  // the atlas's builds so far: each moves every glyph

  static constexpr float kUiSize = 17.0f;
  static constexpr float kLabelSize = 22.0f;

 private:
  void build();
  void remember() const;
  void cover(const ImVector<ImWchar>& ranges);
  std::string path_, remembered_;
  std::vector<bool> covered_ = std::vector<bool>(0x10000);  // in the atlas now
  std::set<ImWchar> extra_;
  bool dirty_ = false;
  int builds_ = 0;
  ImVector<ImWchar> ranges_;
  ImFont* ui_ = nullptr;
  ImFont* label_ = nullptr;
};

std::string findCjkFont();

}  // namespace safetymap::ui
