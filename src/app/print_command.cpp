#include "app/print_command.hpp"

#include <cstdio>

#include "analysis/crime_table.hpp"
#include "jobs/job.hpp"
#include "jobs/load.hpp"
#include "print/print_job.hpp"

namespace safetymap::app {

namespace {
int fail(const std::string& msg) {
  std::fprintf(stderr, "safetymap print: %s\n", msg.c_str());
  return 2;
}
}  // namespace

int runPrint(const PrintCommandOptions& o) {
  if (o.all == !o.district.empty()) return fail("give either --district NAME or --all");
  if (o.out.empty()) return fail("--out FILE.pdf is required");
  print::PrintOptions po;
  po.out = o.out;
  po.lang = o.lang;
  po.perResident = o.perResident;
  po.setup.landscape = o.landscape;
  if (o.paper == "A4" || o.paper == "a4")
    po.setup.paper = print::Paper::A4;
  else if (o.paper == "A3" || o.paper == "a3")
    po.setup.paper = print::Paper::A3;
  else
    return fail("unknown paper '" + o.paper + "': use A4 or A3");

  Diagnostics diag(true);
  auto loaded = jobs::commandProject(o.project, o.geodataDir, o.roleFiles, diag, true, /*withRoads=*/true);
  if (!loaded) {
    for (const auto& m : diag.snapshot()) std::fprintf(stderr, "safetymap: %s\n", m.str().c_str());
    return 1;
  }
  Project project = std::move(*loaded);
  project.lang = o.lang;
  if (project.districts().empty())
    return fail("no districts are loaded (run scripts/setup.sh, or give --districts FILE)");
  if (o.all) {
    for (int i = 0; i < static_cast<int>(project.districts().size()); ++i) po.districts.push_back(i);
  } else {
    int d = project.findDistrict(o.district);
    if (d < 0) return fail(project.unknownDistrictMessage(o.district));
    po.districts.push_back(d);
  }
  auto span = analysis::crimeDataSpan(project);
  auto period = analysis::defaultPeriod(project);
  if (!o.from.empty()) {
    auto m = parseYearMonth(o.from);
    if (!m) return fail("--from '" + o.from + "' is not a month: use YYYY-MM");
    if (!period) period = Period{*m, *m};
    period->from = *m;
    if (o.to.empty() && span) period->to = span->to;
  }
  if (!o.to.empty()) {
    auto m = parseYearMonth(o.to);
    if (!m) return fail("--to '" + o.to + "' is not a month: use YYYY-MM");
    if (!period) period = Period{*m, *m};
    period->to = *m;
  }
  if (!period) return fail("the crime layer has no dated records to print");
  if (!period->valid()) return fail("the period is empty: --from " + o.from + " is after --to " + o.to);
  po.period = *period;
  if (span && (period->to < span->from || span->to < period->from))
    return fail("no crime records between " + print::periodText(*period, Lang::En).substr(8) + "; the data covers " +
                print::periodText(*span, Lang::En).substr(8));

  auto result = print::printDistricts(
      project, po,
      [](double f, const std::string& stage) {
        std::fprintf(stderr, "safetymap print: %3d%% %s\n", static_cast<int>(f * 100), stage.c_str());
      },
      jobs::interruptOnCtrlC());
  if (!result.status) {
    std::fprintf(stderr, "safetymap print: %s\n", result.status.message().c_str());
    return result.cancelled ? 130 : 1;
  }
  std::fprintf(stderr, "safetymap print: wrote %s (%d pages)\n", o.out.c_str(), result.pages);
  return 0;
}

}  // namespace safetymap::app
