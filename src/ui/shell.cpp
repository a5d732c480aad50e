// The viewer's shell: it owns the window and the frame loop (poll events, new frame, the rooms and panels,
// render, swap), passes GLFW's input to the rooms through the window's user pointer, and on closing stops the
// jobs. Everything a feature does lives in its room (room.hpp).
#include <epoxy/gl.h>

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <utility>

#include "ui/frame_bench.hpp"
#include "ui/map_overlays.hpp"
#include "ui/map_view.hpp"
#include "ui/room.hpp"
#include "ui/screenshot.hpp"
#include "ui/test_probe.hpp"
#include "ui/window.hpp"

namespace safetymap::ui {

namespace {

class Shell {
 public:
  explicit Shell(const ViewerOptions& o) : ws_(o), bench_(o.benchFrames) {}
  int run();

 private:
  void frame();
  void drawPanels(float dt);
  void drawMap();
  void afterFrame(double now);
  bool drawn() const;    // the map complete on screen: nothing loading, moving or being computed
  bool ready() const;    // and as it will stay: every tile painted (what a screenshot or a test waits for)
  bool busy() const;     // something moves on screen: the next frame at once
  bool working() const;  // a job runs: a frame now and then for its progress (a finished one wakes the loop)
  void updateTitle();

  Workspace ws_;
  std::vector<std::unique_ptr<Room>> rooms_;
  MapView mapView_;
  MapOverlays overlays_;
  std::unique_ptr<TestProbe> probe_;
  FrameBench bench_;
  GLFWwindow* window_ = nullptr;
  WindowInput input_;
  bool laidOut_ = false;                        // the panels and the map area measured once
  int framesSinceReady_ = 0, quickFrames_ = 0;  // quick: frames at full speed after input (popups settle in 2–3)
  double lastTime_ = 0;
  std::string titleShown_;
};

bool Shell::drawn() const {
  if (!ws_.camera.settled()) return false;
  for (const auto& r : rooms_)
    if (r->settling(ws_)) return false;
  return true;
}

bool Shell::ready() const {
  return drawn() && !ws_.renderer.tilesPending();
}

bool Shell::busy() const {  // draw at once; otherwise wait for input
  return !ws_.camera.settled() || ws_.renderer.tilesPending() || bench_.running() || quickFrames_ > 0 ||
         (drawn() && !ws_.ui.labels.empty() && framesSinceReady_ < 4) || ws_.jobs.handOverDue();
}

bool Shell::working() const {
  return ws_.jobs.busy() || !drawn();
}

void Shell::updateTitle() {
  std::string t = tr(ws_.project.lang, "app.title");
  if (!ws_.projectPath.empty()) t += " — " + std::filesystem::path(ws_.projectPath).filename().string();
  if (ws_.history.dirty()) t += " *";
  if (t != titleShown_) glfwSetWindowTitle(window_, t.c_str()), titleShown_ = t;
  ws_.ui.projectPath = ws_.projectPath;
}

void Shell::drawPanels(float dt) {
  auto& ui = ws_.ui;
  ImGuiIO& io = ImGui::GetIO();
  const float menuH = ImGui::GetFrameHeight(), statusH = ImGui::GetFrameHeight() + 6;
  const float left = ui.showLayers ? 340.f : 0.f, right = ui.showRight ? 400.f : 0.f;
  ui.map = {left, menuH, std::max(50.f, io.DisplaySize.x - left - right),
            std::max(50.f, io.DisplaySize.y - menuH - statusH)};
  ws_.camera.setViewport(ui.map.w, ui.map.h);
  laidOut_ = true;
  ui.widgets.clear();
  PanelContext c = ws_.panels();
  drawMainMenu(c);
  if (ui.showLayers) drawLayerPanel(c, {0, menuH, left, io.DisplaySize.y - menuH - statusH});
  if (ui.showRight) drawRightPanel(c, {io.DisplaySize.x - right, menuH, right, io.DisplaySize.y - menuH - statusH});
  mapView_.update(c, ws_.camera);
  ws_.camera.update(dt);
  for (auto& r : rooms_) r->overlay(ws_);
  overlays_.draw(c, ws_.camera, mapView_);
  drawErrorsPanel(c, ui.map);
  drawStatusBar(c, statusH);
  for (auto& r : rooms_) r->draw(ws_);
}

void Shell::drawMap() {
  auto& ui = ws_.ui;
  ws_.renderer.sync(ws_.project, ui.filterVersion, ui.tagVersion);
  ws_.renderer.updateHighlight(ws_.project, ui.selectionVersion);
  int fbw, fbh;
  glfwGetFramebufferSize(window_, &fbw, &fbh);
  ImVec2 display = ImGui::GetIO().DisplaySize;
  float sx = display.x > 0 ? fbw / display.x : 1, sy = display.y > 0 ? fbh / display.y : 1;
  glViewport(0, 0, fbw, fbh);
  // The docked panels' background (see beginDockedPanel), then the map's.
  const ImVec4 panel = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
  glClearColor(panel.x, panel.y, panel.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  render::Viewport vp{static_cast<int>(ui.map.x * sx), static_cast<int>((display.y - ui.map.y - ui.map.h) * sy),
                      static_cast<int>(ui.map.w * sx), static_cast<int>(ui.map.h * sy)};
  glEnable(GL_SCISSOR_TEST);
  glScissor(vp.x, vp.y, vp.width, vp.height);
  glClearColor(0.78f, 0.87f, 0.93f, 1.0f);  // Osaka Bay and the rivers: the map's background is water
  glClear(GL_COLOR_BUFFER_BIT);
  bench_.beforeDraw();
  ws_.renderer.draw(ws_.project, ws_.camera, vp);
  if (ws_.renderer.densityLayers() != ui.densityLayers) ui.densityLayers = ws_.renderer.densityLayers();
  ui.pointBudget = ws_.renderer.pointBudget();
  glDisable(GL_SCISSOR_TEST);
  glViewport(0, 0, fbw, fbh);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void Shell::frame() {
  // Started once the map is ready, then every frame: the tiles it leaves pending are part of what it measures.
  if (bench_.active() && (bench_.running() || framesSinceReady_ > 3) && !bench_.finished()) {
    bench_.beforeFrame(ws_.camera);
    if (bench_.chooseDistrictNow() && !ws_.project.districts().empty()) ws_.ui.requestDistrict = 0;
  }
  const double now = glfwGetTime();
  const double dt = std::min(0.1, now - lastTime_);
  lastTime_ = now;
  // Finished jobs hand over their results, once a frame has laid out the map (the loading starts before the
  // window: the bundled data fitted to a map area not yet measured would be framed for the whole window).
  if (laidOut_) ws_.jobs.poll();
  for (auto& r : rooms_) r->poll(ws_);
  ws_.fonts.rebuildIfNeeded();

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  ws_.ui.keyPresses = std::exchange(input_.keys, {});
  if (input_.leftPress) ws_.ui.leftPressAt = *std::exchange(input_.leftPress, std::nullopt);
  if (input_.leftRelease) ws_.ui.leftReleaseAt = *std::exchange(input_.leftRelease, std::nullopt);
  ws_.closeAsked = ws_.closeAsked || std::exchange(input_.closeAsked, false);
  for (auto& f : std::exchange(input_.dropped, {})) ws_.droppedFiles.push_back(std::move(f));
  if (ws_.fonts.ui()) ImGui::PushFont(ws_.fonts.ui());
  drawPanels(static_cast<float>(dt));
  if (ws_.fonts.ui()) ImGui::PopFont();
  ImGui::Render();
  ImGuiIO& io = ImGui::GetIO();
  bool input = !ws_.ui.keyPresses.empty() || io.MouseWheel != 0 || io.MouseDelta.x != 0 || io.MouseDelta.y != 0;
  for (int b = 0; b < 3; ++b) input = input || io.MouseClicked[b] || io.MouseReleased[b];
  if (input) quickFrames_ = 4;
  for (auto& r : rooms_) r->apply(ws_);
  if (ws_.closeWindow) glfwSetWindowShouldClose(window_, 1), ws_.closeWindow = false;
  updateTitle();
  drawMap();
  afterFrame(now);
}

// The screenshot, the test probe and the frame benchmark, once the frame is drawn.
void Shell::afterFrame(double now) {
  const bool isReady = ready() && ws_.ui.labels.size() > 0;
  framesSinceReady_ = isReady ? framesSinceReady_ + 1 : 0;
  // The start ends with the whole map on screen: where no tile is painted yet the layers are drawn directly.
  if (drawn() && ws_.ui.labels.size() > 0 && bench_.active()) bench_.ready();
  if (probe_)
    probe_->write(ws_.project, ws_.ui, ws_.camera, ws_.renderer, ws_.diag, ws_.stats, ws_.jobs,
                  isReady && framesSinceReady_ > 2);
  const auto& shot = ws_.options.screenshot;
  if (!shot.empty() && (framesSinceReady_ > 3 || (!ws_.jobs.running("load") && now > 60))) {
    int w, h;
    glfwGetFramebufferSize(window_, &w, &h);
    if (Status s = writeScreenshot(shot, w, h))
      std::fprintf(stderr, "safetymap: screenshot written to %s (%dx%d)\n", shot.c_str(), w, h);
    else
      std::fprintf(stderr, "safetymap: %s\n", s.message().c_str()), ws_.exitCode = 1;
    glfwSetWindowShouldClose(window_, 1);
  }
  glfwSwapBuffers(window_);
  if (probe_) probe_->swapped();
  if (!bench_.running()) return;
  glFinish();  // the frame is on the screen: llvmpipe has drawn it
  bench_.afterFrame();
  if (!bench_.finished()) return;
  int w, h;
  glfwGetFramebufferSize(window_, &w, &h);
  bench_.finish(ws_.project, ws_.renderer, ws_.ui.filterVersion, ws_.ui.tagVersion, w, h);
  glfwSetWindowShouldClose(window_, 1);
}

int Shell::run() {
  auto& o = ws_.options;
  ws_.settings = io::loadSettings();
  ws_.project.lang = o.lang ? *o.lang : ws_.settings.lang;
  ws_.project.activities = ws_.settings.activities;
  if (o.lang) ws_.settings.lang = *o.lang;
  // The rooms first: the bundled data starts loading on its own thread while the window, the fonts and the
  // shaders are made.
  ws_.jobs.onFailure = [this](const jobs::Job& j) { ws_.diag.error(j.title(), "stopped by an error: " + j.error()); };
  ws_.camera.setViewport(o.width, o.height);
  rooms_ = makeRooms(ws_);
  window_ = openWindow(o.sizeGiven ? o.width : ws_.settings.windowWidth,
                       o.sizeGiven ? o.height : ws_.settings.windowHeight, tr(ws_.project.lang, "app.title"));
  if (!window_) return 1;
  jobs::setWakeOnDone(wakeWindow);  // from now on GLFW is there to wake (a job done earlier is seen by busy())
  collectInput(window_, &input_);
  startImGui(window_, (std::filesystem::path(io::settingsPath()).parent_path() / "imgui.ini").string());
  const auto config = std::filesystem::path(io::settingsPath()).parent_path();
  if (Status s = ws_.fonts.init((config / "glyphs.txt").string()); !s) ws_.diag.error("fonts-noto-cjk", s.message());
  try {
    ws_.renderer.init();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "safetymap: %s\n", e.what());
    return 1;
  }
  ws_.ui.screenshotMode = !o.screenshot.empty();
  if (!o.stateFile.empty()) probe_ = std::make_unique<TestProbe>(o.stateFile);
  if (bench_.active()) glfwSwapInterval(0);  // as fast as it can draw
  lastTime_ = glfwGetTime();
  while (!glfwWindowShouldClose(window_)) {
    if (busy())
      glfwPollEvents();
    else if (working())
      glfwWaitEventsTimeout(0.05);  // a progress bar at 20 fps: the rest of the CPU (llvmpipe's too) to the job
    else
      glfwWaitEventsTimeout(0.5);  // sleep while nothing moves: no animation, no job, no input
    if (quickFrames_ > 0) --quickFrames_;
    frame();
  }
  // Closing: running jobs are cancelled and waited for (a print stops at its next page and writes nothing).
  const auto t0 = std::chrono::steady_clock::now();
  const size_t running = ws_.jobs.list().size();
  ws_.jobs.stopAll();
  const double stopped = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ws_.jobs.clear();
  if (running)
    std::fprintf(stderr, "safetymap: closing: %zu job(s) stopped in %.2f s (%.2f s with their data freed)\n", running,
                 stopped, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  if (o.screenshot.empty() && !bench_.active()) {
    int w, h;
    glfwGetWindowSize(window_, &w, &h);
    ws_.settings.windowWidth = w, ws_.settings.windowHeight = h;
    io::saveSettings(ws_.settings);
  }
  rooms_.clear();
  ws_.renderer.shutdown();
  overlays_.release();
  closeWindow(window_);
  return ws_.exitCode;
}

}  // namespace

int runViewer(const ViewerOptions& options) {
  Shell shell(options);
  return shell.run();
}

}  // namespace safetymap::ui
