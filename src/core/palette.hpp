#pragma once
// Colour-blind-safe palettes: Okabe–Ito for categories (points), Paul Tol's "light" for area fills.
#include <cstddef>

#include "core/district_activity.hpp"
#include "core/layer.hpp"

namespace safetymap {

Rgba categoricalColor(std::size_t i);  // Okabe–Ito, without black
Rgba areaColor(std::size_t i);         // Tol light
std::size_t areaColorCount();
Rgba withAlpha(Rgba c, std::uint8_t a);
// District colours for a drill / study-session status: done, planned, not done, not yet recorded (grey).
Rgba activityColor(ActivityStatus s);
Rgba parseHexColor(const char* hex, Rgba fallback);  // "#RRGGBB" or "#RRGGBBAA"

}  // namespace safetymap
