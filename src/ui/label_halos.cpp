#include "ui/label_halos.hpp"

#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <algorithm>
#include <cmath>
#include <cstring>

namespace safetymap::ui {

namespace {
// The coverage of the atlas's texel (x, y), whichever form of the pixels ImGui kept.
float coverage(const ImFontAtlas& a, int x, int y) {
  const std::size_t i =
      static_cast<std::size_t>(y) * static_cast<std::size_t>(a.TexWidth) + static_cast<std::size_t>(x);
  if (a.TexPixelsAlpha8) return a.TexPixelsAlpha8[i] / 255.0f;
  if (a.TexPixelsRGBA32) return static_cast<float>(a.TexPixelsRGBA32[i] >> 24) / 255.0f;
  return 0;
}
}  // namespace

const HaloAtlas::Glyph* HaloAtlas::get(const ImFont& font, const ImFontGlyph& g, float offset) {
  const ImFontAtlas& a = *font.ContainerAtlas;
  const int quarters = std::max(1, static_cast<int>(std::lround(offset * 4)));  // offsets a quarter pixel apart
  const std::uint64_t key = (std::uint64_t{g.Codepoint} << 16) | static_cast<std::uint64_t>(quarters);
  if (auto it = glyphs_.find(key); it != glyphs_.end()) return &it->second;
  // The glyph's texels in the font atlas, and texels per font unit (1 unless the atlas is oversampled).
  const int sx = static_cast<int>(std::lround(g.U0 * a.TexWidth)),
            sy = static_cast<int>(std::lround(g.V0 * a.TexHeight));
  const int sw = static_cast<int>(std::lround((g.U1 - g.U0) * a.TexWidth));
  const int sh = static_cast<int>(std::lround((g.V1 - g.V0) * a.TexHeight));
  if (sw <= 0 || sh <= 0) return nullptr;
  const float perUnitX = sw / std::max(1e-3f, g.X1 - g.X0), perUnitY = sh / std::max(1e-3f, g.Y1 - g.Y0);
  const float ox = quarters / 4.0f * perUnitX, oy = quarters / 4.0f * perUnitY;
  const int rx = static_cast<int>(std::ceil(ox)) + 1, ry = static_cast<int>(std::ceil(oy)) + 1;
  const int w = sw + 2 * rx, h = sh + 2 * ry;
  if (w + 1 > kWidth) return nullptr;
  if (x_ + w + 1 > kWidth) x_ = 0, y_ += row_ + 1, row_ = 0;  // one texel apart: bilinear filtering never mixes two
  if (y_ + h + 1 > kHeight) return nullptr;
  auto texel = [&](int x, int y) { return x < 0 || y < 0 || x >= sw || y >= sh ? 0.0f : coverage(a, sx + x, sy + y); };
  auto sample = [&](float u, float v) {  // bilinear, u and v in texels of the glyph (a texel's centre at k + 0.5)
    const float fx = u - 0.5f, fy = v - 0.5f;
    const int x0 = static_cast<int>(std::floor(fx)), y0 = static_cast<int>(std::floor(fy));
    const float tx = fx - x0, ty = fy - y0;
    const float top = texel(x0, y0) * (1 - tx) + texel(x0 + 1, y0) * tx;
    const float bottom = texel(x0, y0 + 1) * (1 - tx) + texel(x0 + 1, y0 + 1) * tx;
    return top * (1 - ty) + bottom * ty;
  };
  for (int j = 0; j < h; ++j)
    for (int i = 0; i < w; ++i) {
      // The text drawn shifted by d covers this texel with the glyph's coverage at (this − d); eight such copies
      // blended one over another (the halo as it was drawn before) leave it uncovered by 1 − coverage each.
      float clear = 1;
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx)
          if (dx || dy) clear *= 1 - std::min(1.0f, sample(i + 0.5f - rx - dx * ox, j + 0.5f - ry - dy * oy));
      pixels_[static_cast<std::size_t>(y_ + j) * kWidth + static_cast<std::size_t>(x_ + i)] =
          static_cast<std::uint8_t>(std::lround((1 - clear) * 255));
    }
  const Glyph out{g.X0 - rx / perUnitX, g.Y0 - ry / perUnitY, g.X1 + rx / perUnitX, g.Y1 + ry / perUnitY, x_, y_, w, h};
  x_ += w + 1;
  row_ = std::max(row_, h);
  changedFrom_ = std::min(changedFrom_, y_), changedTo_ = std::max(changedTo_, y_ + h);
  return &glyphs_.emplace(key, out).first->second;
}

void HaloAtlas::clear() {
  glyphs_.clear();
  std::fill(pixels_.begin(), pixels_.end(), 0);
  x_ = y_ = row_ = 0;
  changedFrom_ = 0, changedTo_ = kHeight;
}

void LabelHalos::begin(int fontsBuilt) {
  ++framesSinceClear_;
  if (fontsBuilt != fontsBuilt_ || (full_ && framesSinceClear_ > kRestartFrames)) {
    atlas_.clear();
    framesSinceClear_ = 0;
  }
  fontsBuilt_ = fontsBuilt;
  full_ = false;
}

void LabelHalos::add(ImDrawList* dl, const ImFont& font, float size, ImVec2 pos, ImU32 col, const char* text,
                     float offsetPx) {
  // As ImFont::RenderText places the glyphs: from the pixel the position falls in, advancing glyph by glyph; a line
  // break starts the next line; other control characters are glyphs too (a tab, else the fallback).
  const float scale = size / font.FontSize;
  const float x0 = std::floor(pos.x);
  float x = x0, y = std::floor(pos.y);
  const char* s = text;
  const char* end = text + std::strlen(text);
  while (s < end) {
    unsigned int c = static_cast<unsigned char>(*s);
    if (c < 0x80) {
      ++s;
    } else {
      s += ImTextCharFromUtf8(&c, s, end);
      if (c == 0) break;
    }
    if (c == '\n') {
      x = x0, y += font.FontSize * scale;
      continue;
    }
    if (c == '\r') continue;
    const ImFontGlyph* g = font.FindGlyph(static_cast<ImWchar>(c));
    if (!g) continue;
    if (g->Visible) {
      if (const HaloAtlas::Glyph* h = atlas_.get(font, *g, offsetPx / scale)) {
        constexpr float iw = 1.0f / HaloAtlas::kWidth, ih = 1.0f / HaloAtlas::kHeight;
        dl->PrimReserve(6, 4);
        dl->PrimRectUV(ImVec2(x + h->x0 * scale, y + h->y0 * scale), ImVec2(x + h->x1 * scale, y + h->y1 * scale),
                       ImVec2(h->x * iw, h->y * ih), ImVec2((h->x + h->w) * iw, (h->y + h->h) * ih), col);
      } else {
        full_ = true;
      }
    }
    x += g->AdvanceX * scale;
  }
}

ImTextureID LabelHalos::texture() {
  if (!texture_.id()) upload();
  return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(texture_.id()));
}

void LabelHalos::upload() {
  const auto [from, to] = atlas_.changedRows();
  if (!texture_.id())
    texture_.uploadCoverage(HaloAtlas::kWidth, HaloAtlas::kHeight, atlas_.pixels().data());
  else if (from < to)  // only the rows of the glyphs made since: kilobytes, not the 2 MB image
    texture_.updateCoverageRows(from, to - from,
                                atlas_.pixels().data() + static_cast<std::size_t>(from) * HaloAtlas::kWidth);
  atlas_.uploaded();
}

}  // namespace safetymap::ui
