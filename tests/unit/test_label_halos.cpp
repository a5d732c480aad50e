#include <imgui.h>

#include <catch2/catch.hpp>
#include <cmath>

#include "ui/fonts.hpp"
#include "ui/label_halos.hpp"

using namespace safetymap::ui;

namespace {
// ImGui's context with the label font of the viewer, built as the viewer builds it (no GL needed).
struct FontFixture {
  ImGuiContext* context = ImGui::CreateContext();
  ImFont* font = nullptr;
  FontFixture() {
    ImGuiIO& io = ImGui::GetIO();
    ImFontConfig cfg;
    cfg.OversampleH = cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    static const ImWchar ranges[] = {0x20, 0x7E, 0x5E02, 0x5E02, 0x5CA1, 0x5CA1, 0};  // ASCII, 市, 岡
    const std::string path = findCjkFont();
    font = path.empty() ? io.Fonts->AddFontDefault()
                        : io.Fonts->AddFontFromFileTTF(path.c_str(), Fonts::kLabelSize, &cfg, ranges);
    io.Fonts->Build();
  }
  ~FontFixture() { ImGui::DestroyContext(context); }
  float glyphCoverage(const ImFontGlyph& g, int x, int y) const {  // x, y in the glyph's texels
    const ImFontAtlas& a = *font->ContainerAtlas;
    const int sx = static_cast<int>(g.U0 * a.TexWidth + 0.5f), sy = static_cast<int>(g.V0 * a.TexHeight + 0.5f);
    return a.TexPixelsAlpha8[static_cast<size_t>(sy + y) * static_cast<size_t>(a.TexWidth) +
                             static_cast<size_t>(sx + x)] /
           255.0f;
  }
};
}  // namespace

TEST_CASE("a halo glyph covers its letter and the ring around it, and no more", "[labels]") {
  FontFixture f;
  const ImFontGlyph* g = f.font->FindGlyph(static_cast<ImWchar>(0x5E02));  // 市
  REQUIRE(g);
  REQUIRE(g->Visible);
  HaloAtlas atlas;
  const HaloAtlas::Glyph* h = atlas.get(*f.font, *g, 1.5f);
  REQUIRE(h);
  CHECK(atlas.changed);
  // The halo spreads the glyph 1.5 font pixels each way: its box is the glyph's and a ring of 3 (⌈1.5⌉ + 1) texels.
  CHECK(h->x0 == Approx(g->X0 - 3));
  CHECK(h->y1 == Approx(g->Y1 + 3));
  CHECK(h->w == static_cast<int>(g->X1 - g->X0) + 6);
  const int gw = static_cast<int>(g->X1 - g->X0), gh = static_cast<int>(g->Y1 - g->Y0);
  int inked = 0, spread = 0;
  for (int y = 0; y < gh; ++y)
    for (int x = 0; x < gw; ++x) {
      if (f.glyphCoverage(*g, x, y) < 0.99f) continue;
      ++inked;
      // Under the letter the halo is full; a texel one to the left of any inked texel is covered too.
      CHECK(atlas.at(h->x + x + 3, h->y + y + 3) == 255);
      if (atlas.at(h->x + x + 2, h->y + y + 3) >= 128) ++spread;
    }
  CHECK(inked > 10);
  CHECK(spread == inked);
  // Three texels out from the glyph's box nothing is covered: the ring is 1.5 wide, not more.
  for (int y = 0; y < h->h; ++y) CHECK(atlas.at(h->x, h->y + y) == 0);
  // The same glyph and spread is made once; another spread is another glyph.
  CHECK(atlas.get(*f.font, *g, 1.5f) == h);
  CHECK(atlas.get(*f.font, *g, 3.0f) != h);
}

TEST_CASE("label halos lie under their text's glyphs, as ImGui lays the text out", "[labels]") {
  FontFixture f;
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(800, 600);
  ImGui::NewFrame();
  ImDrawList text(ImGui::GetDrawListSharedData()), halo(ImGui::GetDrawListSharedData());
  for (ImDrawList* dl : {&text, &halo}) {
    dl->_ResetForNewFrame();
    dl->PushClipRectFullScreen();
    dl->PushTextureID(io.Fonts->TexID);
  }
  const float size = 15.0f;  // smaller than the font: scaled, as the map's labels are
  const ImVec2 pos(100.4f, 50.7f);
  text.AddText(f.font, size, pos, IM_COL32_BLACK, "市岡 Ab");
  LabelHalos halos;
  halos.begin(1);
  halos.add(&halo, *f.font, size, pos, IM_COL32_WHITE, "市岡 Ab", 1.5f);
  // One quad per visible glyph (the space has none), each the glyph's quad grown by the same ring.
  REQUIRE(text.VtxBuffer.Size == 4 * 4);
  REQUIRE(halo.VtxBuffer.Size == text.VtxBuffer.Size);
  const float scale = size / Fonts::kLabelSize;
  const float ring = (std::ceil(1.5f / scale) + 1) * scale;  // ⌈1.5 px ÷ scale⌉ + 1 texels, back in screen pixels
  for (int q = 0; q < 4; ++q) {
    const ImDrawVert& t0 = text.VtxBuffer[q * 4];
    const ImDrawVert& t2 = text.VtxBuffer[q * 4 + 2];
    const ImDrawVert& h0 = halo.VtxBuffer[q * 4];
    const ImDrawVert& h2 = halo.VtxBuffer[q * 4 + 2];
    CHECK(h0.pos.x < t0.pos.x);
    CHECK(h2.pos.y > t2.pos.y);
    CHECK((t0.pos.x - h0.pos.x) == Approx((h2.pos.x - t2.pos.x)).margin(0.01));
    CHECK((t0.pos.x - h0.pos.x) >= 1.5f);
    CHECK((t0.pos.x - h0.pos.x) <= ring + 0.01f);
  }
  ImGui::EndFrame();
}
