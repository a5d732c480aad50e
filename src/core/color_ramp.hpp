#pragma once
// How a raster's single band becomes colours: the ramp, shared by the screen, the legend and the printout.
#include <string>
#include <vector>

#include "core/rgba.hpp"

namespace safetymap {

// How a single band's values become colours: classed (value in [from, next from) takes the colour) or a smooth
// blend between stops. The screen, the legend and the printout read the same ramp.
struct RampStop {
  double value = 0;
  Rgba color;
  std::string labelJa, labelEn;  // the class as printed, e.g. 「1–2 m」
};
struct ColorRamp {
  std::string titleJa, titleEn;
  std::vector<RampStop> stops;  // ascending values
  bool classed = true;
  Rgba colorOf(double v) const;  // below the first stop: transparent
  int classOf(double v) const;   // the stop a value falls in, -1 below the first
  bool empty() const { return stops.empty(); }
};

// The tsunami depth classes of the prefecture's maps (0.01–0.3, 0.3–1, 1–2, 2–3, 3–4, 4–5, 5 m and more) in a
// sequential colour-blind-safe blue ramp (ColorBrewer YlGnBu): deeper is darker.
ColorRamp depthRamp();
// A smooth grey-to-blue ramp over a value range, for any other single-band raster.
ColorRamp valueRamp(double lo, double hi);
// Replaces the breaks (ascending metres) keeping the colours in order; labels follow the new breaks.
ColorRamp withBreaks(const ColorRamp& ramp, const std::vector<double>& breaks);

}  // namespace safetymap
