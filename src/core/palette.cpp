#include "core/palette.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace safetymap {

namespace {
// Okabe & Ito (2008), "Color Universal Design": orange, sky blue, bluish green, yellow, blue,
// vermillion, reddish purple. Black is kept for outlines.
constexpr std::array<Rgba, 7> kOkabeIto{{{230, 159, 0, 255},
                                         {86, 180, 233, 255},
                                         {0, 158, 115, 255},
                                         {240, 228, 66, 255},
                                         {0, 114, 178, 255},
                                         {213, 94, 0, 255},
                                         {204, 121, 167, 255}}};
// Paul Tol, "light" qualitative scheme (colour-blind safe, readable under dark text).
constexpr std::array<Rgba, 9> kTolLight{{{119, 170, 221, 255},
                                         {153, 221, 255, 255},
                                         {68, 187, 153, 255},
                                         {187, 204, 51, 255},
                                         {170, 170, 0, 255},
                                         {238, 221, 136, 255},
                                         {238, 136, 102, 255},
                                         {255, 170, 187, 255},
                                         {221, 221, 221, 255}}};
}  // namespace

Rgba categoricalColor(std::size_t i) {
  return kOkabeIto[i % kOkabeIto.size()];
}
Rgba areaColor(std::size_t i) {
  return kTolLight[i % kTolLight.size()];
}
std::size_t areaColorCount() {
  return kTolLight.size();
}

Rgba parseHexColor(const char* hex, Rgba fallback) {
  if (!hex || hex[0] != '#') return fallback;
  unsigned r, g, b, a = 255;
  size_t n = std::strlen(hex);
  if (n == 7 && std::sscanf(hex + 1, "%2x%2x%2x", &r, &g, &b) == 3)
    return Rgba{uint8_t(r), uint8_t(g), uint8_t(b), 255};
  if (n == 9 && std::sscanf(hex + 1, "%2x%2x%2x%2x", &r, &g, &b, &a) == 4)
    return Rgba{uint8_t(r), uint8_t(g), uint8_t(b), uint8_t(a)};
  return fallback;
}

Rgba activityColor(ActivityStatus s) {
  switch (s) {
    case ActivityStatus::Done: return {0, 158, 115, 255};      // Okabe–Ito bluish green
    case ActivityStatus::Planned: return {240, 228, 66, 255};  // yellow
    case ActivityStatus::NotDone: return {213, 94, 0, 255};    // vermillion
    case ActivityStatus::NotRecorded: break;
  }
  return {200, 200, 200, 255};
}

int walkBand(double metres, double speed) {
  if (!std::isfinite(metres)) return 5;
  const double minutes = metres / speed / 60.0;
  return minutes <= 5 ? 0 : minutes <= 10 ? 1 : minutes <= 15 ? 2 : minutes <= 20 ? 3 : 4;
}

Rgba walkBandColor(int band) {
  // ColorBrewer YlOrRd (6 classes, marked colour-blind safe, without its palest so the nearest streets still
  // show on white paper): light to dark as the walk gets longer, so the bands read by lightness alone, and
  // far from the blue of the routes drawn over them. Unreachable: grey.
  static const Rgba colors[kWalkBandCount] = {{254, 217, 118, 255}, {254, 178, 76, 255}, {253, 141, 60, 255},
                                              {240, 59, 32, 255},   {189, 0, 38, 255},   {90, 90, 90, 255}};
  return colors[std::clamp(band, 0, kWalkBandCount - 1)];
}

std::string walkBandRange(int band) {
  static const char* ranges[kWalkBandCount] = {"0–5", "5–10", "10–15", "15–20", "20+", ""};
  return ranges[std::clamp(band, 0, kWalkBandCount - 1)];
}

}  // namespace safetymap
