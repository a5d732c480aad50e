#pragma once
// Colour-blind-safe palettes: Okabe–Ito for categories (points), Paul Tol's "light" for area fills.
#include <cstddef>
#include <string>

#include "core/district_activity.hpp"
#include "core/layer.hpp"

namespace safetymap {

Rgba categoricalColor(std::size_t i);  // Okabe–Ito, without black
Rgba areaColor(std::size_t i);         // Tol light
std::size_t areaColorCount();
// District colours for a drill / study-session status: done, planned, not done, not yet recorded (grey).
Rgba activityColor(ActivityStatus s);

// The drill planner's walking-time bands (minutes at the drill speed): 0–5, 5–10, 10–15, 15–20, 20+ and,
// as band 5, unreachable (infinite metres). ColorBrewer YlOrRd: darker is farther. Screen and paper share it.
inline constexpr int kWalkBandCount = 6;
int walkBand(double metres, double speed);
Rgba walkBandColor(int band);
std::string walkBandRange(int band);                 // "0–5" … "20+"; empty for unreachable
Rgba parseHexColor(const char* hex, Rgba fallback);  // "#RRGGBB" or "#RRGGBBAA"

}  // namespace safetymap
