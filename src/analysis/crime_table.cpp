#include "analysis/crime_table.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "analysis/ward_stats.hpp"

namespace safetymap::analysis {

namespace {
std::string valueOf(const Layer& l, const Feature& f, const char* field) {
  const std::string* v = l.value(f, field);
  return v ? *v : std::string();
}
}  // namespace

std::optional<Period> crimeDataSpan(const Project& p) {
  const Layer* l = p.layerByRole(LayerRole::Crimes);
  if (!l) return std::nullopt;
  std::optional<Period> span;
  for (const auto& f : l->features) {
    int month = 0;
    int y = yearOf(valueOf(*l, f, kCrimeDateField), &month);
    if (!y) continue;
    YearMonth m{y, month};
    if (!span) span = Period{m, m};
    span->from = std::min(span->from, m);
    span->to = std::max(span->to, m);
  }
  return span;
}

std::optional<Period> defaultPeriod(const Project& p) {
  auto span = crimeDataSpan(p);
  if (!span) return std::nullopt;
  Period last12{YearMonth::fromIndex(span->to.index() - 11), span->to};
  if (last12.from < span->from) last12.from = span->from;
  return last12;
}

CrimeTable buildCrimeTable(const Project& p, int district, const Period& period) {
  CrimeTable t;
  t.period = period;
  const Layer* l = p.layerByRole(LayerRole::Crimes);
  if (!l) return t;
  t.synthetic = l->provenance.synthetic;
  t.approximate = l->provenance.approximate;
  auto span = crimeDataSpan(p);
  Period prev = period.previous();
  if (span && span->from.index() <= prev.from.index()) t.previousPeriod = prev;
  std::string typeField = l->style.categoryField.empty() ? kCrimeTypeField : l->style.categoryField;
  for (size_t i = 0; i < l->style.categories.size(); ++i)
    t.counts.push_back(
        {l->style.categories[i].value, static_cast<int>(i), 0, t.previousPeriod ? std::optional(0) : std::nullopt});
  std::set<std::string> present;
  std::map<std::string, TownCount> towns;
  for (size_t i = 0; i < l->features.size(); ++i) {
    const Feature& f = l->features[i];
    present.insert(valueOf(*l, f, typeField.c_str()));
    if (district >= 0 && f.district != district) continue;
    std::string date = valueOf(*l, f, kCrimeDateField);
    int month = 0;
    int y = yearOf(date, &month);
    if (!y) continue;
    t.byYear[y]++;
    YearMonth m{y, month};
    std::string type = valueOf(*l, f, typeField.c_str());
    auto it = std::find_if(t.counts.begin(), t.counts.end(), [&](const TypeCount& c) { return c.type == type; });
    if (it == t.counts.end()) {
      t.counts.push_back({type, f.category, 0, t.previousPeriod ? std::optional(0) : std::nullopt});
      it = t.counts.end() - 1;
    }
    std::string town = valueOf(*l, f, "町丁目（発生地）");
    TownCount* tc = nullptr;
    if (!town.empty() && (period.contains(m) || (t.previousPeriod && t.previousPeriod->contains(m)))) {
      tc = &towns[town];
      tc->town = town;
      if (t.previousPeriod && !tc->previous) tc->previous = 0;
    }
    if (period.contains(m)) {
      it->count++;
      if (tc) tc->count++;
      CrimeRecord r;
      r.feature = static_cast<int>(i);
      r.date = date;
      r.month = m;
      std::string digits;
      for (char c : date)
        if (c >= '0' && c <= '9') digits += c;
      r.day = digits.size() >= 8 ? std::stoi(digits.substr(6, 2)) : 0;
      r.hour = valueOf(*l, f, "発生時（始期）");
      r.type = type;
      r.town = valueOf(*l, f, "町丁目（発生地）");
      r.place = valueOf(*l, f, "発生場所");
      if (r.place.empty()) r.place = valueOf(*l, f, "発生場所の属性");  // the police files' own column
      r.category = f.category;
      t.records.push_back(std::move(r));
    } else if (t.previousPeriod && t.previousPeriod->contains(m)) {
      (*it->previous)++;
      if (tc) (*tc->previous)++;
    }
  }
  std::stable_sort(t.records.begin(), t.records.end(), [](const CrimeRecord& a, const CrimeRecord& b) {
    if (a.month.index() != b.month.index()) return a.month.index() < b.month.index();
    if (a.day != b.day) return a.day < b.day;
    return std::atoi(a.hour.c_str()) < std::atoi(b.hour.c_str());
  });
  for (auto& c : t.counts) c.noRecords = !present.count(c.type);
  // The people behind the rates: the districts layer's census figure, summed for the ward.
  if (const Layer* dl = p.layerByRole(LayerRole::Districts))
    for (size_t i = 0; i < p.districts().size(); ++i) {
      if (district >= 0 && static_cast<int>(i) != district) continue;
      const int fi = p.districts()[i].featureIndex;
      if (fi < 0 || static_cast<size_t>(fi) >= dl->features.size()) continue;
      const std::string* v = dl->value(dl->features[static_cast<size_t>(fi)], "population");
      if (v && !v->empty()) t.population = std::max(0L, t.population) + std::atol(v->c_str());
    }
  for (auto& [name, tc] : towns) t.towns.push_back(tc);
  std::stable_sort(t.towns.begin(), t.towns.end(),
                   [](const TownCount& a, const TownCount& b) { return a.count > b.count; });
  for (const auto& c : t.counts) {
    t.total += c.count;
    if (c.previous) t.previousTotal = t.previousTotal.value_or(0) + *c.previous;
  }
  return t;
}

}  // namespace safetymap::analysis
