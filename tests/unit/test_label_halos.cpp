#include <imgui.h>

#include <catch2/catch.hpp>
#include <cmath>

#include "ui/fonts.hpp"
#include "ui/label_halos.hpp"

using namespace safetymap::ui;

namespace {
// ImGui's context with the label font of the viewer, built as the viewer builds it (no GL needed). Without Noto Sans
// CJK (fonts-noto-cjk, which the set-up installs) there is no such font: the tests say so and check nothing.
struct FontFixture {
  ImGuiContext* context = ImGui::CreateContext();
  ImFont* font = nullptr;
  FontFixture() {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini written where the tests run
    ImFontConfig cfg;
    cfg.OversampleH = cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    static const ImWchar ranges[] = {0x20, 0x7E, 0x5E02, 0x5E02, 0x5CA1, 0x5CA1, 0};  // ASCII, 市, 岡
    if (const std::string path = findCjkFont(); !path.empty())
      font = io.Fonts->AddFontFromFileTTF(path.c_str(), Fonts::kLabelSize, &cfg, ranges);
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
  if (!f.font) {
    WARN("Noto Sans CJK is not installed: nothing checked");
    return;
  }
  const ImFontGlyph* g = f.font->FindGlyph(static_cast<ImWchar>(0x5E02));  // 市
  REQUIRE(g);
  REQUIRE(g->Visible);
  HaloAtlas atlas;
  atlas.uploaded();
  const HaloAtlas::Glyph* h = atlas.get(*f.font, *g, 1.5f);
  REQUIRE(h);
  // Only its rows are new for the texture.
  CHECK(atlas.changedRows() == std::pair<int, int>{h->y, h->y + h->h});
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
  if (!f.font) {
    WARN("Noto Sans CJK is not installed: nothing checked");
    return;
  }
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(800, 600);
  ImGui::NewFrame();
  const float size = 15.0f;  // smaller than the font: scaled, as the map's labels are
  const float scale = size / Fonts::kLabelSize;
  const float ring = (std::ceil(1.5f / scale) + 1) * scale;  // ⌈1.5 px ÷ scale⌉ + 1 texels, back in screen pixels
  // A plain label, then values a file may hold: a line break, a tab, a control character, text after a NUL.
  const char* texts[] = {"市岡 Ab", "市岡\n2丁目", "A\tB",
                         "A\x01"
                         "B",
                         "AB\0CD"};
  LabelHalos halos;
  halos.begin(1);
  for (const char* t : texts) {
    ImDrawList text(ImGui::GetDrawListSharedData()), halo(ImGui::GetDrawListSharedData());
    for (ImDrawList* dl : {&text, &halo}) {
      dl->_ResetForNewFrame();
      dl->PushClipRectFullScreen();
      dl->PushTextureID(io.Fonts->TexID);
    }
    const ImVec2 pos(100.4f, 50.7f);
    text.AddText(f.font, size, pos, IM_COL32_BLACK, t);
    halos.add(&halo, *f.font, size, pos, IM_COL32_WHITE, t, 1.5f);
    // One quad per visible glyph, each the glyph's quad grown by the same ring about the same centre.
    INFO(t);
    REQUIRE(text.VtxBuffer.Size > 0);
    REQUIRE(halo.VtxBuffer.Size == text.VtxBuffer.Size);
    for (int q = 0; q < text.VtxBuffer.Size / 4; ++q) {
      const ImDrawVert &t0 = text.VtxBuffer[q * 4], &t2 = text.VtxBuffer[q * 4 + 2];
      const ImDrawVert &h0 = halo.VtxBuffer[q * 4], &h2 = halo.VtxBuffer[q * 4 + 2];
      CHECK((h0.pos.x + h2.pos.x) / 2 == Approx((t0.pos.x + t2.pos.x) / 2).margin(0.01));
      CHECK((h0.pos.y + h2.pos.y) / 2 == Approx((t0.pos.y + t2.pos.y) / 2).margin(0.01));
      CHECK(t0.pos.x - h0.pos.x >= 1.5f);
      CHECK(t0.pos.x - h0.pos.x <= ring + 0.01f);
    }
  }
  ImGui::EndFrame();
}
