#include "jobs/job.hpp"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>

namespace safetymap::jobs {

void JobProgress::set(double f) {
  fraction_ = f;
  holdForTest();
}

void JobProgress::stage(const std::string& text, double f) {
  {
    std::lock_guard lock(mutex_);
    stage_ = text;
  }
  set(f);
}

std::string JobProgress::stageText() const {
  std::lock_guard lock(mutex_);
  return stage_;
}

// SAFETYMAP_TEST_HOLD_JOB=KIND[,KIND…] (tests only): a job of those kinds stops at its first progress report until
// it is cancelled, so that a test can cancel it while it runs on any machine, however fast.
void JobProgress::holdForTest() {
  if (held_ || kind_.empty()) return;
  static const char* hold = std::getenv("SAFETYMAP_TEST_HOLD_JOB");
  if (!hold || ("," + std::string(hold) + ",").find("," + kind_ + ",") == std::string::npos) return;
  held_ = true;
  std::fprintf(stderr, "safetymap: test: %s job held until cancelled\n", kind_.c_str());
  std::mutex m;
  std::condition_variable_any cv;
  std::unique_lock lock(m);
  cv.wait(lock, stop_, [] { return false; });
}

namespace {
std::atomic<void (*)()> wakeOnDone{nullptr};
}  // namespace

void setWakeOnDone(void (*wake)()) {
  wakeOnDone = wake;
}

Job::Job(std::string kind, std::string title, bool cancellable, Work work)
    : kind_(std::move(kind)),
      title_(std::move(title)),
      cancellable_(cancellable),
      progress_(stop_.get_token(), kind_),
      work_(std::move(work)),
      thread_([this] {
        try {  // a task that throws (out of memory on a huge file) ends, said; the program goes on
          work_(progress_);
        } catch (const std::exception& e) {
          error_ = e.what();
        } catch (...) {
          error_ = "an unknown error";
        }
        done_ = true;
        if (auto wake = wakeOnDone.load()) wake();
      }) {}

Job::~Job() {
  stop_.request_stop();  // a task that cannot stop half-way (a save) ignores it and finishes
}

void Job::wait() {
  if (thread_.joinable()) thread_.join();
}

Job& Jobs::start(std::string kind, std::string title, bool cancellable, Job::Work work, Done done) {
  running_.push_back(
      {std::make_unique<Job>(std::move(kind), std::move(title), cancellable, std::move(work)), std::move(done)});
  return *running_.back().job;
}

Job& Jobs::startBackground(std::string kind, std::string title, Job::Work work, Done done) {
  Job& j = start(std::move(kind), std::move(title), true, std::move(work), std::move(done));
  running_.back().background = true;
  return j;
}

bool Jobs::busy() const {
  for (const auto& e : running_)
    if (!e.background) return true;
  return false;
}

bool Jobs::handOverDue() const {
  for (const auto& e : running_)
    if (e.job->done()) return true;
  return false;
}

void Jobs::poll() {
  // A continuation may start another job: take the finished ones out first.
  std::vector<Entry> finished;
  for (auto it = running_.begin(); it != running_.end();)
    if (it->job->done()) {
      finished.push_back(std::move(*it));
      it = running_.erase(it);
    } else {
      ++it;
    }
  for (auto& e : finished) {
    e.job->wait();
    const bool failed = !e.job->error().empty();
    if (failed && onFailure) onFailure(*e.job);
    if (e.done) e.done(failed || e.job->cancelled());
  }
}

bool Jobs::running(const std::string& kind) const {
  return find(kind) != nullptr;
}

const Job* Jobs::find(const std::string& kind) const {
  for (const auto& e : running_)
    if (e.job->kind() == kind) return e.job.get();
  return nullptr;
}

void Jobs::cancel(const std::string& kind) {
  for (auto& e : running_)
    if (e.job->kind() == kind && e.job->cancellable()) e.job->cancel();
}

void Jobs::stopAll() {
  for (auto& e : running_)
    if (e.job->cancellable()) e.job->cancel();
  for (auto& e : running_) e.job->wait();
}

std::vector<const Job*> Jobs::list() const {
  std::vector<const Job*> out;
  for (const auto& e : running_)
    if (!e.background) out.push_back(e.job.get());
  return out;
}

namespace {
std::stop_source gInterrupt;
int gInterruptPipe[2] = {-1, -1};
std::atomic<int> gInterrupts{0};  // lock-free: safe in a signal handler

// Only async-signal-safe calls here: the stop is requested by the watcher thread the pipe wakes.
void onInterrupt(int) {
  if (gInterrupts.fetch_add(1) > 0) _exit(130);
  const char msg[] = "\nsafetymap: stopping (Ctrl+C again to end at once)\n";
  [[maybe_unused]] auto n = write(2, msg, sizeof msg - 1);
  n = write(gInterruptPipe[1], "x", 1);
}
}  // namespace

std::stop_token interruptOnCtrlC() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (pipe(gInterruptPipe) != 0) return;
    std::thread([] {
      char c;
      if (read(gInterruptPipe[0], &c, 1) == 1) gInterrupt.request_stop();
    }).detach();
    std::signal(SIGINT, onInterrupt);
  });
  return gInterrupt.get_token();
}

}  // namespace safetymap::jobs
