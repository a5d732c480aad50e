#include "ui/fonts.hpp"

#include <backends/imgui_impl_opengl3.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <filesystem>

#include "core/text.hpp"

namespace safetymap::ui {

std::string findCjkFont() {
  for (const char* p : {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                        "/usr/share/fonts/opentype/noto/NotoSansCJKjp-Regular.otf",
                        "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc"})
    if (std::filesystem::exists(p)) return p;
  return {};
}

Status Fonts::init() {
  path_ = findCjkFont();
  if (path_.empty())
    return Status::failure("Noto Sans CJK not found (install fonts-noto-cjk); Japanese text cannot be shown");
  for (int i = 0; i < catalogueSize(); ++i) {
    require(tr(Lang::Ja, catalogueKey(i)));
    require(tr(Lang::En, catalogueKey(i)));
  }
  build();
  dirty_ = false;
  return {};
}

void Fonts::require(std::string_view s) {
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) {
    unsigned int c = 0;
    int n = ImTextCharFromUtf8(&c, p, end);
    if (n <= 0) break;
    p += n;
    if (c >= 0x80 && c <= 0xFFFF && !extra_.count(static_cast<ImWchar>(c))) {
      extra_.insert(static_cast<ImWchar>(c));
      dirty_ = true;
    }
  }
}

void Fonts::build() {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontGlyphRangesBuilder b;
  b.AddRanges(io.Fonts->GetGlyphRangesJapanese());
  // Beyond GetGlyphRangesJapanese: punctuation (— ※ ‥), Roman numerals (Ⅵ), arrows, shapes (▲ ★).
  static const ImWchar more[] = {0x2000, 0x206F, 0x2150, 0x218F, 0x2190, 0x21FF, 0x2460, 0x24FF, 0x25A0,
                                 0x25FF, 0x2600, 0x26FF, 0x3000, 0x30FF, 0xFF00, 0xFFEF, 0};
  b.AddRanges(more);
  for (ImWchar c : extra_) b.AddChar(c);
  ranges_.clear();
  b.BuildRanges(&ranges_);
  ImFontConfig cfg;
  cfg.OversampleH = 1;  // CJK glyphs are dense; keep the atlas small
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  ui_ = io.Fonts->AddFontFromFileTTF(path_.c_str(), kUiSize, &cfg, ranges_.Data);
  label_ = io.Fonts->AddFontFromFileTTF(path_.c_str(), kLabelSize, &cfg, ranges_.Data);
  io.Fonts->Build();
}

bool Fonts::rebuildIfNeeded() {
  if (!dirty_ || path_.empty()) return false;
  dirty_ = false;
  build();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  return true;
}

}  // namespace safetymap::ui
