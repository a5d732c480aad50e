#pragma once
// The drill analysis off the UI thread: the walking surface (the road-surface grid, built once; or the
// loaded centre-line network, rebuilt when that layer changes), the ward-wide plan, and on request the
// briefing PDF. The viewer polls it each frame.
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "analysis/evacuation.hpp"
#include "analysis/walk_surface.hpp"
#include "core/project.hpp"

namespace safetymap::app {

class DrillWorker {
 public:
  ~DrillWorker();
  bool busy() const { return thread_.joinable() && !done_; }
  // Computes the plan on a copy of the project, on the network when asked and loaded, else on the grid
  // (each surface is kept for the next run).
  bool startPlan(const Project& project, const analysis::EvacuationOptions& options, bool onNetwork);
  bool startBriefing(const Project& project, int district, const std::string& out, double speed, double supportSpeed);
  struct Result {
    std::shared_ptr<const analysis::EvacuationPlan> plan;
    double seconds = 0;
    std::string briefing, error;
    int pages = 0;
  };
  std::optional<Result> take();
  std::shared_ptr<const analysis::WalkSurface> surface() const;  // the one the current plan walked on
  std::shared_ptr<const analysis::EvacuationPlan> plan() const;

 private:
  void join();
  std::thread thread_;
  std::atomic<bool> done_{true};
  mutable std::mutex mutex_;
  std::shared_ptr<const analysis::WalkSurface> grid_, network_, surface_;
  std::uint64_t networkVersion_ = 0;
  std::shared_ptr<const analysis::EvacuationPlan> plan_;
  std::optional<Result> result_;
};

}  // namespace safetymap::app
