#include "analysis/crime_choropleth.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <unordered_map>

#include "analysis/district_join.hpp"
#include "analysis/town_match.hpp"
#include "analysis/ward_stats.hpp"

namespace safetymap::analysis {

namespace {
// ColorBrewer Purples, 5 classes: light for none, dark for most; apart from the walking bands and the blue buildings.
constexpr Rgba kRamp[] = {
    {242, 240, 247, 255}, {203, 201, 226, 255}, {158, 154, 200, 255}, {117, 107, 177, 255}, {84, 39, 143, 255}};

std::string fmtValue(double v, CrimeMeasure m) {
  return m == CrimeMeasure::Count ? fmt::format("{:.0f}", v) : fmt::format("{:.1f}", v);
}
}  // namespace

ChomeCrimes countCrimesByChome(const Project& p, const std::optional<Period>& period) {
  ChomeCrimes out;
  const Layer* chome = p.layerByRole(LayerRole::Chome);
  const Layer* crimes = p.layerByRole(LayerRole::Crimes);
  if (!chome) return out;
  out.count.assign(chome->features.size(), 0);
  out.population.assign(chome->features.size(), -1);
  for (size_t i = 0; i < chome->features.size(); ++i)
    if (const std::string* v = chome->value(chome->features[i], "population"); v && !v->empty())
      out.population[i] = std::strtol(v->c_str(), nullptr, 10);
  if (!crimes) return out;
  // Columns found once; dates and 町丁目 names are pooled texts, so each distinct one is read once (a year of a
  // ward's records has a few hundred of each, a million records the same few hundred).
  const int dateCol = crimes->fieldIndex(kCrimeDateField), townCol = crimes->fieldIndex("町丁目（発生地）"),
            typeCol = crimes->fieldIndex(kCrimeTypeField);
  auto idAt = [](const Feature& f, int col) -> TextId {
    return col >= 0 && static_cast<size_t>(col) < f.values.size() ? f.values.id(static_cast<size_t>(col)) : 0;
  };
  TownMatcher towns(*chome);
  std::unordered_map<TextId, int> townOf;
  std::unordered_map<TextId, std::pair<int, int>> dateOf;  // year (0: none), month
  std::unique_ptr<DistrictLocator> byPosition;             // for records without a 町丁目, made when one comes
  TextId type = 0;
  bool oneType = true;
  YearMonth first{9999, 12}, last{0, 1};
  for (const auto& f : crimes->features) {
    const TextId t = idAt(f, typeCol);
    if (&f == &crimes->features.front()) type = t;
    oneType = oneType && t == type && t != 0;
    const TextId d = idAt(f, dateCol);
    auto date = dateOf.find(d);
    if (date == dateOf.end()) {
      int month = 0, year = d ? yearOf(textOf(d), &month) : 0;
      date = dateOf.emplace(d, std::pair{year, month}).first;
    }
    const auto [year, month] = date->second;
    if (period && (!year || !period->contains({year, month}))) continue;
    if (year) first = std::min(first, YearMonth{year, month}), last = std::max(last, YearMonth{year, month});
    int c = -1;
    if (const TextId town = idAt(f, townCol)) {
      auto known = townOf.find(town);
      if (known == townOf.end()) known = townOf.emplace(town, towns.match(textOf(town)).feature).first;
      c = known->second;
    } else if (!f.geometry.points.empty()) {
      if (!byPosition) byPosition = std::make_unique<DistrictLocator>(*chome);
      c = byPosition->locate(f.geometry.points.front());
    }
    if (c < 0) {
      ++out.unmatched;
      continue;
    }
    ++out.count[static_cast<size_t>(c)];
    ++out.matched;
  }
  if (oneType && !crimes->features.empty()) out.onlyType = textOf(type);
  if (period)
    out.span = fmt::format("{:04d}-{:02d} – {:04d}-{:02d}", period->from.year, period->from.month, period->to.year,
                           period->to.month);
  else if (last.year)
    out.span = fmt::format("{:04d}-{:02d} – {:04d}-{:02d}", first.year, first.month, last.year, last.month);
  return out;
}

std::optional<double> measureOf(const ChomeCrimes& c, size_t i, CrimeMeasure m) {
  if (m == CrimeMeasure::Count) return c.count[i];
  // A rate over a handful of residents swings with one record (11 people, 1 record = 91 per 1,000): not shown.
  if (c.population[i] < kMinRatePopulation) return std::nullopt;
  return 1000.0 * c.count[i] / static_cast<double>(c.population[i]);
}

bool applyCrimeChoropleth(Project& p, CrimeMeasure m, const std::optional<Period>& period) {
  return applyCrimeChoropleth(p, m, countCrimesByChome(p, period));
}

bool applyCrimeChoropleth(Project& p, CrimeMeasure m, const ChomeCrimes& counts) {
  const Layer* shown = p.layerByRole(LayerRole::Chome);
  if (!shown || counts.count.size() != shown->features.size()) return false;
  Layer* chome = p.editByRole(LayerRole::Chome);
  const Layer* crimes = p.layerByRole(LayerRole::Crimes);
  ClassedFill cf;
  // Without records the 町丁目 stay unfilled (a grey ward with no legend would read as "no crime").
  std::vector<Rgba> fills(chome->features.size(), Rgba{0, 0, 0, 0});
  const bool counted = crimes && counts.matched > 0;
  if (counted) std::fill(fills.begin(), fills.end(), cf.noData);
  if (counted) {
    // Breaks: zero on its own, then quartiles of the positive values (ties merged).
    std::vector<double> positive;
    for (size_t i = 0; i < counts.count.size(); ++i)
      if (auto v = measureOf(counts, i, m); v && *v > 0) positive.push_back(*v);
    std::sort(positive.begin(), positive.end());
    std::vector<double> upper;  // upper bound of each positive class
    for (int q = 1; q <= 4 && !positive.empty(); ++q) {
      double v = positive[std::min(positive.size() - 1, static_cast<size_t>(std::ceil(q * positive.size() / 4.0)) - 1)];
      if (m == CrimeMeasure::RatePer1000) v = std::ceil(v * 10 - 1e-9) / 10;
      if (upper.empty() || v > upper.back()) upper.push_back(v);
    }
    if (!upper.empty()) upper.back() = std::max(upper.back(), positive.back());
    const char* unitJa = m == CrimeMeasure::Count ? "件" : "";
    cf.classes.push_back({0, 0, kRamp[0], std::string("0") + unitJa, "0"});
    for (size_t k = 0; k < upper.size(); ++k) {
      double lo = k == 0 ? 0 : upper[k - 1];
      std::string range;
      if (m == CrimeMeasure::Count)  // whole numbers: 1–3, 4–7 …
        range = lo + 1 == upper[k] ? fmtValue(upper[k], m) : fmtValue(lo + 1, m) + "–" + fmtValue(upper[k], m);
      else  // rates: above the last bound, up to this one
        range = "> " + fmtValue(lo, m) + " – " + fmtValue(upper[k], m);
      Rgba colour = kRamp[std::min<size_t>(4, k + 1 + (4 - upper.size()))];
      cf.classes.push_back({m == CrimeMeasure::Count ? lo + 1 : lo, upper[k], colour, range + unitJa, range});
    }
    for (size_t i = 0; i < fills.size(); ++i) {
      auto v = measureOf(counts, i, m);
      if (!v) continue;
      for (const auto& k : cf.classes)
        if (*v <= k.hi + 1e-9) {
          fills[i] = k.color;
          break;
        }
    }
    // Named by the type when the records are all of one (the police's open files are one 手口 each).
    const std::string what = counts.onlyType.empty() ? "街頭犯罪" : counts.onlyType;
    const std::string whatEn = what == "街頭犯罪" ? "street crime" : dataValueName(what, Lang::En);
    if (m == CrimeMeasure::Count) {
      cf.titleJa = fmt::format("町丁目別の件数（{}、{}）", what, counts.span);
      cf.titleEn = fmt::format("Records per 町丁目 ({}, {})", whatEn, counts.span);
    } else {
      cf.titleJa = fmt::format("住民千人あたりの件数（{}、{}、人口は2015年国勢調査）", what, counts.span);
      cf.titleEn = fmt::format("Records per 1,000 residents ({}, {}; 2015 census)", whatEn, counts.span);
      cf.noDataJa = fmt::format("住民{}人未満（率は出さない）", kMinRatePopulation);
      cf.noDataEn = fmt::format("fewer than {} residents (no rate)", kMinRatePopulation);
    }
    cf.noteJa = "概略：町丁目の境界は代表点からの推定";
    cf.noteEn = "Approximate: the 町丁目 outlines are estimated from their representative points";
  }
  bool changed = fills != chome->style.featureFills || cf.titleJa != chome->style.classedFill.titleJa ||
                 cf.classes.size() != chome->style.classedFill.classes.size();
  if (!changed)
    for (size_t k = 0; k < cf.classes.size(); ++k)
      changed = changed || cf.classes[k].hi != chome->style.classedFill.classes[k].hi;
  if (!changed) return false;
  chome->style.featureFills = std::move(fills);
  chome->style.classedFill = std::move(cf);
  chome->touchStyle();
  return true;
}

}  // namespace safetymap::analysis
