#pragma once
// The one job system. Every long task (loading, importing, saving, exporting, printing, the drill) runs as a Job on
// its own std::jthread: it reports how far it is, stops when asked through its stop_token, and its outcome is
// handed back on the UI thread by Jobs::poll. Closing the window cancels every job and waits for them.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

namespace safetymap::jobs {

// What a running task sees: whether it has been asked to stop, and where it says how far it is.
class JobProgress {
 public:
  JobProgress() = default;
  JobProgress(std::stop_token stop, std::string kind) : stop_(std::move(stop)), kind_(std::move(kind)) {}
  const std::stop_token& token() const { return stop_; }
  bool stopped() const { return stop_.stop_requested(); }
  void set(double fraction);                             // 0..1
  void stage(const std::string& text, double fraction);  // a named step (shown on the progress bar)
  double fraction() const { return fraction_; }
  std::string stageText() const;

 private:
  void holdForTest();
  std::stop_token stop_;
  std::string kind_;
  std::atomic<double> fraction_{0};
  mutable std::mutex mutex_;
  std::string stage_;
  bool held_ = false;
};

class Job {
 public:
  using Work = std::function<void(JobProgress&)>;
  // kind names what it does ("print", "drill", …); the work starts at once on its own thread.
  Job(std::string kind, std::string title, bool cancellable, Work work);
  ~Job();  // asks the work to stop and waits for it
  Job(const Job&) = delete;
  Job& operator=(const Job&) = delete;

  const std::string& kind() const { return kind_; }
  const std::string& title() const { return title_; }
  bool cancellable() const { return cancellable_; }
  bool done() const { return done_; }
  const std::string& error() const { return error_; }  // once done: what the work threw; empty if nothing
  bool cancelled() const { return stop_.stop_requested(); }
  void cancel() { stop_.request_stop(); }
  void wait();
  double fraction() const { return progress_.fraction(); }
  std::string stage() const { return progress_.stageText(); }

 private:
  std::string kind_, title_;
  bool cancellable_;
  std::stop_source stop_;
  JobProgress progress_;
  Work work_;  // kept until the job goes: what it holds (a copy of the project) is freed then, not in the thread
  std::string error_;
  std::atomic<bool> done_{false};
  std::jthread thread_;  // last: joined before the rest goes
};

// The running jobs of the viewer. start() hands the work to a new Job; poll() (on the UI thread, each frame)
// runs the finished ones' continuations, told whether the job was cancelled, and forgets them.
class Jobs {
 public:
  using Done = std::function<void(bool cancelled)>;  // a job that threw counts as cancelled (and is reported)
  std::function<void(const Job&)> onFailure;         // where a job that threw is said
  ~Jobs() { stopAll(), clear(); }
  Job& start(std::string kind, std::string title, bool cancellable, Job::Work work, Done done = {});
  // A job that waits for the world for as long as the viewer runs (listening for other people's edits): not "busy",
  // not listed with the work in progress; stopped with the others.
  Job& startBackground(std::string kind, std::string title, Job::Work work, Done done = {});
  void poll();
  bool busy() const;
  bool handOverDue() const;  // a job has finished: the next poll() runs its continuation
  bool running(const std::string& kind) const;
  const Job* find(const std::string& kind) const;
  void cancel(const std::string& kind);
  // The window closes: every job is asked to stop and waited for; their continuations do not run.
  void stopAll();
  void clear() { running_.clear(); }
  std::vector<const Job*> list() const;  // the work in progress (not the background jobs)

 private:
  struct Entry {
    std::unique_ptr<Job> job;
    Done done;
    bool background = false;
  };
  std::vector<Entry> running_;
};

// Called on a job's thread as it finishes, so that a viewer waiting for events wakes and hands the result over at once
// (rather than at its next timeout). Set once, before any job starts.
void setWakeOnDone(void (*wake)());

// Ctrl+C on the command line: the first press asks the work to stop (it says so and exits cleanly), the second
// ends the process as usual.
std::stop_token interruptOnCtrlC();

}  // namespace safetymap::jobs
