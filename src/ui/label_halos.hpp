#pragma once
// The white halo that keeps map labels legible on any fill: one quad per glyph, cut from glyphs dilated once into
// an image of their own. It was the text drawn eight times around itself; on a software renderer those overlapping
// quads were a third of a frame (14 ms of 37 with 100,000 labelled polygons).
#include <imgui.h>

#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "render/texture.hpp"

namespace safetymap::ui {

// The dilated glyphs (coverage only), packed in rows. No GL: the pixels are uploaded by LabelHalos.
class HaloAtlas {
 public:
  static constexpr int kWidth = 2048, kHeight = 1024;
  struct Glyph {
    float x0, y0, x1, y1;  // corners in the font's units, as ImFontGlyph's X0…Y1
    int x, y, w, h;        // where it lies in the image
  };
  // The halo of glyph `g` of `font`: what eight copies of it cover, each shifted by `offset` font pixels across,
  // down or diagonally. Made once per glyph and offset; nullptr when the image is full.
  const Glyph* get(const ImFont& font, const ImFontGlyph& g, float offset);
  void clear();
  const std::vector<std::uint8_t>& pixels() const { return pixels_; }
  std::uint8_t at(int x, int y) const {
    return pixels_[static_cast<std::size_t>(y) * kWidth + static_cast<std::size_t>(x)];
  }
  // The rows changed since the last upload ([first, end); first >= end when none).
  std::pair<int, int> changedRows() const { return {changedFrom_, changedTo_}; }
  void uploaded() { changedFrom_ = kHeight, changedTo_ = 0; }

 private:
  std::unordered_map<std::uint64_t, Glyph> glyphs_;
  std::vector<std::uint8_t> pixels_ = std::vector<std::uint8_t>(std::size_t{kWidth} * kHeight, 0);
  int x_ = 0, y_ = 0, row_ = 0;  // the next free place and the height of the row being filled
  int changedFrom_ = 0, changedTo_ = kHeight;
};

// Adds labels' halos to a draw list: every halo first, then (the caller) every text, so that no halo covers
// another label's letters.
class LabelHalos {
 public:
  // Once a frame, before add(): `fontsBuilt` counts the font atlas's builds (a rebuild moves every glyph).
  void begin(int fontsBuilt);
  // The halo of `text` (up to its first NUL) as ImGui lays it out (ImFont::RenderText) at `size` px from `pos`, spread
  // `offsetPx` screen pixels. The draw list's texture must be texture() meanwhile.
  void add(ImDrawList* dl, const ImFont& font, float size, ImVec2 pos, ImU32 col, const char* text, float offsetPx);
  // After the halos are added: the new rows on the GPU (needs the GL context). Before: the texture to push.
  void upload();
  ImTextureID texture();
  void release() { texture_.release(); }  // while the GL context is still there
  const HaloAtlas& atlas() const { return atlas_; }

 private:
  static constexpr int kRestartFrames = 120;
  HaloAtlas atlas_;
  render::Texture texture_;
  int fontsBuilt_ = -1;
  bool full_ = false;  // a glyph did not fit this frame: the image starts over with what is in view
  int framesSinceClear_ =
      0;  // one start-over in kRestartFrames at most: a view that needs more never rebuilds each frame
};

}  // namespace safetymap::ui
