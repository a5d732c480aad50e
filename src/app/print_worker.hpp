#pragma once
// Printing and previewing off the UI thread: the job works on its own copy of the project, so the
// user can keep panning and editing while an atlas is written; progress is polled by the frame loop.
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "print/preview.hpp"
#include "print/print_job.hpp"

namespace safetymap::app {

class PrintWorker {
 public:
  ~PrintWorker();
  bool busy() const { return thread_.joinable() && !done_; }
  // Starts a preview (page 1) or a full print; ignored while busy.
  bool start(const Project& project, const print::PrintOptions& options, bool previewOnly);
  float progress() const { return progress_; }
  std::string stage() const;
  // After the job ends: the preview, or the print result, once each.
  std::optional<print::PreviewImage> takePreview();
  std::optional<print::PrintResult> takeResult();

 private:
  void join();
  std::thread thread_;
  std::atomic<bool> done_{true};
  std::atomic<float> progress_{0};
  mutable std::mutex mutex_;
  std::string stage_;
  std::optional<print::PreviewImage> preview_;
  std::optional<print::PrintResult> result_;
};

// A copy of the project whose layers are copies too, safe to read on another thread.
std::shared_ptr<const Project> snapshotProject(const Project& project);

}  // namespace safetymap::app
