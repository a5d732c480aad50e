#pragma once
// The plan's indicators, computed live from the data and set beside the plan's own figures: "the
// plan says 108, the data has 103". Shown by the plan panel, printed by `safetymap stats`.
#include <string>
#include <vector>

#include "analysis/ward_stats.hpp"
#include "core/plan.hpp"

namespace safetymap::analysis {

struct Indicator {
  std::string id;          // e.g. "tsunami_buildings.count"
  std::string label;       // in the UI language
  std::string value;       // what the data says, formatted
  double number = 0;       // the figure itself where there is one
  bool known = true;       // false: the data cannot say (no capacity published, nothing recorded yet)
  std::string plan;        // what the plan says, with its words; empty when the plan states no figure
  bool disagrees = false;  // the data and the plan differ: shown as a warning
  std::string note;        // why they differ, or what the figure rests on (synthetic, approximate)
};

Indicator computeIndicator(const std::string& id, const Plan& plan, const WardStats& stats, Lang lang);
// Every indicator linked to this plan item (an issue, strategy or action) and everything under it, in plan order.
std::vector<Indicator> indicatorsFor(const std::string& planItem, const Plan& plan, const WardStats& stats, Lang lang);
// Every indicator the plan links, once each.
std::vector<Indicator> allIndicators(const Plan& plan, const WardStats& stats, Lang lang);

}  // namespace safetymap::analysis
