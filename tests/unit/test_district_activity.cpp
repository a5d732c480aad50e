#include <catch2/catch.hpp>
#include <cstdlib>

#include "core/district_activity.hpp"
#include "io/settings.hpp"
#include "test_support.hpp"

using namespace safetymap;

TEST_CASE("district activity statuses are kept per district and survive a save", "[activities]") {
  DistrictActivities a;
  CHECK(a.get(ActivityKind::Drill, "築港") == ActivityStatus::NotRecorded);
  a.set(ActivityKind::Drill, "築港", ActivityStatus::Done);
  a.set(ActivityKind::Drill, "港晴", ActivityStatus::Planned);
  a.set(ActivityKind::StudySession, "築港", ActivityStatus::NotDone);
  CHECK(a.count(ActivityKind::Drill, ActivityStatus::Done) == 1);
  a.set(ActivityKind::Drill, "港晴", ActivityStatus::NotRecorded);
  CHECK(a.drill.size() == 1);

  test::TempDir tmp;
  ::setenv("SAFETYMAP_CONFIG_DIR", tmp.path.c_str(), 1);
  io::Settings s;
  s.activities = a;
  REQUIRE(io::saveSettings(s));
  io::Settings back = io::loadSettings();
  ::unsetenv("SAFETYMAP_CONFIG_DIR");
  CHECK(back.activities == a);
  CHECK(activityStatusFromKey("planned") == ActivityStatus::Planned);
  CHECK_FALSE(activityStatusFromKey("maybe").has_value());
}
