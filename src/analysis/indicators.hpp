#pragma once
// The policy's indicators, computed live from the data and set beside the policy's own figures: "the
// policy says 108, the data has 103". Shown by the policy panel, printed by `safetymap stats`.
#include <string>
#include <vector>

#include "analysis/ward_stats.hpp"
#include "core/policy.hpp"

namespace safetymap::analysis {

struct Indicator {
  std::string id;          // e.g. "tsunami_buildings.count"
  std::string label;       // in the UI language
  std::string value;       // what the data says, formatted
  double number = 0;       // the figure itself where there is one
  bool known = true;       // false: the data cannot say (no capacity published, nothing recorded yet)
  std::string policySays;        // what the policy says, with its words; empty when the policy states no figure
  bool disagrees = false;  // the data and the policy differ: shown as a warning
  std::string note;        // why they differ, or what the figure rests on (synthetic, approximate)
};

Indicator computeIndicator(const std::string& id, const Policy& policy, const WardStats& stats, Lang lang);
// Every indicator linked to this policy item (an issue, strategy or action) and everything under it, in policy order.
std::vector<Indicator> indicatorsFor(const std::string& policyItem, const Policy& policy, const WardStats& stats, Lang lang);
// Every indicator the policy links, once each.
std::vector<Indicator> allIndicators(const Policy& policy, const WardStats& stats, Lang lang);

}  // namespace safetymap::analysis
