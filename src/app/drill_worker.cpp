#include "app/drill_worker.hpp"

#include <chrono>

#include "app/briefing_command.hpp"
#include "app/print_worker.hpp"
#include "print/briefing.hpp"

namespace safetymap::app {

DrillWorker::~DrillWorker() {
  join();
}

void DrillWorker::join() {
  if (thread_.joinable()) thread_.join();
}

std::shared_ptr<const analysis::WalkSurface> DrillWorker::surface() const {
  std::lock_guard lock(mutex_);
  return surface_;
}

std::shared_ptr<const analysis::EvacuationPlan> DrillWorker::plan() const {
  std::lock_guard lock(mutex_);
  return plan_;
}

bool DrillWorker::startPlan(const Project& project, const analysis::EvacuationOptions& options, bool onNetwork) {
  if (busy()) return false;
  join();
  done_ = false;
  auto snapshot = snapshotProject(project);
  const Layer* net = project.layerByRole(LayerRole::WalkNetwork);
  onNetwork = onNetwork && net;
  const std::uint64_t version = net ? net->dataVersion : 0;
  thread_ = std::thread([this, snapshot, options, onNetwork, version] {
    auto t0 = std::chrono::steady_clock::now();
    Result r;
    std::shared_ptr<const analysis::WalkSurface> s;
    {
      std::lock_guard lock(mutex_);
      s = onNetwork ? (networkVersion_ == version ? network_ : nullptr) : grid_;
    }
    if (!s) {
      Diagnostics diag(false);
      s = buildWalkSurface(*snapshot, onNetwork ? "network" : "grid", 2.0, diag);
      for (const auto& m : diag.snapshot()) r.error += m.str() + "\n";
    }
    if (s) r.plan = std::make_shared<analysis::EvacuationPlan>(analysis::planEvacuation(*snapshot, *s, options));
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    {
      std::lock_guard lock(mutex_);
      if (s && onNetwork) network_ = s, networkVersion_ = version;
      if (s && !onNetwork) grid_ = s;
      if (r.plan) plan_ = r.plan, surface_ = s;
      result_ = std::move(r);
    }
    done_ = true;
  });
  return true;
}

bool DrillWorker::startBriefing(const Project& project, int district, const std::string& out, double speed,
                                double supportSpeed) {
  if (busy() || !plan() || !surface()) return false;
  join();
  done_ = false;
  auto snapshot = snapshotProject(project);
  auto g = surface();
  auto p = std::make_shared<analysis::EvacuationPlan>(*plan());  // the speeds chosen now, the same routes
  p->options.speed = speed;
  p->options.supportSpeed = supportSpeed;
  Lang lang = project.lang;
  thread_ = std::thread([this, snapshot, g, p, district, out, lang] {
    Result r;
    print::BriefingOptions o;
    o.district = district;
    o.lang = lang;
    o.out = out;
    r.pages = print::printBriefing(*snapshot, *g, *p, o, r.error);
    r.briefing = out;
    {
      std::lock_guard lock(mutex_);
      result_ = std::move(r);
    }
    done_ = true;
  });
  return true;
}

std::optional<DrillWorker::Result> DrillWorker::take() {
  if (!done_) return std::nullopt;
  std::lock_guard lock(mutex_);
  auto r = std::move(result_);
  result_.reset();
  return r;
}

}  // namespace safetymap::app
