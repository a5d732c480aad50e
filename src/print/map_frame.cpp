#include "print/map_frame.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstring>

#include "core/feature_style.hpp"
#include "core/raster.hpp"

namespace safetymap::print {

PageTransform fitFrame(Bounds area, double fx, double fy, double fw, double fh) {
  if (area.empty()) area.add(Vec2{-49500, -148500}), area.add(Vec2{-49400, -148400});
  double padX = area.width() * 0.08 + 60, padY = area.height() * 0.08 + 60;
  area.minx -= padX, area.maxx += padX, area.miny -= padY, area.maxy += padY;
  PageTransform t;
  t.scale = std::min(fw / area.width(), fh / area.height());
  Vec2 centre = area.center();
  t.world = {centre.x - fw / t.scale / 2, centre.y - fh / t.scale / 2, centre.x + fw / t.scale / 2,
             centre.y + fh / t.scale / 2};
  t.x0 = fx, t.y0 = fy;
  return t;
}

void ringPath(cairo_t* cr, const Ring& r, const PageTransform& t) {
  if (r.size() < 3) return;
  cairo_move_to(cr, t.px(r[0].x), t.py(r[0].y));
  for (size_t i = 1; i < r.size(); ++i) cairo_line_to(cr, t.px(r[i].x), t.py(r[i].y));
  cairo_close_path(cr);
}

void geometryPath(cairo_t* cr, const Geometry& g, const PageTransform& t) {
  for (const auto& p : g.polygons) {
    ringPath(cr, p.outer, t);
    for (const auto& h : p.holes) ringPath(cr, h, t);
  }
  for (const auto& l : g.lines) {
    if (l.empty()) continue;
    cairo_move_to(cr, t.px(l[0].x), t.py(l[0].y));
    for (size_t i = 1; i < l.size(); ++i) cairo_line_to(cr, t.px(l[i].x), t.py(l[i].y));
  }
}

bool printed(const Layer& l) {
  switch (l.role) {
    case LayerRole::SafetyCentres:
    case LayerRole::Districts:
    case LayerRole::Ward: return true;
    default: return l.style.visible;
  }
}

void drawAreas(const Canvas& c, const Layer& l, const Project& p, int district, const PageTransform& t) {
  cairo_t* cr = c.cr();
  const LayerStyle& s = l.style;
  for (size_t i = 0; i < l.features.size(); ++i) {
    const Feature& f = l.features[i];
    if (f.geometry.polygons.empty() || !f.geometry.bounds().intersects(t.world)) continue;
    const Rgba fill = featureColour(l, i, p);
    double alpha = s.opacity;
    if (l.role == LayerRole::Districts && district >= 0 && static_cast<int>(i) != district) alpha *= 70.0 / 255.0;
    cairo_new_path(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    geometryPath(cr, f.geometry, t);
    if (s.drawFill && fill.a > 0) {
      c.setColor(fill, alpha * fill.a / 255.0);
      cairo_fill_preserve(cr);
    }
    if (s.drawStroke) {
      c.setColor(s.stroke, l.role == LayerRole::Roads ? 0.5 : 1.0);
      cairo_set_line_width(cr, std::max(0.3, s.strokeWidthPx * kPxToPt * 0.6));
      cairo_stroke(cr);
    }
    cairo_new_path(cr);
  }
}

void drawRaster(const Canvas& c, const Layer& l, const PageTransform& t, double fx, double fy, double fw, double fh) {
  if (!l.isRaster()) return;
  const RasterInfo& info = l.raster->info();
  // The frame's part of the world, and of that the raster's part.
  const Bounds frame{t.world.minx + (fx - t.x0) / t.scale, t.world.maxy - (fy + fh - t.y0) / t.scale,
                     t.world.minx + (fx + fw - t.x0) / t.scale, t.world.maxy - (fy - t.y0) / t.scale};
  const Bounds part{std::max(frame.minx, info.extent.minx), std::max(frame.miny, info.extent.miny),
                    std::min(frame.maxx, info.extent.maxx), std::min(frame.maxy, info.extent.maxy)};
  if (part.empty() || part.width() <= 0 || part.height() <= 0) return;
  constexpr double kDpi = 200;
  const double wPt = part.width() * t.scale, hPt = part.height() * t.scale;
  auto [w, h] = rasterPictureSize(info, part, static_cast<int>(std::min(4000.0, std::max(wPt, hPt) * kDpi / 72)));
  if (w <= 0 || h <= 0) return;
  const RgbaImage img = paintRaster(*l.raster, l.style.ramp, part, w, h);
  if (img.empty()) return;
  // cairo wants premultiplied ARGB in native byte order.
  cairo_surface_t* surf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, img.width, img.height);
  const int stride = cairo_image_surface_get_stride(surf);
  unsigned char* data = cairo_image_surface_get_data(surf);
  cairo_surface_flush(surf);
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      const std::uint8_t* p = &img.pixels[(static_cast<size_t>(y) * img.width + x) * 4];
      const std::uint32_t a = p[3];
      const std::uint32_t px = (a << 24) | ((p[0] * a / 255) << 16) | ((p[1] * a / 255) << 8) | (p[2] * a / 255);
      std::memcpy(data + static_cast<size_t>(y) * stride + static_cast<size_t>(x) * 4, &px, 4);
    }
  cairo_surface_mark_dirty(surf);
  cairo_t* cr = c.cr();
  cairo_save(cr);
  cairo_translate(cr, t.px(part.minx), t.py(part.maxy));
  cairo_scale(cr, wPt / img.width, hPt / img.height);
  cairo_set_source_surface(cr, surf, 0, 0);
  // Classes keep their edges; a photo is smoothed.
  cairo_pattern_set_filter(cairo_get_source(cr), info.rgb ? CAIRO_FILTER_GOOD : CAIRO_FILTER_NEAREST);
  cairo_paint_with_alpha(cr, l.style.opacity);
  cairo_restore(cr);
  cairo_surface_destroy(surf);
}

void drawNorthArrow(const Canvas& c, double ax, double ay, double k, Lang lang) {
  // Grid north of Plane CS VI; true north differs by under 0.3° in the ward.
  cairo_t* cr = c.cr();
  double h = 22 * k;
  c.rect(ax - 12 * k, ay - 4 * k, 24 * k, h + 18 * k, {255, 255, 255, 255}, 0.85);
  cairo_new_path(cr);
  cairo_move_to(cr, ax, ay + 10 * k);
  cairo_line_to(cr, ax + 7 * k, ay + h + 8 * k);
  cairo_line_to(cr, ax, ay + h + 2 * k);
  cairo_line_to(cr, ax - 7 * k, ay + h + 8 * k);
  cairo_close_path(cr);
  c.setColor(kInk);
  cairo_fill(cr);
  TextStyle n{8 * k, true};
  n.align = TextStyle::Align::Center;
  n.width = 24 * k;
  c.text(ax - 12 * k, ay - 3 * k, tr(lang, "north"), n);
}

void drawScaleBar(const Canvas& c, const PageTransform& t, double fx, double fy, double fw, double fh, double k) {
  // A round length, and the paper scale.
  double metresPerPt = 1.0 / t.scale;
  double maxM = fw * 0.25 * metresPerPt;
  double p10 = std::pow(10.0, std::floor(std::log10(maxM))), len = p10;
  for (double f : {5.0, 2.0, 1.0})
    if (f * p10 <= maxM) {
      len = f * p10;
      break;
    }
  double w = len * t.scale, x = fx + fw - w - 16 * k, y = fy + fh - 16 * k;
  c.rect(x - 8 * k, y - 20 * k, w + 16 * k, 30 * k, {255, 255, 255, 255}, 0.85);
  c.rect(x, y, w / 2, 3 * k, kInk);
  c.rect(x + w / 2, y, w / 2, 3 * k, {255, 255, 255, 255});
  c.frame(x, y, w, 3 * k, kInk, 0.5);
  TextStyle st{7 * k};
  long denom = std::lround(metresPerPt / (0.0254 / 72.0) / 100.0) * 100;
  c.text(x, y - 12 * k, fmt::format("{} m    1:{}", static_cast<long>(len), denom), st);
}

void drawMapFurniture(const Canvas& c, const PageTransform& t, double fx, double fy, double fw, double fh, double k,
                      Lang lang) {
  c.frame(fx, fy, fw, fh, kInk, 0.8);
  drawNorthArrow(c, fx + fw - 22 * k, fy + 14 * k, k, lang);
  drawScaleBar(c, t, fx, fy, fw, fh, k);
}

}  // namespace safetymap::print
