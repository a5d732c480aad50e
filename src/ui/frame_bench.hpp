#pragma once
// --bench-frames N: once the map is ready, N frames with the camera circling the ward and zooming in and
// out (no vsync), the first district chosen a few frames before the end, then one style change; prints one line a
// script can read: wall and main-thread CPU time per frame, frames per second, and how long the style change took to
// rebuild the GPU buffers.
#include <cstdint>
#include <string>
#include <vector>

#include "core/camera.hpp"
#include "core/project.hpp"

namespace safetymap::render {
class MapRenderer;
}

namespace safetymap::ui {

class FrameBench {
 public:
  explicit FrameBench(int frames) : frames_(frames), launched_(wallSecondsNow()) {}
  bool active() const { return frames_ > 0; }
  bool running() const { return started_ && !finished(); }
  bool finished() const { return static_cast<int>(wall_.size()) >= frames_ + kWarmUp; }
  // Before a frame: moves the camera along its path (starting from the view it found).
  void beforeFrame(Camera& camera);
  // Just before the map is drawn: what came before is the viewer's own work (panels, labels, buffers).
  void beforeDraw();
  // After the frame has been swapped and finished.
  void afterFrame();
  // The first frame with everything drawn (every room settled: the layers loaded, a raster's pictures painted).
  void ready() {
    if (readySeconds_ < 0) readySeconds_ = wallSecondsNow() - launched_;
  }
  // After the frames: a style change (the crime colours: a new palette) and hiding a crime type (a rebuild),
  // each timed from the change to the GPU having it; then the report on stdout.
  void finish(Project& project, render::MapRenderer& renderer, std::uint64_t filterVersion, std::uint64_t tagVersion,
              int width, int height);
  // True in the frame where the viewer chooses the first district, as a user would (a few frames before the
  // end): that frame's and the next frames' CPU time on the UI thread are reported as the district switch.
  bool chooseDistrictNow() const { return static_cast<int>(wall_.size()) == switchFrame(); }
  std::string report(std::size_t features, std::size_t points, const std::string& renderer, int width,
                     int height) const;

 private:
  static double wallSecondsNow();
  static constexpr int kWarmUp = 10;
  static constexpr int kAfterSwitch = 4;  // frames measured from the district switch on
  int switchFrame() const { return frames_ + kWarmUp - kAfterSwitch; }
  int frames_ = 0;
  double launched_ = 0, readySeconds_ = -1;
  bool started_ = false;
  Vec2 centre_{};
  double ppm_ = 0;
  double wall0_ = 0, cpu0_ = 0, appCpu_ = 0;
  std::vector<double> wall_, cpu_, app_, zoom_;
  double styleRebuildMs_ = 0;
  double filterRebuildMs_ = 0;
};

}  // namespace safetymap::ui
