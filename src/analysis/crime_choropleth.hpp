#pragma once
// Crimes per 町丁目 as a classed choropleth. The police records carry a 町丁目, not a place, so the
// honest map of them is the 町丁目 coloured by count (or by rate per 1,000 residents of the 2015
// census), in classes whose bounds the legend prints. Screen and paper use the same classes.
#include <optional>
#include <string>
#include <vector>

#include "core/period.hpp"
#include "core/project.hpp"

namespace safetymap::analysis {

enum class CrimeMeasure { Count, RatePer1000 };
inline constexpr long kMinRatePopulation = 100;  // fewer residents than this: no rate (too few to compare)

struct ChomeCrimes {
  std::vector<int> count;          // per feature of the 町丁目 layer
  std::vector<long> population;    // 2015 census; -1 = unknown
  int matched = 0, unmatched = 0;  // records counted in a 町丁目, and those in none
  std::string span;                // the period counted, as printed ("2017-09 – 2019-12")
  std::string onlyType;            // the 手口 every record shares (a police file is one each); empty when several
};

// Records of the crime layer in the period (all when none), counted by their 町丁目 column, or by position
// for records without one. Empty when the project has no 町丁目 or no crime layer.
ChomeCrimes countCrimesByChome(const Project& project, const std::optional<Period>& period = std::nullopt);

// Sets the 町丁目 layer's per-feature fills and its classes (five classes: none, then quantiles of the rest,
// ColorBrewer Purples, colour-blind safe). Returns true when the style changed.
bool applyCrimeChoropleth(Project& project, CrimeMeasure measure, const std::optional<Period>& period = std::nullopt);
// The same from counts already made (per 町丁目, not per record: cheap enough for the UI thread, while the counting
// runs on a job). Counts made for another 町丁目 layer (a different number of features) change nothing.
bool applyCrimeChoropleth(Project& project, CrimeMeasure measure, const ChomeCrimes& counts);

// The value a 町丁目 is classed by: the count, or per 1,000 residents (nullopt under kMinRatePopulation people).
std::optional<double> measureOf(const ChomeCrimes& c, size_t chome, CrimeMeasure measure);

}  // namespace safetymap::analysis
