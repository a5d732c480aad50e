#pragma once
// What each community district has done under strategy 2-1-1 (地域防災の活動支援): an evacuation-
// shelter opening drill (避難所開設訓練) and a disaster-prevention study session (地域防災学習会).
// The plan gives only the totals (FY2: drills in 3 districts, study sessions in 5) and not which
// districts, so every district starts "not yet recorded" until a planner sets it.
#include <map>
#include <optional>
#include <string>

namespace safetymap {

enum class ActivityStatus { NotRecorded, Done, Planned, NotDone };
enum class ActivityKind { Drill, StudySession };

const char* activityStatusKey(ActivityStatus s);  // "not_recorded", "done", "planned", "not_done"
std::optional<ActivityStatus> activityStatusFromKey(const std::string& key);

struct DistrictActivities {
  // Keyed by the district's Japanese name, so the record survives a new districts file.
  std::map<std::string, ActivityStatus> drill, study;

  ActivityStatus get(ActivityKind k, const std::string& district) const;
  void set(ActivityKind k, const std::string& district, ActivityStatus s);
  int count(ActivityKind k, ActivityStatus s) const;  // over the recorded districts
  bool empty() const { return drill.empty() && study.empty(); }
  friend bool operator==(const DistrictActivities&, const DistrictActivities&) = default;
};

}  // namespace safetymap
