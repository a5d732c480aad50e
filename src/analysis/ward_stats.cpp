#include "analysis/ward_stats.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <memory>
#include <set>

#include "analysis/district_join.hpp"
#include "analysis/town_match.hpp"
#include "core/text.hpp"

namespace safetymap::analysis {

const char* trendKey(Trend t) {
  switch (t) {
    case Trend::Decreasing: return "decreasing";
    case Trend::Flat: return "flat";
    case Trend::Increasing: return "increasing";
    case Trend::Unknown: break;
  }
  return "unknown";
}

namespace {
// A date's digit runs: "20240315" is one run (YYYYMMDD), "2024-03-15" and "2024/3/15" are several.
std::vector<std::string> digitRuns(const std::string& d) {
  std::vector<std::string> runs(1);
  for (char c : d)
    if (c >= '0' && c <= '9')
      runs.back() += c;
    else if (!runs.back().empty())
      runs.emplace_back();
  if (runs.back().empty()) runs.pop_back();
  return runs;
}
}  // namespace

int yearOf(const std::string& d, int* month) {
  const std::vector<std::string> runs = digitRuns(d);
  if (runs.empty()) return 0;
  int y = 0, m = 0;
  if (runs[0].size() >= 6) {
    y = std::atoi(runs[0].substr(0, 4).c_str());
    m = std::atoi(runs[0].substr(4, 2).c_str());
  } else if (runs[0].size() == 4 && runs.size() >= 2) {
    y = std::atoi(runs[0].c_str());
    m = std::atoi(runs[1].c_str());
  }
  if (y < 1900 || y > 2200 || m < 1 || m > 12) return 0;
  if (month) *month = m;
  return y;
}

std::string dateProblem(const std::string& d) {
  // Only a date that names a day that does not exist: a form safetymap does not read (令和元年…, 2019年2月頃)
  // is kept, and counts in no year (check says so).
  const std::vector<std::string> runs = digitRuns(d);
  int y = 0, m = 0, day = 0;
  if (runs.size() == 1 && runs[0].size() == 8) {
    y = std::atoi(runs[0].substr(0, 4).c_str());
    m = std::atoi(runs[0].substr(4, 2).c_str());
    day = std::atoi(runs[0].substr(6, 2).c_str());
  } else if (runs.size() >= 3 && runs[0].size() == 4 && runs[1].size() <= 2 && runs[2].size() <= 2) {
    y = std::atoi(runs[0].c_str());
    m = std::atoi(runs[1].c_str());
    day = std::atoi(runs[2].c_str());
  } else {
    return {};
  }
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const std::string shown = clipText(d);
  if (m < 1 || m > 12) return "the date '" + shown + "' has no month " + std::to_string(m);
  const int last = kDays[m - 1] + (m == 2 && leap);
  if (day < 1 || day > last)
    return "the date '" + shown + "' does not exist (" + std::to_string(y) + "-" + (m < 10 ? "0" : "") +
           std::to_string(m) + " has " + std::to_string(last) + " days)";
  return {};
}

bool isChildVictimAge(const std::string& age) {
  if (age.empty()) return false;
  if (age.find("10歳未満") != std::string::npos || age.find("10歳代") != std::string::npos) return true;
  int v = 0;
  auto [p, ec] = std::from_chars(age.data(), age.data() + age.size(), v);
  return ec == std::errc() && p != age.data() && v < 18;
}

namespace {
long parseCapacity(const std::string* s) {
  if (!s || s->empty()) return -1;
  char* end = nullptr;
  long v = std::strtol(s->c_str(), &end, 10);
  return end != s->c_str() && v >= 0 ? v : -1;
}

const std::string* capacityValue(const Layer& l, const Feature& f) {
  for (const char* name : {"capacity", "収容人数", "収容可能人数"})
    if (const std::string* v = l.value(f, name)) return v;
  return nullptr;
}

CrimeTrend compareLastYears(const std::vector<CrimeYear>& years, bool children) {
  CrimeTrend t;
  if (years.size() < 2) return t;
  const CrimeYear& to = years.back();
  const CrimeYear& from = years[years.size() - 2];
  if (from.year != to.year - 1) return t;
  // A year still in progress is compared with the same months of the year before.
  int last = 0;
  for (int m = 0; m < 12; ++m)
    if (to.months[m] > 0) last = m + 1;
  t.throughMonth = last == 0 ? 12 : last;
  t.fromYear = from.year, t.toYear = to.year;
  if (children) {
    t.fromCount = from.childVictims, t.toCount = to.childVictims;
  } else {
    for (int m = 0; m < t.throughMonth; ++m) t.fromCount += from.months[m], t.toCount += to.months[m];
  }
  t.trend = t.toCount < t.fromCount ? Trend::Decreasing : t.toCount > t.fromCount ? Trend::Increasing : Trend::Flat;
  return t;
}
}  // namespace

CrimeTallies tallyCrimes(const Project& p) {
  CrimeTallies t;
  const Layer* l = p.layerByRole(LayerRole::Crimes);
  if (!l) return t;
  t.crimesLoaded = true;
  t.synthetic = l->provenance.synthetic;
  t.byDistrict.resize(p.districts().size() + 1);
  std::unique_ptr<TownMatcher> chomeOf;
  if (const Layer* cl = p.layerByRole(LayerRole::Chome)) {
    chomeOf = std::make_unique<TownMatcher>(*cl);
    t.chomeCrimes.assign(cl->features.size(), 0);
    t.chomeCrimesByYear.assign(cl->features.size(), {});
  }
  const std::string typeField = l->style.categoryField.empty() ? kCrimeTypeField : l->style.categoryField;
  for (const auto& c : l->style.categories) t.typesInOrder.push_back(c.value);
  std::set<std::string> listed(t.typesInOrder.begin(), t.typesInOrder.end());
  const int typeAt = l->fieldIndex(typeField), dateAt = l->fieldIndex(kCrimeDateField);
  const int ageAt = l->fieldIndex(kVictimAgeField), townAt = l->fieldIndex("町丁目（発生地）");
  auto valueAt = [](const Feature& f, int at) -> const std::string* {
    return at < 0 || static_cast<size_t>(at) >= f.values.size() ? nullptr : &f.values[static_cast<size_t>(at)];
  };
  for (const auto& f : l->features) {
    const std::string* type = valueAt(f, typeAt);
    const std::string t0 = type ? *type : std::string();
    if (listed.insert(t0).second) t.typesInOrder.push_back(t0);
    int month = 0;
    const std::string* date = valueAt(f, dateAt);
    const int y = date ? yearOf(*date, &month) : 0;
    const size_t k = f.district >= 0 && static_cast<size_t>(f.district) + 1 < t.byDistrict.size()
                         ? static_cast<size_t>(f.district) + 1
                         : 0;
    CrimeTally& dt = t.byDistrict[k];
    dt.crimes++, dt.byType[t0]++;
    if (chomeOf) {
      const std::string* town = valueAt(f, townAt);
      const int c = town ? chomeOf->match(*town).feature : -1;
      if (c >= 0 && static_cast<size_t>(c) < t.chomeCrimes.size()) {
        t.chomeCrimes[static_cast<size_t>(c)]++;
        if (y) t.chomeCrimesByYear[static_cast<size_t>(c)][y]++;
      }
    }
    const std::string* age = valueAt(f, ageAt);
    const bool hasAge = age && !age->empty(), child = hasAge && isChildVictimAge(*age);
    dt.withAge += hasAge, dt.childVictims += child;
    if (y == 0) continue;
    dt.withDate++;
    CrimeYear& cy = dt.years[y];
    cy.year = y, cy.count++, cy.months[month - 1]++, cy.byType[t0]++, cy.childVictims += child;
  }
  return t;
}

WardStats computeWardStats(const Project& p, int filter, const CrimeTallies* tallies) {
  WardStats s;
  const auto& ds = p.districts();
  s.districts = static_cast<int>(ds.size());
  s.perDistrict.resize(ds.size());
  for (size_t i = 0; i < ds.size(); ++i) {
    auto& d = s.perDistrict[i];
    d.nameJa = ds[i].nameJa, d.nameEn = ds[i].nameEn;
    d.drill = p.activities.get(ActivityKind::Drill, d.nameJa);
    d.study = p.activities.get(ActivityKind::StudySession, d.nameJa);
    s.drillsDone += d.drill == ActivityStatus::Done;
    s.studyDone += d.study == ActivityStatus::Done;
    s.activitiesRecorded += d.drill != ActivityStatus::NotRecorded || d.study != ActivityStatus::NotRecorded;
  }
  if (const Layer* l = p.layerByRole(LayerRole::Districts)) s.districtsApproximate = l->provenance.approximate;
  auto inFilter = [&](const Feature& f) { return filter < 0 || f.district == filter; };
  auto row = [&](const Feature& f) -> DistrictStats* {
    return f.district >= 0 && static_cast<size_t>(f.district) < s.perDistrict.size()
               ? &s.perDistrict[static_cast<size_t>(f.district)]
               : nullptr;
  };

  // 町丁目 and their census population; a district's people are the sum of its 町丁目.
  std::unique_ptr<TownMatcher> chomeOf;
  if (const Layer* l = p.layerByRole(LayerRole::Chome)) {
    chomeOf = std::make_unique<TownMatcher>(*l);
    const Layer* dl = p.layerByRole(LayerRole::Districts);
    std::unique_ptr<DistrictLocator> locate;  // only for 町丁目 without a district id (a user's own layer)
    for (const auto& f : l->features) {
      ChomeStats c;
      if (const std::string* v = l->value(f, "town")) c.town = *v;
      if (const std::string* v = l->value(f, "population"); v && !v->empty()) c.population = std::atol(v->c_str());
      // The district the 町丁目 belongs to (its id, else where its middle lies: the same rule as the drill planner's).
      int di = chomeDistrict(p, *l, f, nullptr);
      if (di < 0 && dl) {
        if (!locate) locate = std::make_unique<DistrictLocator>(*dl);
        di = locate->locate(f.geometry.anchor());
      }
      if (di >= 0) {
        c.district = ds[static_cast<size_t>(di)].nameJa;
        if (c.population >= 0) {
          auto& d = s.perDistrict[static_cast<size_t>(di)];
          d.population = std::max(0L, d.population) + c.population;
        }
      }
      if (c.population >= 0) s.population = std::max(0L, s.population) + c.population;
      s.perChome.push_back(std::move(c));
    }
  }

  if (const Layer* l = p.layerByRole(LayerRole::TsunamiBuildings))
    for (const auto& f : l->features) {
      long cap = parseCapacity(capacityValue(*l, f));
      if (DistrictStats* d = row(f)) {
        d->tsunamiBuildings++;
        if (cap >= 0) d->capacity += cap, d->capacityKnown++;
      }
      if (!inFilter(f)) continue;
      s.tsunamiBuildings++;
      if (cap >= 0) s.capacity += cap, s.capacityKnown++;
    }
  if (const Layer* l = p.layerByRole(LayerRole::Shelters))
    for (const auto& f : l->features) {
      const std::string* w = l->value(f, "welfare");
      bool welfare = w && isTruthy(*w);
      if (DistrictStats* d = row(f)) d->shelters++, d->welfareShelters += welfare;
      if (!inFilter(f)) continue;
      s.shelters++;
      s.welfareShelters += welfare;
    }
  if (const Layer* l = p.layerByRole(LayerRole::SafetyCentres))
    for (const auto& f : l->features) {
      if (DistrictStats* d = row(f)) d->safetyCentres++;
      if (inFilter(f)) s.safetyCentres++;
    }
  CrimeTallies own;
  if (!tallies) own = tallyCrimes(p), tallies = &own;
  const CrimeTallies& t = *tallies;
  if (t.crimesLoaded) {
    s.crimesSynthetic = t.synthetic;
    for (size_t i = 0; i < s.perDistrict.size() && i + 1 < t.byDistrict.size(); ++i) {
      const CrimeTally& dt = t.byDistrict[i + 1];
      auto& d = s.perDistrict[i];
      d.crimes = dt.crimes, d.crimesByType = dt.byType;
      for (const auto& [y, cy] : dt.years) d.crimesByYear[y] = cy.count;
    }
    for (size_t c = 0; c < s.perChome.size() && c < t.chomeCrimes.size(); ++c)
      s.perChome[c].crimes = t.chomeCrimes[c], s.perChome[c].crimesByYear = t.chomeCrimesByYear[c];
    // The filter: the tallies of the chosen district, or of all (and of none) added up.
    std::map<std::string, int> byType;
    std::map<int, CrimeYear> years;
    for (size_t k = 0; k < t.byDistrict.size(); ++k) {
      if (filter >= 0 && k != static_cast<size_t>(filter) + 1) continue;
      const CrimeTally& dt = t.byDistrict[k];
      s.crimes += dt.crimes, s.crimesWithDate += dt.withDate, s.crimesWithAge += dt.withAge;
      s.childVictims += dt.childVictims;
      if (k == 0) s.crimesOutside += dt.crimes;
      for (const auto& [type, n] : dt.byType) byType[type] += n;
      for (const auto& [y, cy] : dt.years) {
        CrimeYear& into = years[y];
        into.year = y, into.count += cy.count, into.childVictims += cy.childVictims;
        for (int m = 0; m < 12; ++m) into.months[m] += cy.months[m];
        for (const auto& [type, n] : cy.byType) into.byType[type] += n;
      }
    }
    for (const std::string& type : t.typesInOrder) {
      auto it = byType.find(type);
      s.crimesByType.push_back({type, it == byType.end() ? 0 : it->second});
      if (it == byType.end() && std::none_of(t.byDistrict.begin(), t.byDistrict.end(),
                                             [&](const CrimeTally& x) { return x.byType.count(type) > 0; }))
        s.crimeTypesWithoutRecords.push_back(type);
    }
    for (auto& [y, cy] : years) s.crimesByYear.push_back(cy);
    s.crimeTrend = compareLastYears(s.crimesByYear, false);
    if (s.crimesWithAge > 0) s.childTrend = compareLastYears(s.crimesByYear, true);
  }
  return s;
}

}  // namespace safetymap::analysis
