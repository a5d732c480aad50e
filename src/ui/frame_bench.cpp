#include "ui/frame_bench.hpp"
#include <epoxy/gl.h>

#include <fmt/format.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>

#include "render/map_renderer.hpp"

namespace safetymap::ui {

namespace {
double wallSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
double threadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}
double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
  return v[v.size() / 2];
}
}  // namespace

void FrameBench::beforeFrame(Camera& camera) {
  if (!started_) {
    started_ = true;
    centre_ = camera.center();
    ppm_ = camera.pixelsPerMetre();
  }
  // A loop around the ward every 120 frames, zooming between the whole ward and 4× closer.
  const double t = static_cast<double>(wall_.size()) * 2 * M_PI / 120.0;
  const double radius = 600;  // metres
  const double zoom = 1 + 1.5 * (1 - std::cos(t));
  camera.jumpTo({centre_.x + radius * std::cos(t), centre_.y + radius * std::sin(t)}, ppm_ * zoom);
  zoom_.push_back(zoom);
  wall0_ = wallSeconds();
  cpu0_ = threadCpuSeconds();
}

void FrameBench::beforeDraw() {
  if (running()) appCpu_ = threadCpuSeconds() - cpu0_;
}

double FrameBench::wallSecondsNow() {
  return wallSeconds();
}

void FrameBench::afterFrame() {
  wall_.push_back(wallSeconds() - wall0_);
  cpu_.push_back(threadCpuSeconds() - cpu0_);
  app_.push_back(appCpu_);
}

std::string FrameBench::report(std::size_t features, std::size_t points, const std::string& renderer, int width,
                               int height) const {
  // The district switch: the UI thread's CPU time in the frame that handles it (the whole frame, drawing
  // included), and the most of the frames after it, should any work be left to them.
  const auto k = static_cast<std::size_t>(std::max(0, switchFrame()));
  const double switchMs = k < cpu_.size() ? cpu_[k] * 1e3 : 0;
  double afterMs = 0;
  for (std::size_t i = k + 1; i < cpu_.size(); ++i) afterMs = std::max(afterMs, cpu_[i] * 1e3);
  std::vector<double> wall(wall_.begin() + std::min<long>(kWarmUp, static_cast<long>(wall_.size())), wall_.end());
  std::vector<double> cpu(cpu_.begin() + std::min<long>(kWarmUp, static_cast<long>(cpu_.size())), cpu_.end());
  std::vector<double> app(app_.begin() + std::min<long>(kWarmUp, static_cast<long>(app_.size())), app_.end());
  const double total = std::accumulate(wall.begin(), wall.end(), 0.0);
  // SAFETYMAP_FRAME_LOG=FILE: each frame's wall and CPU milliseconds and zoom, to see which part of the path is slow.
  if (const char* path = std::getenv("SAFETYMAP_FRAME_LOG")) {
    if (FILE* f = std::fopen(path, "w")) {
      for (std::size_t i = 0; i < wall_.size(); ++i)
        std::fprintf(f, "%zu %.2f %.2f %.3f\n", i, wall_[i] * 1e3, cpu_[i] * 1e3, zoom_[i]);
      std::fclose(f);
    }
  }
  return fmt::format(
      "bench=frame features={} crime_points={} frames={} size={}x{} fps={:.1f} wall_ms_per_frame_median={:.2f} "
      "cpu_ms_per_frame_median={:.2f} cpu_ms_per_frame_mean={:.2f} viewer_cpu_ms_before_draw_median={:.2f} "
      "style_rebuild_ms={:.2f} hide_category_rebuild_ms={:.2f} district_switch_cpu_ms={:.2f} "
      "after_switch_max_cpu_ms={:.2f} ready_seconds={:.2f} "
      "renderer=\"{}\"",
      features, points, wall.size(), width, height, total > 0 ? static_cast<double>(wall.size()) / total : 0.0,
      median(wall) * 1e3, median(cpu) * 1e3,
      cpu.empty() ? 0.0 : std::accumulate(cpu.begin(), cpu.end(), 0.0) / static_cast<double>(cpu.size()) * 1e3,
      median(app) * 1e3, styleRebuildMs_, filterRebuildMs_, switchMs, afterMs, readySeconds_, renderer);
}

void FrameBench::finish(Project& project, render::MapRenderer& renderer, std::uint64_t filterVersion,
                        std::uint64_t tagVersion, int width, int height) {
  std::size_t features = 0;
  for (const auto& l : project.layers()) features += l->features.size();
  const char* gl = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  Layer* crimes = project.editByRole(LayerRole::Crimes);
  auto print = [&] {
    std::printf("%s\n", report(features, crimes ? crimes->features.size() : 0, gl ? gl : "?", width, height).c_str());
    std::fflush(stdout);
  };
  if (!crimes) return print();
  auto timed = [&](auto&& edit) {
    const auto t0 = std::chrono::steady_clock::now();
    edit(crimes->style);
    crimes->touchStyle();
    renderer.sync(project, filterVersion, tagVersion);
    glFinish();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  };
  styleRebuildMs_ = timed([](LayerStyle& s) {
    s.fill = {0, 0, 0, 255};
    for (auto& c : s.categories) c.color = {c.color.b, c.color.r, c.color.g, 255};
  });
  if (!crimes->style.categories.empty())
    filterRebuildMs_ = timed([](LayerStyle& s) { s.categories.front().visible = false; });
  print();
}

}  // namespace safetymap::ui
