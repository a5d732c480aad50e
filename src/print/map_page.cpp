#include "print/map_page.hpp"

#include <fmt/format.h>

#include <cmath>

#include "analysis/label_layout.hpp"
#include "analysis/tsunami_impact.hpp"
#include "core/feature_style.hpp"
#include "print/map_frame.hpp"

namespace safetymap::print {

namespace {

// World (working CRS metres) to page points, north up.
struct Candidate {
  std::string text;
  Vec2 anchor;
  double size;
  double offset;
  int priority;
  bool bold;
};

}  // namespace

void drawMapPage(const Canvas& c, const PageSetup& s, const PageInfo& info, const Project& p, int district,
                 const analysis::CrimeTable& table, const analysis::TsunamiImpact* impact) {
  cairo_t* cr = c.cr();
  const double k = s.scale(), m = s.margin();
  Lang lang = info.lang;

  // Title band.
  std::string name = districtTitle(p, district, lang);
  TextStyle title{20 * k, true};
  TextSize ts = c.text(m, m, fmt::format(fmt::runtime(tr(lang, "print.map_title")), name), title);
  TextStyle sub{10 * k};
  sub.color = {70, 70, 70, 255};
  std::string subtitle = periodText(table.period, lang) + "    " + tr(lang, "app.title");
  TextSize ss = c.text(m, m + ts.h + 2, subtitle, sub);

  // The map frame fills the rest of the page above the footer.
  double fx = m, fy = m + ts.h + ss.h + 10 * k, fw = s.width() - 2 * m, fh = s.height() - fy - m - 40 * k;
  Bounds area = district >= 0 ? p.districts()[static_cast<size_t>(district)].bounds : p.wardBounds();
  PageTransform t = fitFrame(area, fx, fy, fw, fh);

  cairo_save(cr);
  cairo_rectangle(cr, fx, fy, fw, fh);
  cairo_clip(cr);
  c.rect(fx, fy, fw, fh, kWater);

  // Layers bottom to top, as on screen. Crime points are the table's records: this district, this period.
  std::vector<Candidate> cands;
  for (const auto& lp : p.layers()) {
    const Layer& l = *lp;
    if (l.isRaster()) {
      if (printed(l)) drawRaster(c, l, t, fx, fy, fw, fh);
      continue;
    }
    if (!printed(l) || l.features.empty()) continue;
    if (l.geometryType() == GeometryType::Polygon || l.geometryType() == GeometryType::Line)
      drawAreas(c, l, p, district, t);
    if (l.role == LayerRole::Crimes) {
      for (const auto& r : table.records) {
        const Feature& f = l.features[static_cast<size_t>(r.feature)];
        const Rgba fill = featureColour(l, static_cast<size_t>(r.feature), p);
        for (Vec2 q : f.geometry.points)
          c.symbol(t.px(q.x), t.py(q.y), l.style.pointSizePx * kPxToPt * k, l.style.shape, fill, l.style.stroke, 0.4);
      }
    } else if (l.geometryType() == GeometryType::Point) {
      bool centres = l.role == LayerRole::SafetyCentres;
      for (size_t i = 0; i < l.features.size(); ++i) {
        const Feature& f = l.features[i];
        for (Vec2 q : f.geometry.points) {
          if (!t.world.contains(q)) continue;
          bool own = district < 0 || f.district == district;
          double size = l.style.pointSizePx * kPxToPt * k * (centres && own ? 1.4 : 1.0);
          c.symbol(t.px(q.x), t.py(q.y), size, l.style.shape, featureColour(l, i, p), l.style.stroke,
                   centres ? 1.0 : 0.5);
        }
      }
    }
    // Label candidates in page coordinates.
    if (l.style.labelField.empty()) continue;
    for (size_t i = 0; i < l.features.size(); ++i) {
      const Feature& f = l.features[i];
      Vec2 a = f.geometry.anchor();
      if (!t.world.contains(a)) continue;
      std::string text = p.label(l, f);
      if (text.empty()) continue;
      bool area = l.geometryType() == GeometryType::Polygon;
      bool chosen = l.role == LayerRole::Districts && static_cast<int>(i) == district;
      double size = (area ? l.style.labelSizePx * 0.55 : 6.5) * k * (chosen ? 1.3 : 1.0);
      int prio = l.style.labelPriority + (chosen ? 1000 : 0) + (l.role == LayerRole::SafetyCentres ? 500 : 0);
      cands.push_back(
          {text, {t.px(a.x), t.py(a.y)}, size, area ? 0.0 : l.style.pointSizePx * kPxToPt * k * 0.6 + 1.5, prio, area});
    }
  }
  // The district's own boundary, strong, over everything else.
  if (const Layer* dl = p.layerByRole(LayerRole::Districts); dl && district >= 0) {
    cairo_new_path(cr);
    geometryPath(
        cr, dl->features[static_cast<size_t>(p.districts()[static_cast<size_t>(district)].featureIndex)].geometry, t);
    c.setColor(kInk);
    cairo_set_line_width(cr, 2.2 * k);
    cairo_stroke(cr);
  }
  // Labels that do not collide: the same placement as the screen's, measured by pango.
  std::vector<analysis::LabelCandidate> lc;
  for (size_t i = 0; i < cands.size(); ++i) {
    TextStyle st{cands[i].size, cands[i].bold};
    TextSize sz = c.measure(cands[i].text, st);
    lc.push_back({cands[i].text,
                  {cands[i].anchor.x - fx, cands[i].anchor.y - fy},
                  {sz.w, sz.h},
                  cands[i].offset,
                  cands[i].priority,
                  static_cast<int>(i)});
  }
  for (const auto& placed : analysis::layoutLabels(lc, fw, fh, 1.0)) {
    const Candidate& cd = cands[static_cast<size_t>(placed.tag)];
    TextStyle st{cd.size, cd.bold};
    st.halo = true;
    c.text(fx + placed.box.minx, fy + placed.box.miny, cd.text, st);
  }
  cairo_restore(cr);
  drawMapFurniture(c, t, fx, fy, fw, fh, k, lang);
  // Legend: crime types with their counts, the buildings, the centres, the boundary and the notes.
  {
    const Layer* crimes = p.layerByRole(LayerRole::Crimes);
    const Layer* tb = p.layerByRole(LayerRole::TsunamiBuildings);
    const Layer* sc = p.layerByRole(LayerRole::SafetyCentres);
    const Layer* chome = p.layerByRole(LayerRole::Chome);
    const ClassedFill* classes =
        chome && chome->style.visible && !chome->style.classedFill.empty() ? &chome->style.classedFill : nullptr;
    TextStyle item{7.5 * k};
    TextStyle head{8.5 * k, true};
    double lh = 11 * k, w = 170 * k;
    int rows = 2 + static_cast<int>(table.counts.size()) + 3;
    if (classes) rows += 5 + static_cast<int>(classes->classes.size());  // title and note wrap to two lines
    // A hazard printed on the map: its classes (a raster's ramp or the polygon file's), as on screen.
    const Layer* hazard = p.layerByRole(LayerRole::TsunamiDepth);
    if (hazard && !printed(*hazard)) hazard = nullptr;
    if (hazard && !hazard->style.ramp.classed) hazard = nullptr;
    // And what it means for the district: its people in the water, its buildings against Osaka's rule.
    std::string impactText;
    if (hazard && impact && impact->hasHazard()) {
      const analysis::DepthPeople& dp = district >= 0 && static_cast<size_t>(district) < impact->districts.size()
                                            ? impact->districts[static_cast<size_t>(district)]
                                            : impact->ward;
      double wet = 0;
      for (double v : dp.byClass) wet += v;
      int meets = 0, fails = 0, unknown = 0;
      for (const auto& b : impact->buildings) {
        if (district >= 0 && b.district != district) continue;
        meets += b.verdict == analysis::ShelterVerdict::Meets;
        fails += b.verdict == analysis::ShelterVerdict::TooFewStoreys || b.verdict == analysis::ShelterVerdict::BelowDepth;
        unknown += b.verdict == analysis::ShelterVerdict::Unknown;
      }
      impactText = fmt::format(fmt::runtime(tr(lang, "print.hazard_impact")), wet, dp.population, meets, fails, unknown);
    }
    if (hazard) rows += 2 + static_cast<int>(hazard->style.ramp.stops.size()) + (impactText.empty() ? 0 : 3);
    double h = rows * lh + 26 * k;
    double x = fx + 8 * k, y = fy + fh - h - 8 * k;
    c.rect(x, y, w, h, {255, 255, 255, 255}, 0.9);
    c.frame(x, y, w, h, {120, 120, 120, 255}, 0.5);
    double cy = y + 5 * k;
    c.text(x + 6 * k, cy, tr(lang, "print.legend"), head);
    cy += lh + 2 * k;
    if (classes) {
      // The 町丁目 choropleth of the period: what is counted, each class with its bounds, that it is approximate.
      TextStyle wrap = item;
      wrap.width = w - 12 * k;
      cy += c.text(x + 6 * k, cy, lang == Lang::Ja ? classes->titleJa : classes->titleEn, wrap).h + 2 * k;
      for (const auto& cl : classes->classes) {
        c.rect(x + 8 * k, cy + 2 * k, 14 * k, 7 * k, cl.color);
        c.frame(x + 8 * k, cy + 2 * k, 14 * k, 7 * k, {120, 120, 120, 255}, 0.3);
        c.text(x + 28 * k, cy, lang == Lang::Ja ? cl.labelJa : cl.labelEn, item);
        cy += lh;
      }
      TextStyle note = wrap;
      note.color = kWarn;
      cy += c.text(x + 6 * k, cy, lang == Lang::Ja ? classes->noteJa : classes->noteEn, note).h + 2 * k;
    }
    if (hazard) {
      TextStyle wrap = item;
      wrap.width = w - 12 * k;
      cy += c.text(x + 6 * k, cy, p.displayName(*hazard), wrap).h + 2 * k;
      for (const auto& stop : hazard->style.ramp.stops) {
        c.rect(x + 8 * k, cy + 2 * k, 14 * k, 7 * k, stop.color, hazard->style.opacity);
        c.frame(x + 8 * k, cy + 2 * k, 14 * k, 7 * k, {120, 120, 120, 255}, 0.3);
        c.text(x + 28 * k, cy, lang == Lang::Ja ? stop.labelJa : stop.labelEn, item);
        cy += lh;
      }
      if (!impactText.empty()) cy += c.text(x + 6 * k, cy, impactText, wrap).h + 2 * k;
    }
    if (crimes) {
      c.text(x + 6 * k, cy, p.displayName(*crimes), item);
      cy += lh;
      for (const auto& tc : table.counts) {
        const Rgba col = categoryColour(crimes->style, tc.category);
        if (crimes->style.visible)  // the points are on the map only when they are on the screen
          c.symbol(x + 14 * k, cy + lh / 2, 6 * k, crimes->style.shape, col, crimes->style.stroke, 0.4);
        std::string count = tc.noRecords ? tr(lang, "crime.no_records") : std::to_string(tc.count);
        c.text(x + 24 * k, cy, fmt::format("{}  {}", dataValueName(tc.type, lang), count), item);
        cy += lh;
      }
    }
    if (tb) {
      c.symbol(x + 14 * k, cy + lh / 2, 7 * k, tb->style.shape, tb->style.fill, tb->style.stroke, 0.5);
      c.text(x + 24 * k, cy, p.displayName(*tb), item);
      cy += lh;
    }
    if (sc) {
      bool none = sc->features.empty();
      c.symbol(x + 14 * k, cy + lh / 2, 8 * k, sc->style.shape, sc->style.fill, sc->style.stroke, 0.8);
      TextStyle st = item;
      if (none) st.color = kWarn;
      c.text(x + 24 * k, cy, none ? tr(lang, "print.centre_missing") : p.displayName(*sc), st);
      cy += lh;
    }
    c.line(x + 8 * k, cy + lh / 2, x + 20 * k, cy + lh / 2, kInk, 2.2 * k);
    c.text(x + 24 * k, cy, tr(lang, "print.district_boundary"), item);
  }
  // Notes on the map itself wherever what it shows is approximate.
  {
    TextStyle warn{7.5 * k, true};
    warn.color = kWarn;
    double y = fy + 6 * k;
    std::vector<std::string> notes;
    if (const Layer* d = p.layerByRole(LayerRole::Districts); d && d->provenance.approximate)
      notes.push_back(tr(lang, "legend.approximate"));
    if (table.synthetic) notes.push_back(tr(lang, "legend.synthetic"));
    for (const auto& l : p.layers())
      if (l->role != LayerRole::Crimes && l->provenance.synthetic && printed(*l)) {
        notes.push_back(tr(lang, "legend.synthetic_data") + std::string(" (") + p.displayName(*l) + ")");
      }
    for (const auto& n : notes) {
      TextSize sz = c.measure(n, warn);
      c.rect(fx + 6 * k, y, sz.w + 8 * k, sz.h + 3 * k, {255, 244, 214, 255}, 0.95);
      c.text(fx + 10 * k, y + 1.5 * k, n, warn);
      y += sz.h + 6 * k;
    }
  }
  drawFooter(c, s, info, p, table.synthetic);
}

}  // namespace safetymap::print
