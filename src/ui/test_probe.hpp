#pragma once
// --state-file: the viewer writes what a person would see (language, selection and its
// attributes, district, camera, labels, district colours, widget positions) as JSON whenever it
// changes, so the UI test can drive the real window with xdotool and check the result.
#include <string>

#include "analysis/ward_stats.hpp"
#include "core/camera.hpp"
#include "core/diagnostics.hpp"
#include "jobs/job.hpp"
#include "render/map_renderer.hpp"
#include "ui/ui_state.hpp"

namespace safetymap::ui {

class TestProbe {
 public:
  explicit TestProbe(std::string path) : path_(std::move(path)) {}
  void write(const Project& p, const UiState& ui, const Camera& cam, const render::MapRenderer& r,
             const Diagnostics& diag, const analysis::WardStats& stats, const jobs::Jobs& running, bool ready);
  // After each buffer swap: one byte into the FIFO STATE.frames when the test made one, so a test can block on
  // the frames after the state it read (a screenshot then shows that state) instead of sleeping.
  void swapped();
  ~TestProbe();

 private:
  std::string path_;
  std::string last_;
  int frames_ = -1;  // the FIFO's write end; -1 until it is open
};

}  // namespace safetymap::ui
