#include "ui/map_overlays.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace safetymap::ui {

double niceLength(double maxMetres) {
  if (maxMetres <= 0) return 0;
  double p = std::pow(10.0, std::floor(std::log10(maxMetres)));
  for (double m : {5.0, 2.0, 1.0})
    if (m * p <= maxMetres) return m * p;
  return p;
}

void MapOverlays::layoutLabels(PanelContext& c, const Camera& cam) {
  const Project& p = c.project;
  // Recompute only when something that moves a label changed.
  std::hash<std::string> hs;
  std::uint64_t key = std::hash<double>{}(cam.center().x) ^ (std::hash<double>{}(cam.center().y) << 1) ^
                      (std::hash<double>{}(cam.pixelsPerMetre()) << 2) ^
                      (std::hash<double>{}(cam.width() * 7919 + cam.height()) << 3);
  key = key * 31 + static_cast<std::uint64_t>(p.lang) * 17 + static_cast<std::uint64_t>(p.selectedDistrict + 2);
  for (const auto& l : p.layers()) key = key * 1000003ull + l->dataVersion * 7 + l->styleVersion * 13 + hs(l->id);
  key ^= reinterpret_cast<std::uintptr_t>(c.fonts.label());
  if (key == labelKey_) return;
  labelKey_ = key;

  ImFont* font = c.fonts.label() ? c.fonts.label() : ImGui::GetFont();
  std::vector<analysis::LabelCandidate> cands;
  std::vector<float> candSizes;
  Bounds visible = cam.visibleBounds();
  for (const auto& lp : p.layers()) {
    const Layer& l = *lp;
    if (!l.style.visible || l.style.labelField.empty() || cam.pixelsPerMetre() < l.style.labelMinPpm) continue;
    auto& [version, anchors] = anchors_[l.id];
    if (version != l.dataVersion || anchors.size() != l.features.size()) {
      anchors.clear();
      for (const auto& f : l.features) anchors.push_back(f.geometry.anchor());
      version = l.dataVersion;
    }
    // A big layer offers at most one label per screen cell of two text heights: more could never be placed
    // without overlapping, and measuring 100k texts each time the map moves would cost a frame.
    const bool thin = l.features.size() >= kThinLabelsFrom;
    const double thinCell = 2.0 * l.style.labelSizePx;
    const int thinCols = static_cast<int>(cam.width() / thinCell) + 1,
              thinRows = static_cast<int>(cam.height() / thinCell) + 1;
    std::vector<std::uint8_t> taken(thin ? static_cast<size_t>(thinCols) * static_cast<size_t>(thinRows) : 0, 0);
    for (size_t i = 0; i < l.features.size(); ++i) {
      const Feature& f = l.features[i];
      if (!visible.contains(anchors[i]) || !p.passesFilter(l, f)) continue;
      if (f.category >= 0 && !l.style.categories[static_cast<size_t>(f.category)].visible) continue;
      Vec2 s = cam.worldToScreen(anchors[i]);
      std::uint8_t* cell = nullptr;
      if (thin) {
        const int cx = std::clamp(static_cast<int>(s.x / thinCell), 0, thinCols - 1);
        const int cy = std::clamp(static_cast<int>(s.y / thinCell), 0, thinRows - 1);
        cell = &taken[static_cast<size_t>(cy) * static_cast<size_t>(thinCols) + static_cast<size_t>(cx)];
        if (*cell) continue;
      }
      std::string text = p.label(l, f);
      if (text.empty()) continue;
      if (cell) *cell = 1;
      float size = l.style.labelSizePx;
      bool chosen = l.role == LayerRole::Districts && static_cast<int>(i) == p.selectedDistrict;
      if (chosen) size *= 1.2f;
      ImVec2 ts = font->CalcTextSizeA(size, 1e9f, 0, text.c_str());
      bool point = f.geometry.type == GeometryType::Point;
      int prio = l.style.labelPriority + (chosen ? 1000 : 0);
      cands.push_back(
          {text, s, {ts.x, ts.y}, point ? l.style.pointSizePx * 0.5 + 3 : 0, prio, static_cast<int>(candSizes.size())});
      candSizes.push_back(size);
    }
  }
  placed_ = analysis::layoutLabels(std::move(cands), cam.width(), cam.height());
  sizes_ = std::move(candSizes);
}

void MapOverlays::drawLabels(PanelContext& c) {
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  ImFont* font = c.fonts.label() ? c.fonts.label() : ImGui::GetFont();
  const Rect& m = c.ui.map;
  dl->PushClipRect(ImVec2(m.x, m.y), ImVec2(m.x + m.w, m.y + m.h), true);
  c.ui.labels.clear();
  auto at = [&](const analysis::PlacedLabel& pl) {
    return ImVec2(m.x + static_cast<float>(pl.box.minx), m.y + static_cast<float>(pl.box.miny));
  };
  // Every halo, then every text: no halo covers another label's letters.
  halos_.begin(c.fonts.builds());
  dl->PushTextureID(halos_.texture());
  for (const auto& pl : placed_)
    halos_.add(dl, *font, sizes_[static_cast<size_t>(pl.tag)], at(pl), IM_COL32_WHITE, pl.text.c_str(), 1.5f);
  dl->PopTextureID();
  halos_.upload();
  for (const auto& pl : placed_) {
    dl->AddText(font, sizes_[static_cast<size_t>(pl.tag)], at(pl), IM_COL32(25, 25, 35, 255), pl.text.c_str());
    analysis::PlacedLabel w = pl;
    w.box = {pl.box.minx + m.x, pl.box.miny + m.y, pl.box.maxx + m.x, pl.box.maxy + m.y};
    c.ui.labels.push_back(w);
  }
  dl->PopClipRect();
}

void MapOverlays::drawScaleBar(PanelContext& c, const Camera& cam) {
  const Rect& m = c.ui.map;
  double len = niceLength(160.0 / cam.pixelsPerMetre());
  float px = static_cast<float>(len * cam.pixelsPerMetre());
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  ImVec2 o(m.x + 16, m.y + m.h - 22);
  dl->AddRectFilled(ImVec2(o.x - 6, o.y - 24), ImVec2(o.x + px + 50, o.y + 10), IM_COL32(255, 255, 255, 200), 3);
  dl->AddRectFilled(o, ImVec2(o.x + px / 2, o.y + 6), IM_COL32(30, 30, 30, 255));
  dl->AddRectFilled(ImVec2(o.x + px / 2, o.y), ImVec2(o.x + px, o.y + 6), IM_COL32(255, 255, 255, 255));
  dl->AddRect(o, ImVec2(o.x + px, o.y + 6), IM_COL32(30, 30, 30, 255));
  char text[32];
  if (len >= 1000)
    std::snprintf(text, sizeof text, "%g km", len / 1000);
  else
    std::snprintf(text, sizeof text, "%g m", len);
  dl->AddText(ImVec2(o.x, o.y - 21), IM_COL32(20, 20, 20, 255), "0");
  ImVec2 ts = ImGui::CalcTextSize(text);
  dl->AddText(ImVec2(o.x + px - ts.x / 2, o.y - 21), IM_COL32(20, 20, 20, 255), text);
}

void MapOverlays::drawNorthArrow(PanelContext& c) {
  // Plane CS VI grid north; true north differs by under 0.3° across the ward.
  const Rect& m = c.ui.map;
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  ImVec2 o(m.x + m.w - 36, m.y + 52);
  dl->AddCircleFilled(o, 24, IM_COL32(255, 255, 255, 210), 32);
  dl->AddTriangleFilled(ImVec2(o.x, o.y - 18), ImVec2(o.x - 9, o.y + 12), ImVec2(o.x, o.y + 6),
                        IM_COL32(30, 30, 30, 255));
  dl->AddTriangleFilled(ImVec2(o.x, o.y - 18), ImVec2(o.x, o.y + 6), ImVec2(o.x + 9, o.y + 12),
                        IM_COL32(120, 120, 120, 255));
  const char* n = tr(c.project.lang, "north");
  ImVec2 ts = ImGui::CalcTextSize(n);
  dl->AddText(ImVec2(o.x - ts.x / 2, o.y - 24 - ts.y), IM_COL32(20, 20, 20, 255), n);
}

void MapOverlays::drawNotes(PanelContext& c) {
  // Honesty on screen: approximate and synthetic layers say so on the map itself.
  const Rect& m = c.ui.map;
  std::vector<const char*> notes;
  bool approx = false, synthCrimes = false, synthOther = false;
  for (const auto& l : c.project.layers()) {
    if (!l->style.visible) continue;
    approx |= l->provenance.approximate;
    (l->role == LayerRole::Crimes ? synthCrimes : synthOther) |= l->provenance.synthetic;
  }
  if (approx) notes.push_back(tr(c.project.lang, "legend.approximate"));
  if (synthCrimes) notes.push_back(tr(c.project.lang, "legend.synthetic"));
  if (synthOther) notes.push_back(tr(c.project.lang, "legend.synthetic_data"));
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  float y = m.y + 14 + ImGui::GetFrameHeightWithSpacing();  // below the edit tool bar, which sits at the top
  for (const char* n : notes) {
    ImVec2 ts = ImGui::CalcTextSize(n);
    dl->AddRectFilled(ImVec2(m.x + 8, y), ImVec2(m.x + 16 + ts.x, y + ts.y + 4), IM_COL32(255, 244, 214, 235), 3);
    dl->AddText(ImVec2(m.x + 12, y + 2), IM_COL32(120, 60, 0, 255), n);
    y += ts.y + 8;
  }
  const char* attribution = tr(c.project.lang, "map.attribution");
  ImVec2 ts = ImGui::CalcTextSize(attribution);
  ImVec2 o(m.x + m.w - ts.x - 10, m.y + m.h - ts.y - 6);
  dl->AddRectFilled(ImVec2(o.x - 4, o.y - 2), ImVec2(o.x + ts.x + 4, o.y + ts.y + 2), IM_COL32(255, 255, 255, 190));
  dl->AddText(o, IM_COL32(60, 60, 60, 255), attribution);
}

void MapOverlays::draw(PanelContext& c, const Camera& cam, MapView&) {
  layoutLabels(c, cam);
  drawLabels(c);
  drawScaleBar(c, cam);
  drawNorthArrow(c);
  drawNotes(c);
}

}  // namespace safetymap::ui
