#include "core/district_activity.hpp"

#include <algorithm>

namespace safetymap {

const char* activityStatusKey(ActivityStatus s) {
  switch (s) {
    case ActivityStatus::Done: return "done";
    case ActivityStatus::Planned: return "planned";
    case ActivityStatus::NotDone: return "not_done";
    case ActivityStatus::NotRecorded: break;
  }
  return "not_recorded";
}

std::optional<ActivityStatus> activityStatusFromKey(const std::string& k) {
  for (auto s : {ActivityStatus::NotRecorded, ActivityStatus::Done, ActivityStatus::Planned, ActivityStatus::NotDone})
    if (k == activityStatusKey(s)) return s;
  return std::nullopt;
}

ActivityStatus DistrictActivities::get(ActivityKind k, const std::string& d) const {
  const auto& m = k == ActivityKind::Drill ? drill : study;
  auto it = m.find(d);
  return it == m.end() ? ActivityStatus::NotRecorded : it->second;
}

void DistrictActivities::set(ActivityKind k, const std::string& d, ActivityStatus s) {
  auto& m = k == ActivityKind::Drill ? drill : study;
  if (s == ActivityStatus::NotRecorded)
    m.erase(d);
  else
    m[d] = s;
}

int DistrictActivities::count(ActivityKind k, ActivityStatus s) const {
  const auto& m = k == ActivityKind::Drill ? drill : study;
  return static_cast<int>(std::count_if(m.begin(), m.end(), [s](const auto& e) { return e.second == s; }));
}

}  // namespace safetymap
