#pragma once
// The white halo that keeps map labels legible on any fill: one quad per glyph, cut from glyphs dilated once into
// an image of their own. It was the text drawn eight times around itself; on a software renderer those overlapping
// quads were a third of a frame (14 ms of 37 with 100,000 labelled polygons).
#include <imgui.h>

#include <cstdint>
#include <string_view>
#include <unordered_map>
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
  bool changed = false;  // pixels added since the last upload

 private:
  std::unordered_map<std::uint64_t, Glyph> glyphs_;
  std::vector<std::uint8_t> pixels_ = std::vector<std::uint8_t>(std::size_t{kWidth} * kHeight, 0);
  int x_ = 0, y_ = 0, row_ = 0;  // the next free place and the height of the row being filled
};

// Adds labels' halos to a draw list: every halo first, then (the caller) every text, so that no halo covers
// another label's letters.
class LabelHalos {
 public:
  // Once a frame, before add(): `fontsBuilt` counts the font atlas's builds (a rebuild moves every glyph).
  void begin(int fontsBuilt);
  // The halo of `text` as ImGui lays it out (ImFont::RenderText) at `size` px from `pos`, spread `offsetPx` screen
  // pixels. The draw list's texture must be texture() meanwhile.
  void add(ImDrawList* dl, const ImFont& font, float size, ImVec2 pos, ImU32 col, std::string_view text,
           float offsetPx);
  // After the halos are added: the image on the GPU (needs the GL context). Before: the texture to push.
  void upload();
  ImTextureID texture();
  const HaloAtlas& atlas() const { return atlas_; }

 private:
  HaloAtlas atlas_;
  render::Texture texture_;
  int fontsBuilt_ = -1;
  bool full_ = false;  // a glyph did not fit this frame: the image starts over with what the next frame needs
};

}  // namespace safetymap::ui
