#include "core/raster.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace safetymap {

int ColorRamp::classOf(double v) const {
  if (std::isnan(v)) return -1;
  int k = -1;
  for (size_t i = 0; i < stops.size() && v >= stops[i].value; ++i) k = static_cast<int>(i);
  return k;
}

Rgba ColorRamp::colorOf(double v) const {
  const int k = classOf(v);
  if (k < 0) return {0, 0, 0, 0};
  const RampStop& a = stops[static_cast<size_t>(k)];
  if (classed || static_cast<size_t>(k) + 1 >= stops.size()) return a.color;
  const RampStop& b = stops[static_cast<size_t>(k) + 1];
  const double t = b.value > a.value ? (v - a.value) / (b.value - a.value) : 0;
  auto mix = [t](std::uint8_t x, std::uint8_t y) { return static_cast<std::uint8_t>(std::lround(x + (y - x) * t)); };
  return {mix(a.color.r, b.color.r), mix(a.color.g, b.color.g), mix(a.color.b, b.color.b), mix(a.color.a, b.color.a)};
}

namespace {
std::string metres(double v) { return fmt::format("{:g}", v); }

void labelClasses(ColorRamp& r) {
  for (size_t i = 0; i < r.stops.size(); ++i) {
    RampStop& s = r.stops[i];
    if (i + 1 < r.stops.size()) {
      s.labelJa = fmt::format("{}–{} m", metres(s.value), metres(r.stops[i + 1].value));
      s.labelEn = s.labelJa;
    } else {
      s.labelJa = fmt::format("{} m以上", metres(s.value));
      s.labelEn = fmt::format("{} m and more", metres(s.value));
    }
  }
}
}  // namespace

ColorRamp depthRamp() {
  ColorRamp r;
  r.titleJa = "津波浸水深";
  r.titleEn = "Tsunami depth";
  // ColorBrewer YlGnBu, 7 classes: light to dark, safe for the common colour-vision deficiencies.
  const Rgba colours[] = {{255, 255, 204, 255}, {199, 233, 180, 255}, {127, 205, 187, 255}, {65, 182, 196, 255},
                          {29, 145, 192, 255},  {34, 94, 168, 255},   {12, 44, 132, 255}};
  const double breaks[] = {0.01, 0.3, 1, 2, 3, 4, 5};
  for (size_t i = 0; i < std::size(breaks); ++i) r.stops.push_back({breaks[i], colours[i], "", ""});
  labelClasses(r);
  return r;
}

ColorRamp valueRamp(double lo, double hi) {
  ColorRamp r;
  r.titleJa = "値";
  r.titleEn = "Value";
  r.classed = false;
  if (!(hi > lo)) hi = lo + 1;
  r.stops = {{lo, {247, 251, 255, 255}, metres(lo), metres(lo)}, {hi, {8, 48, 107, 255}, metres(hi), metres(hi)}};
  return r;
}

ColorRamp withBreaks(const ColorRamp& ramp, const std::vector<double>& breaks) {
  ColorRamp r = ramp;
  r.stops.clear();
  for (size_t i = 0; i < breaks.size(); ++i) {
    // The colours keep their order; extra classes repeat the darkest.
    const size_t from = ramp.stops.empty() ? 0 : std::min(i, ramp.stops.size() - 1);
    r.stops.push_back({breaks[i], ramp.stops.empty() ? Rgba{} : ramp.stops[from].color, "", ""});
  }
  if (r.classed) labelClasses(r);
  else
    for (auto& s : r.stops) s.labelJa = s.labelEn = metres(s.value);
  return r;
}

bool rasterCovers(const RasterInfo& info, Vec2 p) {
  return info.extent.contains(p) && (info.footprint.size() < 3 || contains(info.footprint, p));
}

Vec2 RasterGrid::cellCentre(int x, int y) const {
  return {extent.minx + (x + 0.5) * cellWidth(), extent.maxy - (y + 0.5) * cellHeight()};
}

RgbaImage paintRaster(const RasterSource& source, const ColorRamp& ramp, const Bounds& extent, int w, int h) {
  if (source.info().rgb) return source.colours(extent, w, h);
  return paintGrid(source.values(extent, w, h), ramp);
}

RgbaImage paintGrid(const RasterGrid& g, const ColorRamp& ramp) {
  RgbaImage img;
  if (g.empty()) return img;
  img.width = g.width;
  img.height = g.height;
  img.extent = g.extent;
  img.pixels.resize(static_cast<size_t>(g.width) * static_cast<size_t>(g.height) * 4);
  for (size_t i = 0; i < g.values.size(); ++i) {
    const Rgba c = ramp.colorOf(g.values[i]);
    img.pixels[i * 4 + 0] = c.r;
    img.pixels[i * 4 + 1] = c.g;
    img.pixels[i * 4 + 2] = c.b;
    img.pixels[i * 4 + 3] = c.a;
  }
  return img;
}

std::pair<int, int> rasterPictureSize(const RasterInfo& info, const Bounds& extent, int maxSide) {
  if (extent.empty() || extent.width() <= 0 || extent.height() <= 0) return {0, 0};
  // No finer than the raster's own cells: more pixels would only repeat them.
  double cell = std::max(extent.width(), extent.height()) / maxSide;
  if (info.cellMetres > 0) cell = std::max(cell, info.cellMetres);
  const int w = std::max(1, static_cast<int>(std::ceil(extent.width() / cell)));
  const int h = std::max(1, static_cast<int>(std::ceil(extent.height() / cell)));
  return {std::min(w, maxSide), std::min(h, maxSide)};
}

}  // namespace safetymap
