#pragma once
// Japanese-capable fonts for ImGui (Noto Sans CJK from Debian's fonts-noto-cjk). The atlas holds the
// common Japanese set plus every character met in the loaded data; new characters rebuild it
// between frames, so a rare kanji in a place name never shows as '?'.
#include <imgui.h>

#include <set>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace safetymap::ui {

class Fonts {
 public:
  // A failure when no CJK font is found; ImGui's default font is used then.
  Status init();
  void require(std::string_view utf8);  // note characters that must be in the atlas
  bool rebuildIfNeeded();               // call outside a frame; true when rebuilt
  ImFont* ui() const { return ui_; }
  ImFont* label() const { return label_; }
  const std::string& path() const { return path_; }

  static constexpr float kUiSize = 17.0f;
  static constexpr float kLabelSize = 22.0f;

 private:
  void build();
  std::string path_;
  std::set<ImWchar> extra_;
  bool dirty_ = false;
  ImVector<ImWchar> ranges_;
  ImFont* ui_ = nullptr;
  ImFont* label_ = nullptr;
};

std::string findCjkFont();

}  // namespace safetymap::ui
