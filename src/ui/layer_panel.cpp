// Left panel: the layers (visibility, opacity, colours, order) and the legend.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/raster.hpp"
#include "render/layer_mesh.hpp"
#include "ui/panels.hpp"

namespace safetymap::ui {

ImU32 toImColor(Rgba c, float alpha) {
  return IM_COL32(c.r, c.g, c.b, static_cast<int>(std::lround(c.a * alpha)));
}

std::string badges(const Project& p, const Layer& l) {
  std::string b;
  if (l.provenance.synthetic)
    b += std::string(" [") + tr(p.lang, "badge.synthetic") + "]";
  else if (l.provenance.approximate)
    b += std::string(" [") + tr(p.lang, "badge.approximate") + "]";
  if (l.features.empty() && !l.provenance.note.empty()) b += std::string(" [") + tr(p.lang, "badge.empty") + "]";
  return b;
}

void drawLayerSymbol(ImDrawList* dl, ImVec2 o, float s, const Layer& l, Rgba fill) {
  ImU32 f = toImColor(fill, l.style.opacity);
  ImU32 st = toImColor(l.style.stroke);
  ImVec2 c(o.x + s / 2, o.y + s / 2);
  float r = s * 0.42f;
  switch (l.geometryType() == GeometryType::None && l.style.pointSizePx > 0 && l.role == LayerRole::SafetyCentres
              ? GeometryType::Point
              : l.geometryType()) {
    case GeometryType::Point:
      switch (l.style.shape) {
        case PointShape::Square: dl->AddRectFilled(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), f); break;
        case PointShape::Triangle:
          dl->AddTriangleFilled(ImVec2(c.x, c.y - r), ImVec2(c.x - r, c.y + r * 0.75f),
                                ImVec2(c.x + r, c.y + r * 0.75f), f);
          break;
        case PointShape::Diamond:
          dl->AddQuadFilled(ImVec2(c.x, c.y - r), ImVec2(c.x + r, c.y), ImVec2(c.x, c.y + r), ImVec2(c.x - r, c.y), f);
          break;
        case PointShape::Star: {
          ImVec2 pts[10];
          for (int i = 0; i < 10; ++i) {
            float a = -3.14159265f / 2 + i * 3.14159265f / 5, rr = (i % 2) ? r * 0.45f : r * 1.1f;
            pts[i] = ImVec2(c.x + std::cos(a) * rr, c.y + std::sin(a) * rr);
          }
          for (int i = 0; i < 10; ++i) dl->AddTriangleFilled(c, pts[i], pts[(i + 1) % 10], f);
          break;
        }
        default: dl->AddCircleFilled(c, r, f, 16); dl->AddCircle(c, r, st, 16);
      }
      break;
    case GeometryType::Line: dl->AddLine(ImVec2(o.x, c.y), ImVec2(o.x + s, c.y), f, 3); break;
    default:
      dl->AddRectFilled(ImVec2(o.x + 1, o.y + 2), ImVec2(o.x + s - 1, o.y + s - 2), f);
      if (l.style.drawStroke) dl->AddRect(ImVec2(o.x + 1, o.y + 2), ImVec2(o.x + s - 1, o.y + s - 2), st);
  }
}

static bool colorEdit(const char* label, Rgba& c) {
  float v[4] = {c.r / 255.f, c.g / 255.f, c.b / 255.f, c.a / 255.f};
  if (!ImGui::ColorEdit4(label, v, ImGuiColorEditFlags_NoInputs | ImGuiColorEditFlags_AlphaBar)) return false;
  c = {static_cast<std::uint8_t>(std::lround(v[0] * 255)), static_cast<std::uint8_t>(std::lround(v[1] * 255)),
       static_cast<std::uint8_t>(std::lround(v[2] * 255)), static_cast<std::uint8_t>(std::lround(v[3] * 255))};
  return true;
}

// A raster's facts, and for a single band the ramp's breaks (typed, comma-separated: "0.01, 0.3, 1, 2, 3, 4, 5").
template <typename Note>
static void rasterControls(PanelContext& c, const Layer& l, LayerStyle& s, Note& note) {
  const Lang lang = c.project.lang;
  const RasterInfo& i = l.raster->info();
  ImGui::TextDisabled("%s",
                      fmt::format("{} × {} · {} · {:.1f} m", i.width, i.height, i.bandType, i.cellMetres).c_str());
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("%s", i.crs.c_str());
  if (i.overviewsBuilt) ImGui::TextDisabled("%s", tr(lang, "raster.overviews_cached"));
  ImGui::PopTextWrapPos();
  if (i.rgb || s.ramp.empty() || !s.ramp.classed) return;
  auto& text = c.ui.rasterBreaks[l.id];
  if (text.first != l.styleVersion) {  // the breaks as they are, until the user types others
    std::string b;
    for (const auto& stop : s.ramp.stops) b += (b.empty() ? "" : ", ") + fmt::format("{:g}", stop.value);
    text = {l.styleVersion, b};
    text.second.resize(256);
  }
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
  const bool entered = ImGui::InputText(tr(lang, "raster.breaks"), text.second.data(), text.second.size(),
                                        ImGuiInputTextFlags_EnterReturnsTrue);
  c.ui.markWidget("raster-breaks:" + l.id);
  if (entered) {
    std::vector<double> breaks;
    const char* p = text.second.c_str();
    while (*p) {
      char* end = nullptr;
      const double v = std::strtod(p, &end);
      if (end == p) {
        ++p;
        continue;
      }
      breaks.push_back(v);
      p = end;
    }
    std::sort(breaks.begin(), breaks.end());
    breaks.erase(std::unique(breaks.begin(), breaks.end()), breaks.end());
    if (!breaks.empty()) {
      s.ramp = withBreaks(s.ramp, breaks);
      note(true, "breaks");
    }
  }
}

// The controls edit a copy of the style; a change becomes one undoable edit (a slider's drag merges into one step).
static void layerControls(PanelContext& c, const Layer& l) {
  Lang lang = c.project.lang;
  LayerStyle s = l.style;
  const char* changed = nullptr;  // the label of what changed
  auto note = [&](bool edited, const char* what) {
    if (edited) changed = what;
  };
  note(ImGui::SliderFloat(tr(lang, "layer.opacity"), &s.opacity, 0.0f, 1.0f, "%.2f"), "opacity");
  c.ui.markWidget("layer-opacity:" + l.id);
  if (l.isRaster()) {
    rasterControls(c, l, s, note);
  } else {
    if (l.role != LayerRole::Districts) note(colorEdit(tr(lang, "layer.fill"), s.fill), "fill");
    ImGui::SameLine();
    note(colorEdit(tr(lang, "layer.stroke"), s.stroke), "stroke");
    if (l.geometryType() == GeometryType::Point || l.role == LayerRole::SafetyCentres)
      note(ImGui::SliderFloat(tr(lang, "layer.size"), &s.pointSizePx, 3.0f, 32.0f, "%.0f px"), "size");
    else
      note(ImGui::SliderFloat(tr(lang, "layer.width"), &s.strokeWidthPx, 0.0f, 8.0f, "%.1f px"), "width");
  }
  if (!s.categories.empty()) {
    ImGui::TextDisabled("%s (%s)", tr(lang, "layer.categories"), fieldName(s.categoryField, lang).c_str());
    auto& cc = c.ui.categoryCounts[l.id];
    if (cc.dataVersion != l.dataVersion || cc.tagVersion != c.ui.tagVersion ||
        cc.district != c.project.selectedDistrict || cc.all.size() != s.categories.size()) {
      cc = {l.dataVersion, c.ui.tagVersion, c.project.selectedDistrict, std::vector<int>(s.categories.size(), 0),
            std::vector<int>(s.categories.size(), 0)};
      for (const auto& f : l.features)
        if (f.category >= 0 && static_cast<size_t>(f.category) < cc.all.size()) {
          cc.all[static_cast<size_t>(f.category)]++;
          if (c.project.passesFilter(l, f)) cc.shown[static_cast<size_t>(f.category)]++;
        }
    }
    const std::vector<int>&all = cc.all, &counts = cc.shown;
    for (size_t i = 0; i < s.categories.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      note(ImGui::Checkbox("##cv", &s.categories[i].visible), "category shown");
      ImGui::SameLine();
      note(colorEdit("##cc", s.categories[i].color), "category colour");
      ImGui::SameLine();
      const std::string name = dataValueName(s.categories[i].value, lang);
      if (all[i] == 0)  // not one record of this type is loaded: not a count of zero
        ImGui::TextDisabled("%s %s", name.c_str(), tr(lang, "crime.no_records"));
      else
        ImGui::Text("%s  %d", name.c_str(), counts[i]);
      ImGui::PopID();
    }
  }
  if (changed) c.ui.requestEdits.push_back(setStyleEdit(l, s, changed, ImGui::GetIO().MouseClickedTime[0]));
  const auto& layers = c.project.layers();
  const bool top = !layers.empty() && layers.back().get() == &l, bottom = !layers.empty() && layers.front().get() == &l;
  if (ImGui::SmallButton(tr(lang, "layer.up")) && !top) c.ui.requestEdits.push_back(moveLayerEdit(l, +1));
  ImGui::SameLine();
  if (ImGui::SmallButton(tr(lang, "layer.down")) && !bottom) c.ui.requestEdits.push_back(moveLayerEdit(l, -1));
  if (l.role == LayerRole::Other || l.isRaster()) {
    ImGui::SameLine();
    if (ImGui::SmallButton(tr(lang, "layer.remove")))
      for (const auto& shared : layers)
        if (shared.get() == &l) c.ui.requestEdits.push_back(removeLayerEdit(shared));
    // A street centre-line file the user opened can become what the drill planner walks on.
    if (l.geometryType() == GeometryType::Line && !l.provenance.derived) {
      if (ImGui::SmallButton(tr(lang, "layer.use_as_network"))) {
        if (Layer* old = c.project.editByRole(LayerRole::WalkNetwork)) old->role = LayerRole::Other;
        c.project.edit(l.id)->role = LayerRole::WalkNetwork;
        c.ui.drill.onNetwork = true;
      }
      c.ui.markWidget("layer:use-as-network:" + l.id);
    }
  }
}

// A raster's or a hazard's ramp: each class with its colour (or the smooth bar with its ends), and its source.
static void rampLegend(PanelContext& c, const Layer& l) {
  const Lang lang = c.project.lang;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float s = ImGui::GetTextLineHeight();
  const ColorRamp& r = l.style.ramp;
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted((c.project.displayName(l) + badges(c.project, l)).c_str());
  ImGui::PopTextWrapPos();
  if (l.isRaster() && l.raster->info().rgb) return;
  if (r.classed) {
    for (const auto& stop : r.stops) {
      ImVec2 o = ImGui::GetCursorScreenPos();
      dl->AddRectFilled(ImVec2(o.x + 8, o.y + 2), ImVec2(o.x + 8 + 1.6f * s, o.y + s - 2), toImColor(stop.color, 1.0f));
      dl->AddRect(ImVec2(o.x + 8, o.y + 2), ImVec2(o.x + 8 + 1.6f * s, o.y + s - 2), IM_COL32(90, 90, 90, 255));
      ImGui::Dummy(ImVec2(12 + 1.6f * s, s));
      ImGui::SameLine();
      ImGui::TextUnformatted((lang == Lang::Ja ? stop.labelJa : stop.labelEn).c_str());
    }
  } else if (r.stops.size() >= 2) {
    ImVec2 o = ImGui::GetCursorScreenPos();
    const float w = 120, h = s * 0.7f;
    const double lo = r.stops.front().value, hi = r.stops.back().value;
    for (int i = 0; i < 24; ++i)
      dl->AddRectFilled(ImVec2(o.x + 8 + w * i / 24, o.y + 2), ImVec2(o.x + 8 + w * (i + 1) / 24, o.y + 2 + h),
                        toImColor(r.colorOf(lo + (hi - lo) * (i + 0.5) / 24), 1.0f));
    ImGui::Dummy(ImVec2(w + 12, h + 4));
    ImGui::SameLine();
    ImGui::Text("%g – %g", lo, hi);
  }
  c.ui.markWidget("legend:ramp:" + l.id);
}

static void legend(PanelContext& c) {
  Lang lang = c.project.lang;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float s = ImGui::GetTextLineHeight();
  auto& layers = c.project.layers();
  // The map's theme first (a choropleth), then the layers from the top of the drawing order down.
  std::vector<const Layer*> order;
  for (auto it = layers.rbegin(); it != layers.rend(); ++it)
    if (!(*it)->style.classedFill.empty()) order.push_back(it->get());
  for (auto it = layers.rbegin(); it != layers.rend(); ++it)
    if ((*it)->style.classedFill.empty()) order.push_back(it->get());
  for (const Layer* lp : order) {
    const Layer& l = *lp;
    if (!l.style.visible) continue;
    if (auto d = c.ui.densityLayers.find(l.id); d != c.ui.densityLayers.end()) {
      // Too many points in view to draw one by one: the map shows how many are where, and says so.
      const auto [maxCount, cell] = d->second;
      ImGui::TextUnformatted((c.project.displayName(l) + badges(c.project, l)).c_str());
      ImVec2 o = ImGui::GetCursorScreenPos();
      const float w = 120, h = s * 0.7f;
      for (int i = 0; i < 24; ++i) {
        Rgba col = render::densityColor(std::sqrt((i + 0.5) / 24.0));
        dl->AddRectFilled(ImVec2(o.x + 8 + w * i / 24, o.y + 2), ImVec2(o.x + 8 + w * (i + 1) / 24, o.y + 2 + h),
                          toImColor(col, 1.0f));
      }
      ImGui::Dummy(ImVec2(w + 12, h + 4));
      ImGui::SameLine();
      ImGui::Text("1 – %u", maxCount);
      ImGui::PushTextWrapPos(0);
      ImGui::TextDisabled("%s", fmt::format(fmt::runtime(tr(lang, "legend.density")), c.ui.pointBudget, cell).c_str());
      ImGui::PopTextWrapPos();
      c.ui.markWidget("legend:density:" + l.id);
      continue;
    }
    if (!l.style.classedFill.empty()) {
      // A choropleth: what is measured, each class with its bounds, what grey means, and that it is approximate.
      const ClassedFill& cf = l.style.classedFill;
      ImGui::PushTextWrapPos(0);
      ImGui::TextUnformatted((lang == Lang::Ja ? cf.titleJa : cf.titleEn).c_str());
      ImGui::PopTextWrapPos();
      ImGui::RadioButton(tr(lang, "legend.measure_count"), &c.ui.crimeMeasure, 0);
      c.ui.markWidget("legend:measure:count");
      ImGui::SameLine();
      ImGui::RadioButton(tr(lang, "legend.measure_rate"), &c.ui.crimeMeasure, 1);
      c.ui.markWidget("legend:measure:rate");
      auto swatch = [&](Rgba col, const std::string& label) {
        ImVec2 o = ImGui::GetCursorScreenPos();
        dl->AddRectFilled(ImVec2(o.x + 8, o.y + 2), ImVec2(o.x + 8 + 1.6f * s, o.y + s - 2), toImColor(col, 1.0f));
        dl->AddRect(ImVec2(o.x + 8, o.y + 2), ImVec2(o.x + 8 + 1.6f * s, o.y + s - 2), IM_COL32(90, 90, 90, 255));
        ImGui::Dummy(ImVec2(12 + 1.6f * s, s));
        ImGui::SameLine();
        ImGui::TextUnformatted(label.c_str());
      };
      for (const auto& k : cf.classes) swatch(k.color, lang == Lang::Ja ? k.labelJa : k.labelEn);
      if (!cf.noDataJa.empty()) swatch(cf.noData, lang == Lang::Ja ? cf.noDataJa : cf.noDataEn);
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(ImVec4(0.65f, 0.3f, 0, 1), "%s", (lang == Lang::Ja ? cf.noteJa : cf.noteEn).c_str());
      ImGui::PopTextWrapPos();
      continue;
    }
    if (!l.style.ramp.empty() && (l.isRaster() || l.role == LayerRole::TsunamiDepth)) {
      rampLegend(c, l);
      continue;
    }
    if (!l.style.categories.empty()) {
      ImGui::TextUnformatted(c.project.displayName(l).c_str());
      auto& [version, present] = c.ui.categoryPresent[l.id];
      if (version != l.dataVersion || present.size() != l.style.categories.size()) {  // once per data change
        version = l.dataVersion;
        present.assign(l.style.categories.size(), false);
        for (const auto& f : l.features)
          if (f.category >= 0 && static_cast<size_t>(f.category) < present.size())
            present[static_cast<size_t>(f.category)] = true;
      }
      for (size_t k = 0; k < l.style.categories.size(); ++k) {
        const auto& cat = l.style.categories[k];
        if (!cat.visible) continue;
        const bool none = !present[k];
        ImGui::Dummy(ImVec2(8, s));
        ImGui::SameLine();
        drawLayerSymbol(dl, ImGui::GetCursorScreenPos(), s, l, cat.color);
        ImGui::Dummy(ImVec2(s, s));
        ImGui::SameLine();
        std::string name = dataValueName(cat.value, lang);
        if (none) {  // a type the legend names but no loaded record has: not a zero
          ImGui::TextDisabled("%s %s", name.c_str(), tr(lang, "crime.no_records"));
        } else {
          ImGui::TextUnformatted(name.c_str());
        }
      }
      continue;
    }
    Rgba fill = l.style.fill;
    if (l.role == LayerRole::Districts && !c.project.districts().empty()) fill = c.project.districts().front().fill;
    drawLayerSymbol(dl, ImGui::GetCursorScreenPos(), s, l, fill);
    ImGui::Dummy(ImVec2(s, s));
    ImGui::SameLine();
    ImGui::TextUnformatted((c.project.displayName(l) + badges(c.project, l)).c_str());
    if (l.features.empty() && !l.provenance.note.empty())
      ImGui::TextColored(ImVec4(0.65f, 0.3f, 0, 1), "  %s", tr(lang, l.provenance.note));
    else if (l.role == LayerRole::SafetyCentres && l.features.size() < 12)
      ImGui::TextColored(ImVec4(0.65f, 0.3f, 0, 1), "  %s",
                         fmt::format(fmt::runtime(tr(lang, "ind.centres_of")), l.features.size()).c_str());
  }
  ImGui::Separator();
  bool approx = false, synthCrimes = false, synthOther = false;
  for (const auto& l : layers) {
    approx |= l->provenance.approximate;
    (l->role == LayerRole::Crimes ? synthCrimes : synthOther) |= l->provenance.synthetic;
  }
  ImGui::PushTextWrapPos(0);
  if (approx) ImGui::TextColored(ImVec4(0.6f, 0.3f, 0, 1), "%s", tr(lang, "legend.approximate"));
  if (synthCrimes) ImGui::TextColored(ImVec4(0.6f, 0.3f, 0, 1), "%s", tr(lang, "legend.synthetic"));
  if (synthOther) ImGui::TextColored(ImVec4(0.6f, 0.3f, 0, 1), "%s", tr(lang, "legend.synthetic_data"));
  if (ImGui::TreeNode(tr(lang, "legend.sources"))) {
    for (const auto& l : layers)
      if (!l->provenance.source.empty())
        ImGui::BulletText("%s: %s", c.project.displayName(*l).c_str(), l->provenance.source.c_str());
    ImGui::TreePop();
  }
  ImGui::PopTextWrapPos();
}

void drawLayerPanel(PanelContext& c, Rect a) {
  beginDockedPanel("##layers", a);
  Lang lang = c.project.lang;
  ImGui::TextUnformatted(tr(lang, "panel.layers"));
  ImGui::Separator();
  auto layers = c.project.layers();  // a copy: the edits they make apply after the panel
  for (auto it = layers.rbegin(); it != layers.rend(); ++it) {
    const Layer& l = **it;
    ImGui::PushID(l.id.c_str());
    bool visible = l.style.visible;
    if (ImGui::Checkbox("##vis", &visible)) {
      LayerStyle shown = l.style;
      shown.visible = visible;
      c.ui.requestEdits.push_back(setStyleEdit(l, shown, "visible"));
    }
    c.ui.markWidget("layer-visible:" + l.id);
    ImGui::SameLine();
    std::string title = c.project.displayName(l) + badges(c.project, l) + "  (" +
                        (l.isRaster() ? fmt::format("{}×{}", l.raster->info().width, l.raster->info().height)
                                      : std::to_string(l.features.size())) +
                        ")";
    bool open = ImGui::TreeNodeEx("##node", ImGuiTreeNodeFlags_SpanAvailWidth, "%s", title.c_str());
    c.ui.markWidget("layer-node:" + l.id);
    if (ImGui::IsItemHovered() && !l.provenance.source.empty()) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(420);
      ImGui::TextUnformatted(l.provenance.source.c_str());
      if (!l.provenance.path.empty()) ImGui::TextDisabled("%s", l.provenance.path.c_str());
      if (!l.provenance.encoding.empty()) ImGui::TextDisabled("%s", l.provenance.encoding.c_str());
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
    if (l.features.empty() && !l.provenance.note.empty())
      ImGui::TextColored(ImVec4(0.65f, 0.3f, 0, 1), "  %s", tr(lang, l.provenance.note));
    else if (l.role == LayerRole::SafetyCentres && l.features.size() < 12)
      ImGui::TextColored(ImVec4(0.65f, 0.3f, 0, 1), "  %s",
                         fmt::format(fmt::runtime(tr(lang, "ind.centres_of")), l.features.size()).c_str());
    if (open) {
      layerControls(c, l);
      ImGui::TreePop();
    }
    ImGui::PopID();
  }
  ImGui::Spacing();
  ImGui::TextUnformatted(tr(lang, "panel.legend"));
  ImGui::Separator();
  legend(c);
  ImGui::End();
}

}  // namespace safetymap::ui
