#include "analysis/indicators.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace safetymap::analysis {

namespace {
std::string policyWords(const Policy& policy, const std::string& indicator, Lang lang) {
  const PolicyFigure* f = policy.figureFor(indicator);
  if (!f) return {};
  return fmt::format("{} {}{}（{} {}）", tr(lang, "ind.plan_says"), f->value, f->unitJa, f->where, f->quote);
}

std::string districtList(const WardStats& s, Lang lang, int DistrictStats::*member) {
  std::string out;
  for (const auto& d : s.perDistrict) {
    if (!out.empty()) out += lang == Lang::En ? ", " : "、";
    out += fmt::format("{} {}", lang == Lang::En ? d.nameEn : d.nameJa, d.*member);
  }
  return out;
}

// A type no loaded record has reads "no records loaded", never a 0 that looks like a fact.
std::string typeList(const WardStats& s, Lang lang) {
  std::string out;
  for (const auto& [t, n] : s.crimesByType) {
    if (!out.empty()) out += lang == Lang::En ? ", " : "、";
    bool none = std::find(s.crimeTypesWithoutRecords.begin(), s.crimeTypesWithoutRecords.end(), t) !=
                s.crimeTypesWithoutRecords.end();
    out += none ? fmt::format("{} {}", dataValueName(t, lang), tr(lang, "crime.no_records"))
                : fmt::format("{} {}", dataValueName(t, lang), n);
  }
  return out;
}

void compare(Indicator& ind, const Policy& policy, Lang lang) {
  const PolicyFigure* f = policy.figureFor(ind.id);
  if (!f) return;
  ind.policySays = policyWords(policy, ind.id, lang);
  if (ind.known && std::lround(ind.number) != std::lround(f->value)) {
    ind.disagrees = true;
    ind.note = fmt::format(fmt::runtime(tr(lang, "ind.disagree")), f->value, ind.number) +
               (ind.note.empty() ? "" : " " + ind.note);
  }
}

Indicator activity(const std::string& id, const WardStats& s, ActivityKind kind, Lang lang) {
  Indicator ind;
  int done = kind == ActivityKind::Drill ? s.drillsDone : s.studyDone;
  int recorded = 0;
  for (const auto& d : s.perDistrict)
    recorded += (kind == ActivityKind::Drill ? d.drill : d.study) != ActivityStatus::NotRecorded;
  ind.number = done;
  if (recorded == 0) {
    ind.known = false;
    ind.value = tr(lang, "ind.not_recorded");
    ind.note = tr(lang, "ind.not_recorded_note");
  } else {
    ind.value = fmt::format(fmt::runtime(tr(lang, "ind.districts_of")), done, recorded, s.districts);
  }
  (void)id;
  return ind;
}

std::string trendText(const CrimeTrend& t, Lang lang) {
  if (t.trend == Trend::Unknown) return tr(lang, "ind.trend_unknown");
  std::string period =
      t.throughMonth == 12 ? "" : fmt::format(fmt::runtime(tr(lang, "ind.through_month")), t.throughMonth);
  double pct = t.fromCount ? 100.0 * (t.toCount - t.fromCount) / t.fromCount : 0.0;
  return fmt::format("{}{}: {} → {}: {} ({:+.1f}%) — {}", t.fromYear, period, t.fromCount, t.toYear, t.toCount, pct,
                     tr(lang, (std::string("trend.") + trendKey(t.trend)).c_str()));
}
}  // namespace

Indicator computeIndicator(const std::string& id, const Policy& policy, const WardStats& s, Lang lang) {
  Indicator ind;
  if (id == "tsunami_buildings.count") {
    ind.number = s.tsunamiBuildings;
    ind.value = fmt::format("{}", s.tsunamiBuildings);
    ind.note = tr(lang, "ind.gsi_note");
  } else if (id == "tsunami_buildings.capacity") {
    ind.number = static_cast<double>(s.capacity);
    if (s.capacityKnown == 0) {
      ind.known = false;
      ind.value = tr(lang, "ind.capacity_unknown");
    } else {
      ind.value =
          fmt::format(fmt::runtime(tr(lang, "ind.capacity_value")), s.capacity, s.capacityKnown, s.tsunamiBuildings);
    }
  } else if (id == "tsunami_buildings.per_district") {
    ind.number = s.tsunamiBuildings;
    ind.value = districtList(s, lang, &DistrictStats::tsunamiBuildings);
  } else if (id == "districts.count") {
    ind.number = s.districts;
    ind.value = fmt::format("{}", s.districts);
    if (s.districtsApproximate) ind.note = tr(lang, "legend.approximate");
  } else if (id == "drills.done") {
    ind = activity(id, s, ActivityKind::Drill, lang);
  } else if (id == "study_sessions.done") {
    ind = activity(id, s, ActivityKind::StudySession, lang);
  } else if (id == "welfare_shelters.count") {
    ind.number = s.welfareShelters;
    ind.value = fmt::format("{}", s.welfareShelters);
  } else if (id == "shelters.count") {
    ind.number = s.shelters;
    ind.value = fmt::format("{}", s.shelters);
  } else if (id == "safety_centres.count") {
    ind.number = s.safetyCentres;
    ind.value = fmt::format(fmt::runtime(tr(lang, "ind.centres_of")), s.safetyCentres);
    ind.note = tr(lang, s.safetyCentres == 0 ? "note.centres_empty" : "note.centres_partial");
  } else if (id == "crimes.count") {
    ind.number = s.crimes;
    ind.value = fmt::format("{}", s.crimes);
  } else if (id == "crimes.by_type") {
    ind.number = s.crimes;
    ind.value = typeList(s, lang);
  } else if (id == "crimes.per_district") {
    ind.number = s.crimes;
    ind.value = districtList(s, lang, &DistrictStats::crimes);
  } else if (id == "crimes.trend") {
    ind.number = s.crimeTrend.toCount - s.crimeTrend.fromCount;
    ind.known = s.crimeTrend.trend != Trend::Unknown;
    ind.value = trendText(s.crimeTrend, lang);
    ind.policySays = tr(lang, "ind.plan_target_decreasing");
    ind.disagrees = s.crimeTrend.trend == Trend::Increasing;
    if (s.crimesWithAge > 0)
      ind.value += "\n" + fmt::format(fmt::runtime(tr(lang, "ind.children")), s.childVictims, s.crimesWithAge) + " " +
                   trendText(s.childTrend, lang);
    ind.disagrees = ind.disagrees || s.childTrend.trend == Trend::Increasing;
  } else {
    ind.known = false;
    ind.value = tr(lang, "ind.no_data");
  }
  ind.id = id;
  ind.label = tr(lang, ("ind." + id).c_str());
  if (id.rfind("crimes.", 0) == 0 && s.crimesSynthetic)
    ind.note = std::string(tr(lang, "legend.synthetic")) + (ind.note.empty() ? "" : " " + ind.note);
  compare(ind, policy, lang);
  return ind;
}

std::vector<Indicator> indicatorsFor(const std::string& item, const Policy& policy, const WardStats& s, Lang lang) {
  std::vector<Indicator> out;
  std::vector<std::string> seen;
  for (const PolicyLink* l : policy.linksUnder(item))
    for (const auto& id : l->indicators)
      if (std::find(seen.begin(), seen.end(), id) == seen.end()) {
        seen.push_back(id);
        out.push_back(computeIndicator(id, policy, s, lang));
      }
  return out;
}

std::vector<Indicator> allIndicators(const Policy& policy, const WardStats& s, Lang lang) {
  return indicatorsFor("", policy, s, lang);
}

}  // namespace safetymap::analysis
