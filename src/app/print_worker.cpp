#include "app/print_worker.hpp"

namespace safetymap::app {

std::shared_ptr<const Project> snapshotProject(const Project& p) {
  auto copy = std::make_shared<Project>(p);
  for (auto& l : copy->layers()) l = std::make_shared<Layer>(*l);
  return copy;
}

PrintWorker::~PrintWorker() {
  join();
}

void PrintWorker::join() {
  if (thread_.joinable()) thread_.join();
}

std::string PrintWorker::stage() const {
  std::lock_guard lock(mutex_);
  return stage_;
}

bool PrintWorker::start(const Project& project, const print::PrintOptions& options, bool previewOnly) {
  if (busy()) return false;
  join();
  done_ = false;
  progress_ = 0;
  auto snapshot = snapshotProject(project);
  thread_ = std::thread([this, snapshot, options, previewOnly] {
    if (previewOnly) {
      auto img = print::renderPreview(*snapshot, options, 1.25);
      std::lock_guard lock(mutex_);
      preview_ = std::move(img);
    } else {
      auto r = print::printDistricts(*snapshot, options, [this](double f, const std::string& s) {
        progress_ = static_cast<float>(f);
        std::lock_guard lock(mutex_);
        stage_ = s;
      });
      std::lock_guard lock(mutex_);
      result_ = std::move(r);
    }
    done_ = true;
  });
  return true;
}

std::optional<print::PreviewImage> PrintWorker::takePreview() {
  std::lock_guard lock(mutex_);
  if (!done_) return std::nullopt;
  auto p = std::move(preview_);
  preview_.reset();
  return p;
}

std::optional<print::PrintResult> PrintWorker::takeResult() {
  std::lock_guard lock(mutex_);
  if (!done_) return std::nullopt;
  auto r = std::move(result_);
  result_.reset();
  return r;
}

}  // namespace safetymap::app
