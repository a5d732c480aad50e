#include "ui/fonts.hpp"

#include <backends/imgui_impl_opengl3.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/text.hpp"
#include "io/commit_file.hpp"

namespace safetymap::ui {

std::string findCjkFont() {
  for (const char* p : {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                        "/usr/share/fonts/opentype/noto/NotoSansCJKjp-Regular.otf",
                        "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc"})
    if (std::filesystem::exists(p)) return p;
  return {};
}

namespace {
// The common set: ImGui's Japanese ranges and, beyond them, punctuation (— ※ ‥), Roman numerals (Ⅵ), arrows and
// shapes (▲ ★).
void addCommon(ImFontGlyphRangesBuilder& b) {
  b.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesJapanese());
  static const ImWchar more[] = {0x2000, 0x206F, 0x2150, 0x218F, 0x2190, 0x21FF, 0x2460, 0x24FF, 0x25A0,
                                 0x25FF, 0x2600, 0x26FF, 0x3000, 0x30FF, 0xFF00, 0xFFEF, 0};
  b.AddRanges(more);
}
}  // namespace

Status Fonts::init(const std::string& remembered) {
  path_ = findCjkFont();
  remembered_ = remembered;
  if (path_.empty())
    return Status::failure("Noto Sans CJK not found (install fonts-noto-cjk); Japanese text cannot be shown");
  ImFontGlyphRangesBuilder common;  // only what lies beyond it is noted
  addCommon(common);
  ImVector<ImWchar> ranges;
  common.BuildRanges(&ranges);
  cover(ranges);
  for (int i = 0; i < catalogueSize(); ++i) {
    require(tr(Lang::Ja, catalogueKey(i)));
    require(tr(Lang::En, catalogueKey(i)));
  }
  // The characters the data needed last time: the atlas is built once at start, not again when the data comes.
  if (!remembered_.empty()) {
    std::ifstream in(remembered_, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    require(text.str());
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
    if (c >= 0x80 && c <= 0xFFFF && !covered_[c] && !extra_.count(static_cast<ImWchar>(c))) {
      extra_.insert(static_cast<ImWchar>(c));
      dirty_ = true;
    }
  }
}

void Fonts::cover(const ImVector<ImWchar>& ranges) {
  for (int i = 0; i + 1 < ranges.Size && ranges[i] != 0; i += 2)
    for (unsigned c = ranges[i]; c <= ranges[i + 1]; ++c) covered_[c] = true;
}

void Fonts::build() {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontGlyphRangesBuilder b;
  addCommon(b);
  for (ImWchar c : extra_) b.AddChar(c);
  ranges_.clear();
  b.BuildRanges(&ranges_);
  cover(ranges_);
  ImFontConfig cfg;
  cfg.OversampleH = 1;  // CJK glyphs are dense; keep the atlas small
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  ui_ = io.Fonts->AddFontFromFileTTF(path_.c_str(), kUiSize, &cfg, ranges_.Data);
  label_ = io.Fonts->AddFontFromFileTTF(path_.c_str(), kLabelSize, &cfg, ranges_.Data);
  io.Fonts->Build();
  ++builds_;
}

bool Fonts::rebuildIfNeeded() {
  if (!dirty_ || path_.empty()) return false;
  dirty_ = false;
  build();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  remember();
  return true;
}

// The characters beyond the common set, for the next start (a cache: lost or stale, it costs one more build).
void Fonts::remember() const {
  if (remembered_.empty()) return;
  std::string text;
  for (ImWchar c : extra_) {
    char utf8[5] = {};
    ImTextCharToUtf8(utf8, c);
    text += utf8;
  }
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(remembered_).parent_path(), ec);
  (void)io::writeFileAtomically(remembered_, text);
}

}  // namespace safetymap::ui
