// The one job system: a job runs off the calling thread, reports progress, is cancelled through its stop_token and
// hands its outcome back once; and the long tasks stop where they say they do (a print writes nothing, a drill
// returns no plan).
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "jobs/drill.hpp"
#include "jobs/job.hpp"
#include "jobs/load.hpp"
#include "print/print_job.hpp"
#include "test_support.hpp"

using namespace safetymap;
namespace fs = std::filesystem;

namespace {

// Polls until the job list is empty (what the viewer does each frame); no clock involved.
void pollUntilIdle(jobs::Jobs& list) {
  while (list.busy()) {
    list.poll();
    std::this_thread::yield();
  }
}

const Project& bundled() {
  static Project p = [] {
    Diagnostics d(false);
    return jobs::loadProjectNow(test::sourceFile("geodata"), {}, d, false, /*withRoads=*/true);
  }();
  return p;
}

}  // namespace

TEST_CASE("a job runs, reports progress and hands back its outcome once", "[jobs]") {
  jobs::Jobs list;
  int result = 0, calls = 0;
  bool wasCancelled = true;
  list.start(
      "sum", "Sum", true,
      [&](jobs::JobProgress& p) {
        for (int i = 1; i <= 100; ++i) result += i, p.set(i / 100.0);
        p.stage("done", 1.0);
      },
      [&](bool cancelled) { ++calls, wasCancelled = cancelled; });
  CHECK(list.running("sum"));
  pollUntilIdle(list);
  CHECK(result == 5050);
  CHECK(calls == 1);
  CHECK_FALSE(wasCancelled);
  CHECK_FALSE(list.running("sum"));
}

TEST_CASE("a cancelled job stops and says so, and one that cannot be cancelled finishes", "[jobs]") {
  jobs::Jobs list;
  std::atomic<bool> started{false};
  bool cancelled = false, saved = false;
  list.start(
      "spin", "Spin", true,
      [&](jobs::JobProgress& p) {
        started = true;
        while (!p.stopped()) std::this_thread::yield();  // stops only when asked
      },
      [&](bool c) { cancelled = c; });
  list.start(
      "save", "Save", false, [&](jobs::JobProgress&) { saved = true; }, {});
  while (!started) std::this_thread::yield();
  list.cancel("spin");
  list.cancel("save");  // ignored: a save is not cancellable
  pollUntilIdle(list);
  CHECK(cancelled);
  CHECK(saved);
}

TEST_CASE("a job that throws is said and counts as not done; the others go on", "[jobs]") {
  jobs::Jobs list;
  std::string said;
  bool cancelled = false;
  list.onFailure = [&](const jobs::Job& j) { said = j.kind() + ": " + j.error(); };
  list.start(
      "boom", "Boom", true, [](jobs::JobProgress&) { throw std::runtime_error("out of memory"); },
      [&](bool c) { cancelled = c; });
  pollUntilIdle(list);
  CHECK(said == "boom: out of memory");
  CHECK(cancelled);
}

TEST_CASE("closing stops every job and runs no continuation", "[jobs]") {
  bool ran = false;
  {
    jobs::Jobs list;
    list.start(
        "spin", "Spin", true,
        [](jobs::JobProgress& p) {
          while (!p.stopped()) std::this_thread::yield();
        },
        [&](bool) { ran = true; });
    list.stopAll();
    CHECK(list.list().size() == 1);
    CHECK(list.list().front()->done());
  }
  CHECK_FALSE(ran);
}

TEST_CASE("a cancelled atlas print writes nothing and leaves the old file as it was", "[jobs][print]") {
  const Project& p = bundled();
  REQUIRE(p.districts().size() >= 2);
  fs::path dir = fs::temp_directory_path() / "safetymap-test-cancel";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::path out = dir / "atlas.pdf";
  std::ofstream(out) << "the previous printout";
  print::PrintOptions o;
  for (int i = 0; i < static_cast<int>(p.districts().size()); ++i) o.districts.push_back(i);
  o.period = {{2019, 1}, {2019, 12}};
  o.out = out.string();
  std::stop_source stop;
  int pagesStarted = 0;
  std::chrono::steady_clock::time_point asked;
  auto r = print::printDistricts(
      p, o,
      [&](double, const std::string&) {
        if (++pagesStarted == 2) stop.request_stop(), asked = std::chrono::steady_clock::now();
      },
      stop.get_token());
  WARN("stopped " << std::chrono::duration<double>(std::chrono::steady_clock::now() - asked).count() << " s after");
  CHECK_FALSE(r.status.ok());
  CHECK(r.cancelled);
  CHECK(r.status.message().find("cancelled") != std::string::npos);
  CHECK(pagesStarted == 2);
  std::ifstream in(out);
  std::string kept((std::istreambuf_iterator<char>(in)), {});
  CHECK(kept == "the previous printout");
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}) == 1);  // no temporary file left
  fs::remove_all(dir);
}

TEST_CASE("a cancelled drill returns no plan, a finished one does", "[jobs][drill]") {
  const Project& p = bundled();
  jobs::WalkSurfaces surfaces;
  std::stop_source stop;
  stop.request_stop();
  jobs::JobProgress cancelled(stop.get_token(), "");
  auto r = jobs::computeDrill(p, surfaces, {}, false, cancelled);
  CHECK(r.plan == nullptr);
  jobs::JobProgress running;
  auto done = jobs::computeDrill(p, surfaces, {}, false, running);
  REQUIRE(done.plan != nullptr);
  CHECK(done.plan->people > 0);
  CHECK(done.plan->assigned > 0);
  REQUIRE(done.surface != nullptr);
  // Stopped inside the plan: it returns before anyone is assigned.
  auto part = analysis::planEvacuation(p, *done.surface, {}, stop.get_token());
  CHECK(part.assigned == 0);
}
