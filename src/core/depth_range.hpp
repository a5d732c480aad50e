#pragma once
// A tsunami depth as the hazard files give it: a depth in metres, or a class ("1.0m以上2.0m未満", "0.3～1m",
// "5m以上", "0.3m未満") as in the 国土数値情報 A40 field A40_003 and the prefectures' reports.
#include <limits>
#include <optional>
#include <string>

#include "core/layer.hpp"

namespace safetymap {

struct DepthRange {
  double lo = 0, hi = 0;  // metres; hi is infinite for "5m以上"; lo == hi for a measured depth
  // The depth a building must clear: the top of the class (its bottom when open-ended).
  double worst() const { return hi == std::numeric_limits<double>::infinity() ? lo : hi; }
  double middle() const { return hi == std::numeric_limits<double>::infinity() ? lo : (lo + hi) / 2; }
};

// Full-width digits and marks are read too; "cm" divides by 100. Empty when the text holds no depth.
std::optional<DepthRange> parseDepthRange(const std::string& text);

// A depth-class polygon's depth, from the first of the usual fields it has (A40_003, 浸水深, depth_m, …).
std::optional<DepthRange> featureDepth(const Layer& layer, const Feature& f);
// The field featureDepth reads in this layer, empty when it has none of them.
std::string depthField(const Layer& layer);

}  // namespace safetymap
