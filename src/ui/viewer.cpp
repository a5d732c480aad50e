#include "ui/viewer.hpp"
#include <epoxy/gl.h>

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <fmt/format.h>
#include <imgui.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include "analysis/crime_choropleth.hpp"
#include "analysis/crime_table.hpp"
#include "analysis/district_join.hpp"
#include "analysis/overlay.hpp"
#include "analysis/ward_stats.hpp"
#include "app/drill_worker.hpp"
#include "app/importer.hpp"
#include "app/load_job.hpp"
#include "app/print_worker.hpp"
#include "core/edit_history.hpp"
#include "core/palette.hpp"
#include "io/exporter.hpp"
#include "io/manifest.hpp"
#include "io/plan_reader.hpp"
#include "io/png_writer.hpp"
#include "io/project_file.hpp"
#include "io/settings.hpp"
#include "render/map_renderer.hpp"
#include "render/texture.hpp"
#include "ui/file_dialog.hpp"
#include "ui/frame_bench.hpp"
#include "ui/map_overlays.hpp"
#include "ui/map_view.hpp"
#include "ui/panels.hpp"
#include "ui/test_probe.hpp"

namespace fs = std::filesystem;

namespace safetymap::ui {

namespace {

std::vector<std::string> gDropped;  // filled by GLFW's drop callback, consumed by the frame loop

void onDrop(GLFWwindow*, int count, const char** paths) {
  for (int i = 0; i < count; ++i) gDropped.emplace_back(paths[i]);
}

// Key presses queued between frames: ImGui 1.86 only sees which keys are down at NewFrame, so a
// press and release that arrive together (fast typing, xdotool) would otherwise be lost.
std::vector<UiState::KeyPress> gKeyPresses;

void onKey(GLFWwindow*, int key, int, int action, int mods) {
  if (action == GLFW_PRESS || action == GLFW_REPEAT) gKeyPresses.push_back({key, mods});
}

// Where the left button went down and came up, as it happened: ImGui 1.86 reads the cursor once per frame,
// so on a slow frame the move onto a spot, the press, a drag and the release can all fall in one frame.
std::optional<Vec2> gLeftPress, gLeftRelease;

void onMouseButton(GLFWwindow* w, int button, int action, int) {
  if (button != GLFW_MOUSE_BUTTON_LEFT) return;
  double x = 0, y = 0;
  glfwGetCursorPos(w, &x, &y);
  (action == GLFW_PRESS ? gLeftPress : gLeftRelease) = Vec2{x, y};
}

// The window's close box: the viewer decides (it asks first when there are unsaved changes).
bool gCloseRequested = false;

void onClose(GLFWwindow* w) {
  glfwSetWindowShouldClose(w, GLFW_FALSE);
  gCloseRequested = true;
}

// One piece of background work (a save or an import) and its outcome, polled by the frame loop.
struct BackgroundTask {
  std::thread thread;
  std::atomic<bool> done{false};
  std::function<void()> onDone;  // runs on the UI thread
  bool running() const { return thread.joinable(); }
  void start(std::function<void()> work, std::function<void()> finished) {
    done = false;
    onDone = std::move(finished);
    thread = std::thread([this, work = std::move(work)] {
      work();
      done = true;
    });
  }
  void poll() {
    if (thread.joinable() && done) {
      thread.join();
      if (onDone) onDone();
    }
  }
  ~BackgroundTask() {
    if (thread.joinable()) thread.join();
  }
};

class Viewer {
 public:
  explicit Viewer(const ViewerOptions& o) : opt_(o), diag_(true) {}
  int run();

 private:
  bool initWindow();
  void startBundledLoad();
  void queueFiles(const std::vector<std::string>& files);
  void pollJobs();
  void integrate(app::LoadResult r);
  void recountDistricts();
  void refreshChoropleth();
  void refreshStats();
  void applyPlanItem(const std::string& id);
  void colourDistrictsByActivity();
  void openPrintDialog();
  void applyEdits();
  void startSave(const std::string& path);
  void startImport(const std::string& file);
  void exportLayer(const std::string& layerId, const std::string& path);
  void openProjectFile(const std::string& path, const std::vector<std::string>& confirmedReferences = {});
  std::vector<std::string> unreadEntries_;  // the open project's layer entries for files it names but were not read
  void updateTitle();
  void pollDrill();
  void showDrillResult();
  void updateIsochrones();
  std::optional<print::PrintOptions> printOptions(std::string& error) const;
  void pollPrint();
  void applyRequests();
  void layout();
  void frame();
  void finishBench();
  bool readyForScreenshot() const;
  bool writeScreenshot();

  ViewerOptions opt_;
  Diagnostics diag_;
  io::Settings settings_;
  Project project_;
  Camera camera_;
  UiState ui_;
  Fonts fonts_;
  render::MapRenderer renderer_;
  MapView mapView_;
  MapOverlays overlays_;
  FileDialog fileDialog_;
  std::unique_ptr<TestProbe> probe_;
  FrameBench bench_{0};
  GLFWwindow* window_ = nullptr;

  std::deque<app::LoadRequest> pending_;
  std::unique_ptr<app::LoadJob> job_;
  bool bundledLoaded_ = false;
  bool fittedOnce_ = false;
  int framesSinceReady_ = 0;
  int exitCode_ = 0;
  std::uint64_t highlightKey_ = 0;
  std::uint64_t countsKey_ = ~0ull;
  std::uint64_t choroplethKey_ = ~0ull;
  bool activityFill_ = false;  // the districts are filled because 2-1-1 colours them
  // Which cells of a raster lie in the ward (walking bands stop at its edge), kept while the ward and raster stay.
  std::vector<std::uint8_t> wardMask_;
  std::uint64_t wardMaskKey_ = 0;
  const std::vector<std::uint8_t>& wardMask(const Bounds& extent, double cell, int cols, int rows);
  std::vector<std::map<LayerRole, int>> districtCounts_;
  analysis::WardStats stats_;
  std::uint64_t statsKey_ = ~0ull;
  std::map<std::string, bool> visibilityBeforePlan_;
  std::map<std::string, bool> visibilityBeforeDrill_;  // the crime layers, hidden while the drill tab is open
  void showTaskLayers();
  app::PrintWorker printWorker_;
  EditHistory history_;
  std::string projectPath_;
  BackgroundTask task_;
  std::string pendingOpen_;  // a project to open once the user has answered "save changes?"
  std::string titleShown_;
  std::string exportTarget_;
  int quickFrames_ = 0;
  app::DrillWorker drillWorker_;
  render::Texture
      isochroneTexture_;  // frames to draw at full speed after input (popups and windows settle in 2–3 frames)
  render::Texture previewTexture_;
  bool printWasPreview_ = false;  // restored when the plan choice is cleared
  double lastTime_ = 0;
  int lastProgressPct_ = -1;
};

bool Viewer::initWindow() {
  glfwSetErrorCallback(
      [](int code, const char* msg) { std::fprintf(stderr, "safetymap: GLFW error %d: %s\n", code, msg); });
  if (!glfwInit()) {
    std::fprintf(stderr, "safetymap: cannot open a window: no display (set DISPLAY, or run under xvfb-run)\n");
    return false;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GL_TRUE);
  int w = opt_.sizeGiven ? opt_.width : settings_.windowWidth;
  int h = opt_.sizeGiven ? opt_.height : settings_.windowHeight;
  // 4× multisampling smooths polygon edges on a GPU. A software renderer (Mesa llvmpipe, an office PC without
  // a GPU) pays for it with over half its frame rate (BENCHMARKS.md), and the shaders smooth points and lines
  // themselves, so there the window is made again without it. SAFETYMAP_MSAA=0/2/4/8 decides instead.
  const char* msaaEnv = std::getenv("SAFETYMAP_MSAA");
  auto create = [&](int samples) {
    glfwWindowHint(GLFW_SAMPLES, samples);
    window_ = glfwCreateWindow(w, h, tr(project_.lang, "app.title"), nullptr, nullptr);
    if (window_) glfwMakeContextCurrent(window_);
    return window_ != nullptr;
  };
  bool created = create(msaaEnv ? std::atoi(msaaEnv) : 4);
  if (created && !msaaEnv) {
    const char* r = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    if (r && (std::strstr(r, "llvmpipe") || std::strstr(r, "softpipe"))) {
      glfwDestroyWindow(window_);
      created = create(0);
    }
  }
  if (!created) {
    std::fprintf(stderr, "safetymap: cannot create an OpenGL 3.3 core window\n");
    glfwTerminate();
    return false;
  }
  glfwSwapInterval(1);
  glfwSetDropCallback(window_, onDrop);
  glfwSetKeyCallback(window_, onKey);
  glfwSetMouseButtonCallback(window_, onMouseButton);  // ImGui's backend chains to it
  glfwSetWindowCloseCallback(window_, onClose);        // ImGui's backend chains to it

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  static std::string iniPath = (fs::path(io::settingsPath()).parent_path() / "imgui.ini").string();
  io.IniFilename = iniPath.c_str();
  ImGui::StyleColorsLight();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0;
  style.FrameRounding = 3;
  std::string fontError;
  if (!fonts_.init(fontError)) diag_.error("fonts-noto-cjk", fontError);
  ImGui_ImplGlfw_InitForOpenGL(window_, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");
  try {
    renderer_.init();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "safetymap: %s\n", e.what());
    return false;
  }
  return true;
}

void Viewer::startBundledLoad() {
  app::LoadRequest req = app::bundledRequest(opt_.geodataDir, opt_.roleFiles, diag_);
  if (!opt_.geodataDir.empty())
    if (auto plan = io::readPlan((fs::path(opt_.geodataDir) / "plan" / "plan.json").string(), diag_))
      project_.plan = std::move(*plan);
  if (!req.specs.empty())
    pending_.push_back(std::move(req));
  else
    bundledLoaded_ = true;
  queueFiles(opt_.files);
}

void Viewer::openProjectFile(const std::string& path, const std::vector<std::string>& confirmedReferences) {
  app::LoadRequest req;
  req.projectFile = path;
  req.projectOptions.trustedFolders = {opt_.geodataDir};
  req.projectOptions.confirmedReferences = confirmedReferences;
  pending_.push_back(std::move(req));
  settings_.addRecent(path);
  io::saveSettings(settings_);
}

void Viewer::queueFiles(const std::vector<std::string>& files) {
  for (const auto& given : files) {
    std::error_code ec;
    std::string f = fs::absolute(given, ec).lexically_normal().string();  // messages and recent files name it plainly
    if (io::isProjectFile(f)) {                                           // a saved project replaces what is open
      if (history_.dirty()) {
        pendingOpen_ = f;
        ui_.confirmQuit = true;
        continue;
      }
      openProjectFile(f);
      continue;
    }
    app::LoadRequest req;
    req.specs.push_back(app::specForFile(f, project_.layers().size() + pending_.size()));
    pending_.push_back(std::move(req));
    settings_.addRecent(f);
  }
  if (!files.empty()) io::saveSettings(settings_);
}

void Viewer::pollJobs() {
  if (ui_.requestReadReferences) {  // the user agreed to read the files the project names outside itself
    ui_.requestReadReferences = false;
    openProjectFile(ui_.referencesProject, ui_.outsideReferences);
    ui_.referencesProject.clear(), ui_.outsideReferences.clear();
  }
  if (job_ && job_->done()) {
    integrate(job_->take());
    job_.reset();
    if (!bundledLoaded_) bundledLoaded_ = true;
  }
  if (!job_ && !pending_.empty()) {
    app::LoadRequest req = std::move(pending_.front());
    pending_.pop_front();
    if (const Layer* d = project_.layerByRole(LayerRole::Districts))
      for (const auto& l : project_.layers())
        if (l.get() == d) req.districtsLayer = l;
    job_ = std::make_unique<app::LoadJob>(std::move(req), diag_, true);
  }
}

void Viewer::integrate(app::LoadResult r) {
  for (auto& ll : r.layers) {
    for (const auto& v : ll.layer->features)
      for (const auto& s : v.values) fonts_.require(s);
    fonts_.require(ll.layer->nameJa);
  }
  bool newDistricts = r.districts.has_value();
  if (r.replaceAll) {  // a saved project: its layers, statuses and view replace what was open
    project_.layers().clear();
    project_.selection = {};
    project_.selectedDistrict = -1;
    project_.activities = r.activities;
    projectPath_ = r.projectFile;
    unreadEntries_ = r.view ? r.view->unreadEntries : std::vector<std::string>{};
    history_.clear();
    visibilityBeforePlan_.clear();
  }
  app::addToProject(project_, r);  // gives each layer its final id
  for (auto& ll : r.layers)
    if (ll.triangles) renderer_.setTriangulation(ll.layer->id, ll.triangles);
  if (newDistricts) ui_.filterVersion++;
  if (r.view) {
    if (r.view->pixelsPerMetre > 0) camera_.jumpTo(r.view->center, r.view->pixelsPerMetre), fittedOnce_ = true;
    if (r.view->district >= 0 && r.view->district < static_cast<int>(project_.districts().size()))
      project_.selectedDistrict = r.view->district, ui_.filterVersion++;
    if (!r.view->planItem.empty()) ui_.requestPlanItem = r.view->planItem;
    if (!r.view->outsideReferences.empty())  // asked in a dialog; read only if the user agrees
      ui_.referencesProject = r.projectFile, ui_.outsideReferences = r.view->outsideReferences;
    colourDistrictsByActivity();
  }
  if (!fittedOnce_ && !project_.wardBounds().empty()) {
    camera_.fit(project_.wardBounds(), 24, false);
    fittedOnce_ = true;
  }
  if (!opt_.district.empty() && project_.districts().size()) {
    int d = project_.findDistrict(opt_.district);
    if (d < 0) {
      diag_.error("--district", project_.unknownDistrictMessage(opt_.district));
      if (!opt_.screenshot.empty()) exitCode_ = 2, glfwSetWindowShouldClose(window_, 1);
    } else {
      ui_.requestDistrict = d;
    }
    opt_.district.clear();
  }
  if (!opt_.planItem.empty() && bundledLoaded_ == false && !project_.plan.issues.empty()) {
    if (project_.plan.title(opt_.planItem, Lang::Ja).empty())
      diag_.error("--plan", "unknown plan item '" + opt_.planItem +
                                "' (use an issue, strategy or action id such as 2, 2-2 or 2-1-3)");
    else
      ui_.requestPlanItem = opt_.planItem;
    opt_.planItem.clear();
  }
}

void Viewer::recountDistricts() {
  std::uint64_t key = project_.districts().size();
  for (const auto& l : project_.layers()) key = key * 31 + l->dataVersion + l->features.size();
  if (key == countsKey_) return;
  countsKey_ = key;
  districtCounts_.assign(project_.districts().size(), {});
  for (const auto& l : project_.layers()) {
    if (isContextRole(l->role)) continue;
    for (const auto& f : l->features)
      if (f.district >= 0 && static_cast<size_t>(f.district) < districtCounts_.size())
        districtCounts_[static_cast<size_t>(f.district)][l->role]++;
  }
}

// The 町丁目 coloured by crimes: recomputed only when the records, the 町丁目 or the measure change.
void Viewer::refreshChoropleth() {
  const Layer* crimes = project_.layerByRole(LayerRole::Crimes);
  const Layer* chome = project_.layerByRole(LayerRole::Chome);
  std::uint64_t key = (crimes ? crimes->dataVersion : 0) * 1000003ull + (chome ? chome->dataVersion : 0) * 31 +
                      static_cast<std::uint64_t>(ui_.crimeMeasure);
  if (key == choroplethKey_) return;
  choroplethKey_ = key;
  analysis::applyCrimeChoropleth(
      project_, ui_.crimeMeasure ? analysis::CrimeMeasure::RatePer1000 : analysis::CrimeMeasure::Count);
}

const std::vector<std::uint8_t>& Viewer::wardMask(const Bounds& extent, double cell, int cols, int rows) {
  const Layer* ward = project_.layerByRole(LayerRole::Ward);
  std::uint64_t key = ward ? ward->dataVersion : 0;
  for (double v : {extent.minx, extent.maxy, cell, double(cols), double(rows)})
    key = key * 1099511628211ull ^ std::hash<double>{}(v);
  if (key == wardMaskKey_ && !wardMask_.empty()) return wardMask_;
  wardMaskKey_ = key;
  wardMask_.clear();
  if (!ward) return wardMask_;
  wardMask_ = analysis::insideMask(project_.wardArea(), extent, cell, cols, rows);
  return wardMask_;
}

// The drill tab is about streets, buildings and people: the crime choropleth and points step aside while it is
// open (the routes and bands read clearly), and come back as they were when it closes.
void Viewer::showTaskLayers() {
  const bool drill = ui_.rightTab == 2;
  if (drill && visibilityBeforeDrill_.empty()) {
    for (auto& l : project_.layers())
      if (l->role == LayerRole::Crimes || l->role == LayerRole::Chome) {
        visibilityBeforeDrill_[l->id] = l->style.visible;
        if (l->style.visible) l->style.visible = false, l->touchStyle();
      }
  } else if (!drill && !visibilityBeforeDrill_.empty()) {
    for (auto& l : project_.layers())
      if (auto it = visibilityBeforeDrill_.find(l->id);
          it != visibilityBeforeDrill_.end() && l->style.visible != it->second)
        l->style.visible = it->second, l->touchStyle();
    visibilityBeforeDrill_.clear();
  }
}

void Viewer::refreshStats() {
  std::uint64_t key = countsKey_ * 1000003ull + static_cast<std::uint64_t>(project_.selectedDistrict + 2);
  for (const auto& [d, st] : project_.activities.drill) key = key * 31 + std::hash<std::string>{}(d) + int(st);
  for (const auto& [d, st] : project_.activities.study) key = key * 37 + std::hash<std::string>{}(d) + int(st);
  if (key == statsKey_) return;
  statsKey_ = key;
  stats_ = analysis::computeWardStats(project_, project_.selectedDistrict);
}

// Colours the districts by the recorded drill / study-session status while 2-1-1 is chosen.
void Viewer::colourDistrictsByActivity() {
  Layer* dl = project_.layerByRole(LayerRole::Districts);
  if (!dl) return;
  bool active = false;
  for (const PlanLink* l : project_.plan.linksUnder(project_.selectedPlanItem))
    active = active || (l->colourByDrillStatus && !project_.selectedPlanItem.empty());
  std::vector<Rgba> fills;
  if (active)
    for (size_t i = 0; i < dl->features.size(); ++i) {
      std::string name = i < project_.districts().size() ? project_.districts()[i].nameJa : "";
      fills.push_back(activityColor(project_.activities.get(ui_.colourActivity, name)));
    }
  // The districts are outlines over the 町丁目 choropleth; the activity colours fill them while 2-1-1 is chosen.
  if (!active && activityFill_) dl->style.drawFill = false, activityFill_ = false, dl->touchStyle();
  if (active && !dl->style.drawFill) dl->style.drawFill = true, activityFill_ = true, dl->touchStyle();
  if (fills != dl->style.featureFills) {
    dl->style.featureFills = std::move(fills);
    dl->touchStyle();
  }
}

void Viewer::applyPlanItem(const std::string& id) {
  project_.selectedPlanItem = id;
  if (!id.empty()) ui_.focusPlanTab = true;
  std::vector<LayerRole> roles;
  for (const PlanLink* l : project_.plan.linksUnder(id))
    for (LayerRole r : l->layers) roles.push_back(r);
  if (id.empty() || roles.empty()) {
    // Nothing on the map for this item: the layers go back to how the user had them.
    for (auto& l : project_.layers())
      if (auto it = visibilityBeforePlan_.find(l->id);
          it != visibilityBeforePlan_.end() && l->style.visible != it->second)
        l->style.visible = it->second, l->touchStyle();
    visibilityBeforePlan_.clear();
    colourDistrictsByActivity();
    return;
  }
  if (visibilityBeforePlan_.empty())
    for (const auto& l : project_.layers()) visibilityBeforePlan_[l->id] = l->style.visible;
  // Its layers shown, the other thematic layers hidden; the base map (ward, roads, neighbours) stays.
  Bounds where;
  for (auto& l : project_.layers()) {
    if (l->role == LayerRole::Ward || l->role == LayerRole::Roads || l->role == LayerRole::Neighbours) continue;
    bool show = std::find(roles.begin(), roles.end(), l->role) != roles.end() || l->role == LayerRole::Districts;
    if (l->style.visible != show) l->style.visible = show, l->touchStyle();
    if (show && std::find(roles.begin(), roles.end(), l->role) != roles.end())
      for (const auto& f : l->features)
        if (project_.passesFilter(*l, f)) where.add(f.geometry.bounds());
  }
  colourDistrictsByActivity();
  if (where.empty())
    where = project_.selectedDistrict >= 0 ? project_.districts()[static_cast<size_t>(project_.selectedDistrict)].bounds
                                           : project_.wardBounds();
  camera_.fit(where, 40, true);
}

void Viewer::openPrintDialog() {
  auto& d = ui_.print;
  if (project_.districts().empty()) return;
  if (!d.open) {
    d.district = std::max(0, project_.selectedDistrict);
    d.lang = project_.lang == Lang::En ? 1 : 0;
    if (auto p = analysis::defaultPeriod(project_)) {
      std::snprintf(d.from, sizeof d.from, "%04d-%02d", p->from.year, p->from.month);
      std::snprintf(d.to, sizeof d.to, "%04d-%02d", p->to.year, p->to.month);
    }
    std::string name = project_.districts()[static_cast<size_t>(d.district)].nameJa;
    std::string file = (fs::current_path() / ("地域安全マップ-" + name + ".pdf")).string();
    std::snprintf(d.out, sizeof d.out, "%s", file.c_str());
    d.error.clear(), d.status.clear();
  }
  d.open = d.justOpened = true;
  d.dirty = true;
}

std::optional<print::PrintOptions> Viewer::printOptions(std::string& error) const {
  const auto& d = ui_.print;
  print::PrintOptions o;
  auto from = parseYearMonth(d.from), to = parseYearMonth(d.to);
  if (!from || !to) {
    error = tr(project_.lang, "printdlg.bad_month");
    return std::nullopt;
  }
  o.period = {*from, *to};
  o.perResident = ui_.crimeMeasure == 1;  // paper as the screen
  if (!o.period.valid()) {
    error = std::string(d.from) + " > " + d.to;
    return std::nullopt;
  }
  if (d.all)
    for (int i = 0; i < static_cast<int>(project_.districts().size()); ++i) o.districts.push_back(i);
  else
    o.districts.push_back(d.district);
  o.setup.paper = d.paper == 1 ? print::Paper::A3 : print::Paper::A4;
  o.setup.landscape = d.landscape;
  o.lang = d.lang == 1 ? Lang::En : Lang::Ja;
  o.out = d.out;
  return o;
}

// Starts previews and prints off the UI thread, and takes their results when they are done.
void Viewer::pollPrint() {
  auto& d = ui_.print;
  if (auto img = printWorker_.takePreview(); img && img->width > 0) {
    previewTexture_.upload(img->width, img->height, img->rgba);
    d.preview = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(previewTexture_.id()));
    d.previewW = img->width, d.previewH = img->height, d.pages = img->pages;
  }
  if (auto r = printWorker_.takeResult()) {
    if (r->ok) {
      d.written = d.out;
      d.status = fmt::format(fmt::runtime(tr(project_.lang, "printdlg.written")), d.out, r->pages);
      diag_.info(d.out, d.status);
      settings_.addRecent(d.out);
    } else {
      d.error = r->error;
      diag_.error(d.out, r->error);
    }
  }
  d.busy = printWorker_.busy();
  d.progress = printWorker_.progress();
  if (!d.open || d.busy) return;
  if (d.requestPrint || d.dirty) {
    std::string error;
    auto o = printOptions(error);
    d.error = error;
    if (o) {
      if (d.requestPrint) d.status = tr(project_.lang, "printdlg.rendering");
      printWorker_.start(project_, *o, !d.requestPrint);
      d.busy = true;
    }
    (d.requestPrint ? d.requestPrint : d.dirty) = false;
  }
}

// Edits from the map and the panels go through the history, so each can be undone.
void Viewer::applyEdits() {
  std::set<std::string> touched;
  for (auto& e : ui_.requestEdits) {
    std::string layer = e.layerId;
    bool activity = e.kind == Edit::Kind::SetActivity;
    if (history_.apply(project_, std::move(e))) {
      if (activity)
        ui_.activitiesChanged = true;
      else
        touched.insert(layer);
    }
  }
  ui_.requestEdits.clear();
  auto redoOrUndo = [&](bool undo) {
    const Edit* e = undo ? history_.nextUndo() : history_.nextRedo();
    if (!e) return;
    bool activity = e->kind == Edit::Kind::SetActivity;
    std::string layer = e->layerId;
    if (undo ? history_.undo(project_) : history_.redo(project_)) {
      if (activity)
        ui_.activitiesChanged = true;
      else
        touched.insert(layer);
    }
  };
  if (ui_.requestUndo) redoOrUndo(true), ui_.requestUndo = false;
  if (ui_.requestRedo) redoOrUndo(false), ui_.requestRedo = false;
  // A moved or added point may now lie in another district.
  if (const Layer* d = project_.layerByRole(LayerRole::Districts); d && !touched.empty()) {
    analysis::DistrictLocator locator(*d);
    for (const auto& id : touched)
      if (Layer* l = project_.layer(id); l && !isContextRole(l->role)) locator.tag(*l);
  }
  for (const auto& id : touched)
    if (Layer* l = project_.layer(id)) {
      for (const auto& f : l->features)
        for (const auto& v : f.values) fonts_.require(v);
      if (l->geometryType() == GeometryType::Polygon) renderer_.setTriangulation(l->id, render::triangulateLayer(*l));
    }
  if (!touched.empty()) ui_.selectionVersion++;
  if (ui_.requestSelect) {
    if (const Layer* l = project_.layer(ui_.requestSelect->layerId);
        l && ui_.requestSelect->feature < static_cast<int>(l->features.size()))
      project_.selection = *ui_.requestSelect;
    ui_.requestSelect.reset();
  }
  ui_.dirty = history_.dirty();
  ui_.undoCount = history_.canUndo() ? history_.position() : 0;
  ui_.redoCount = history_.size() - history_.position();
}

void Viewer::startSave(const std::string& path) {
  if (task_.running()) return;
  auto snapshot = std::const_pointer_cast<Project>(app::snapshotProject(project_));  // its own deep copy
  // Saved as the user set the layers, not as the drill tab or 2-1-1 set them aside for the moment.
  for (auto& l : snapshot->layers()) {
    if (auto it = visibilityBeforeDrill_.find(l->id); it != visibilityBeforeDrill_.end()) l->style.visible = it->second;
    if (activityFill_ && l->role == LayerRole::Districts) l->style.drawFill = false;
  }
  io::ProjectView view{camera_.targetCenter(), camera_.targetPixelsPerMetre(), project_.selectedDistrict,
                       project_.selectedPlanItem};
  view.unreadEntries = unreadEntries_;  // files outside the project it names, not read: kept as named
  size_t position = history_.position();
  auto ok = std::make_shared<bool>(false);
  auto messages = std::make_shared<Diagnostics>(false);
  ui_.busy = true;
  ui_.busyText = tr(project_.lang, "status.saving");
  task_.start([=] { *ok = io::saveProject(*snapshot, view, path, *messages); },
              [=, this] {
                ui_.busy = false;
                for (const auto& m : messages->snapshot()) diag_.report(m.severity, m.file, m.text);
                if (!*ok) {
                  ui_.quitAfterSave = false;
                  return;
                }
                projectPath_ = path;
                history_.markSavedAt(position);
                ui_.dirty = history_.dirty();
                settings_.addRecent(path);
                io::saveSettings(settings_);
                diag_.info(path, fmt::format(fmt::runtime(tr(project_.lang, "status.saved")), path));
                if (ui_.quitAfterSave) glfwSetWindowShouldClose(window_, 1);
              });
}

void Viewer::startImport(const std::string& file) {
  if (task_.running()) return;
  auto snapshot = std::const_pointer_cast<Project>(app::snapshotProject(project_));
  auto report = std::make_shared<app::ImportReport>();
  auto messages = std::make_shared<Diagnostics>(false);
  auto triangles = std::make_shared<std::shared_ptr<const render::Triangulation>>();
  ui_.busy = true;
  ui_.busyText = tr(project_.lang, "status.importing");
  task_.start(
      [=] {
        *report = app::importFile(*snapshot, file, *messages);
        if (const Layer* l = snapshot->layer(report->layerId); l && l->geometryType() == GeometryType::Polygon)
          *triangles = render::triangulateLayer(*l);
      },
      [=, this] {
        ui_.busy = false;
        for (const auto& m : messages->snapshot()) diag_.report(m.severity, m.file, m.text);
        if (!report->ok || report->layerId.empty()) return;
        // The import is one undoable step: the layer as it was, the layer as it is now.
        Edit e;
        e.kind = Edit::Kind::ReplaceLayer;
        e.layerId = report->layerId;
        for (const auto& l : project_.layers())
          if (l->id == report->layerId) e.layerBefore = l;
        for (const auto& l : snapshot->layers())
          if (l->id == report->layerId) e.layerAfter = l;
        e.label = "import";
        for (const auto& f : e.layerAfter->features)
          for (const auto& v : f.values) fonts_.require(v);
        ui_.requestEdits.push_back(std::move(e));
        if (*triangles) renderer_.setTriangulation(report->layerId, *triangles);
        diag_.info(file, report->summary(project_.lang));
        settings_.addRecent(file);
      });
}

void Viewer::exportLayer(const std::string& layerId, const std::string& path) {
  const Layer* l = project_.layer(layerId);
  if (!l) return;
  io::ExportOptions o;
  std::string lower = path;
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  o.shiftJis = lower.size() > 9 && lower.substr(lower.size() - 9) == ".sjis.csv";  // name.sjis.csv → Shift_JIS
  if (io::exportLayer(*l, path, o, diag_))
    diag_.info(path, fmt::format(fmt::runtime(tr(project_.lang, "status.saved")), path));
}

void Viewer::updateTitle() {
  std::string t = tr(project_.lang, "app.title");
  if (!projectPath_.empty()) t += " — " + fs::path(projectPath_).filename().string();
  if (history_.dirty()) t += " *";
  if (t != titleShown_) glfwSetWindowTitle(window_, t.c_str()), titleShown_ = t;
  ui_.projectPath = projectPath_;
}

// The walking-time bands at the chosen speed: one texture over the walking grid, or on a centre-line
// network its streets coloured by time (one line feature per band).
void Viewer::updateIsochrones() {
  auto surface = drillWorker_.surface();
  auto plan = drillWorker_.plan();
  if (!surface || !plan) return;
  const double speed = ui_.drill.speed;
  project_.removeLayer("drill-bands");
  ui_.drill.isochrones = nullptr;
  if (const auto* net = surface->graph()) {
    auto bands = std::make_shared<Layer>();
    bands->id = "drill-bands";
    bands->nameJa = "徒歩時間（道路中心線）";
    bands->nameEn = "Walking time (centre lines)";
    bands->provenance.derived = true;
    bands->provenance.source = "分析結果";
    bands->style.drawFill = false;
    bands->style.strokeWidthPx = 3.0f;
    // One feature per band, in the legend as categories.
    bands->fields = {{"band"}};
    bands->style.categoryField = "band";
    const bool ja = project_.lang == Lang::Ja;
    for (int i = 0; i < kWalkBandCount; ++i) {
      std::string name = i + 1 < kWalkBandCount ? walkBandRange(i) + (ja ? " 分" : " min")
                                                : std::string(tr(project_.lang, "brief.unreachable"));
      bands->style.categories.push_back({name, walkBandColor(i), true});
      Feature f;
      f.geometry.type = GeometryType::Line;
      f.values = {name};
      f.category = i;
      bands->features.push_back(std::move(f));
    }
    // Only the ward's streets: nobody across the river belongs to a district.
    const Layer* ward = project_.layerByRole(LayerRole::Ward);
    const Bounds wb = ward ? ward->bounds() : Bounds{};
    const double mc = 5;  // metres per mask cell
    const int mcols = wb.empty() ? 0 : static_cast<int>(std::ceil(wb.width() / mc)) + 1;
    const int mrows = wb.empty() ? 0 : static_cast<int>(std::ceil(wb.height() / mc)) + 1;
    const auto& mask = wardMask(wb, mc, mcols, mrows);
    auto inWard = [&](Vec2 q) {
      if (wb.empty() || mask.empty()) return true;
      int x = static_cast<int>(std::floor((q.x - wb.minx) / mc)),
          y = static_cast<int>(std::floor((wb.maxy - q.y) / mc));
      return x >= 0 && y >= 0 && x < mcols && y < mrows && mask[static_cast<size_t>(y) * mcols + x];
    };
    for (auto [a, b] : net->edges()) {
      if (!inWard(net->node(a)) && !inWard(net->node(b))) continue;
      float d = std::max(plan->field.distance[static_cast<size_t>(a)], plan->field.distance[static_cast<size_t>(b)]);
      bands->features[static_cast<size_t>(walkBand(d, speed))].geometry.lines.push_back({net->node(a), net->node(b)});
    }
    std::erase_if(bands->features, [](const Feature& f) { return f.geometry.lines.empty(); });
    project_.addLayer(bands);
    // Under the routes and the buildings' loads, which came before it.
    const auto& ls = project_.layers();
    auto at = [&](const char* id) {
      return std::find_if(ls.begin(), ls.end(), [&](const auto& l) { return l->id == id; }) - ls.begin();
    };
    if (at("drill-routes") < at("drill-bands"))
      project_.moveLayer("drill-bands", static_cast<int>(at("drill-routes") - at("drill-bands")));
    return;
  }
  const auto* g = surface->grid();
  std::vector<std::uint8_t> rgba(static_cast<size_t>(g->width) * g->height * 4, 0);
  // Only the ward's streets: nobody across the river belongs to a district.
  const auto& inWard = wardMask(g->extent, g->cell, g->width, g->height);
  for (size_t i = 0; i < g->walkable.size(); ++i) {
    if (!g->walkable[i] || (!inWard.empty() && !inWard[i])) continue;
    Rgba c = walkBandColor(walkBand(plan->field.distance[i], speed));
    rgba[i * 4] = c.r, rgba[i * 4 + 1] = c.g, rgba[i * 4 + 2] = c.b,
             rgba[i * 4 + 3] = 120;  // light enough that the routes read through
  }
  isochroneTexture_.upload(g->width, g->height, rgba);
  ui_.drill.isochrones = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(isochroneTexture_.id()));
  ui_.drill.isochroneBounds = g->extent;
}

// Puts the district's routes and the buildings' loads on the map as layers (analysis results, not saved).
void Viewer::showDrillResult() {
  auto surface = drillWorker_.surface();
  auto plan = drillWorker_.plan();
  if (!surface || !plan) return;
  analysis::RouteTracer tracer(*plan, *surface);
  auto& d = ui_.drill;
  int district = d.district;
  auto routes = std::make_shared<Layer>();
  routes->id = "drill-routes";
  routes->nameJa = "避難経路（" + project_.districtName(district) + "）";
  routes->nameEn = "Drill routes";
  routes->provenance.derived = true;
  routes->provenance.source = "分析結果（人数は推計）";
  routes->style.stroke = routes->style.fill = {0, 90, 181, 255};  // a line is drawn (and in the legend) in its fill
  routes->style.strokeWidthPx = 2.5f;
  routes->style.drawFill = false;
  auto loads = std::make_shared<Layer>();
  loads->id = "drill-loads";
  loads->nameJa = "避難先の割当人数/収容人数";
  loads->nameEn = "Building load / capacity";
  loads->provenance.derived = true;
  loads->fields = {{"label"}};
  loads->style.fill = {213, 94, 0, 255};
  loads->style.stroke = {255, 255, 255, 255};
  loads->style.shape = PointShape::Triangle;
  loads->style.pointSizePx = 15;
  loads->style.labelField = "label";
  loads->style.labelPriority = 70;
  loads->style.labelSizePx = 13;
  std::map<int, double> fromHere;
  d.longestWalk = 0;
  for (size_t i = 0; i < plan->origins.size(); ++i) {
    const auto& o = plan->origins[i];
    if (o.district != district || !o.reachable) continue;
    const int main = o.mainBuilding();
    for (const auto& f : o.flows) {
      fromHere[f.building] += f.people;
      d.longestWalk = std::max(d.longestWalk, f.distance);
    }
    if (main < 0) continue;
    Feature f;
    f.geometry.type = GeometryType::Line;
    f.geometry.lines = {tracer.route(static_cast<int>(i), main)};
    routes->features.push_back(std::move(f));
  }
  d.buildings.clear();
  for (const auto& [b, people] : fromHere) {
    const auto& eb = plan->buildings[static_cast<size_t>(b)];
    std::string cap =
        eb.capacity ? fmt::format("{}{}", *eb.capacity, eb.capacityAssumed ? tr(project_.lang, "brief.assumed") : "")
                    : std::string(tr(project_.lang, "brief.capacity_unknown"));
    d.buildings.emplace_back(eb.name, people, eb.load, cap);
    Feature f;
    f.geometry.type = GeometryType::Point;
    f.geometry.points = {eb.position};
    f.values = {fmt::format("{:.0f}/{}", eb.load, eb.capacity ? std::to_string(*eb.capacity) : "?")};
    loads->features.push_back(std::move(f));
    fonts_.require(eb.name);
  }
  const auto& sum = plan->districts[static_cast<size_t>(district)];
  d.people = sum.people, d.assigned = sum.assigned, d.shortfall = sum.shortfall;
  d.blocks = sum.blocks, d.unreachableBlocks = sum.unreachableBlocks;
  d.planOnNetwork = plan->onNetwork;
  d.census = plan->census;
  for (const char* id : {"drill-routes", "drill-loads"}) project_.removeLayer(id);
  project_.addLayer(routes);
  project_.addLayer(loads);
  d.ready = true;
  updateIsochrones();
  camera_.fit(project_.districts()[static_cast<size_t>(district)].bounds, 40, true);
}

void Viewer::pollDrill() {
  auto& d = ui_.drill;
  d.networkLoaded = project_.layerByRole(LayerRole::WalkNetwork) != nullptr;
  if (auto r = drillWorker_.take()) {
    d.computing = false;
    if (!r->error.empty()) {
      d.status = r->error;
      diag_.error(r->briefing.empty() ? "drill" : r->briefing, r->error);
    }
    if (r->plan) {
      d.seconds = r->seconds;
      d.status = fmt::format("{:.2f} s", r->seconds);
      showDrillResult();
    }
    if (!r->briefing.empty() && r->pages > 0) {
      d.briefingWritten = r->briefing;
      d.status = fmt::format(fmt::runtime(tr(project_.lang, "printdlg.written")), r->briefing, r->pages);
      diag_.info(r->briefing, d.status);
    }
  }
  if (d.speedChanged && d.ready) {  // distances do not change with speed: only the bands and the minutes
    updateIsochrones();
    d.speedChanged = false;
  }
  if (d.requestCompute && !drillWorker_.busy()) {
    analysis::EvacuationOptions o;
    o.speed = d.speed;
    o.supportSpeed = d.supportSpeed;
    o.capacityAware = d.capacityAware;
    if (d.capacityAware && d.scenarioCapacity > 0) o.scenarioCapacity = d.scenarioCapacity;
    drillWorker_.startPlan(project_, o, d.onNetwork);
    d.computing = true;
    d.requestCompute = false;
  }
  if (d.requestBriefing && !drillWorker_.busy()) {
    std::string name = project_.districts()[static_cast<size_t>(d.district)].nameJa;
    std::string out = (fs::current_path() / ("避難訓練ブリーフィング-" + name + ".pdf")).string();
    drillWorker_.startBriefing(project_, d.district, out, d.speed, d.supportSpeed);
    d.computing = true;
    d.requestBriefing = false;
  }
}

void Viewer::applyRequests() {
  if (ui_.requestPrintDialog) {
    openPrintDialog();
    ui_.requestPrintDialog = false;
  }
  if (ui_.activitiesChanged) {
    settings_.activities = project_.activities;
    io::saveSettings(settings_);
    colourDistrictsByActivity();
    ui_.activitiesChanged = false;
  }
  if (ui_.requestLang) {
    project_.lang = *ui_.requestLang;
    settings_.lang = project_.lang;
    io::saveSettings(settings_);
    glfwSetWindowTitle(window_, tr(project_.lang, "app.title"));
    ui_.requestLang.reset();
  }
  if (ui_.requestDistrict) {
    int d = *ui_.requestDistrict;
    project_.selectedDistrict = d;
    ui_.filterVersion++;
    ui_.selectionVersion++;
    if (project_.selection.valid()) {  // a selection outside the new filter no longer shows
      const Layer* l = project_.layer(project_.selection.layerId);
      if (l && !project_.passesFilter(*l, l->features[static_cast<size_t>(project_.selection.feature)]))
        project_.selection = {};
    }
    if (d >= 0)
      camera_.fit(project_.districts()[static_cast<size_t>(d)].bounds, 40, true);
    else
      camera_.fit(project_.wardBounds(), 24, true);
    ui_.requestDistrict.reset();
  }
  if (ui_.requestPlanItem) {
    applyPlanItem(*ui_.requestPlanItem);
    ui_.requestPlanItem.reset();
  }
  if (ui_.requestFit) {
    camera_.fit(project_.selectedDistrict >= 0
                    ? project_.districts()[static_cast<size_t>(project_.selectedDistrict)].bounds
                    : project_.wardBounds(),
                24, true);
    ui_.requestFit = false;
  }
  if (!ui_.requestOpenFiles.empty()) {
    queueFiles(ui_.requestOpenFiles);
    ui_.requestOpenFiles.clear();
  }
  if (!gDropped.empty()) {
    queueFiles(gDropped);
    gDropped.clear();
  }
  if (ui_.requestOpenDialog) {
    fileDialog_.open(settings_.recentFiles.empty() ? fs::current_path().string()
                                                   : fs::path(settings_.recentFiles.front()).parent_path().string());
    ui_.requestOpenDialog = false;
  }
  if (ui_.requestQuit || gCloseRequested) {
    gCloseRequested = false;
    ui_.requestQuit = false;
    if (history_.dirty() && !ui_.quitConfirmed)
      ui_.confirmQuit = true;  // ask first: nothing is lost
    else
      glfwSetWindowShouldClose(window_, 1);
  }
  if (ui_.quitConfirmed && !pendingOpen_.empty()) {  // "don't save", then open the other project
    ui_.quitConfirmed = false;
    history_.clear();
    openProjectFile(pendingOpen_);
    pendingOpen_.clear();
    glfwSetWindowShouldClose(window_, 0);
  }
  applyEdits();
  if (ui_.requestSaveAs || (ui_.requestSave && projectPath_.empty())) {
    std::string dir =
        projectPath_.empty() ? fs::current_path().string() : fs::path(projectPath_).parent_path().string();
    fileDialog_.open(dir, FileDialog::Purpose::SaveProject,
                     projectPath_.empty() ? "港区安全マップ.gpkg" : fs::path(projectPath_).filename().string());
    ui_.requestSave = ui_.requestSaveAs = false;
  }
  if (ui_.requestSave) {
    startSave(projectPath_);
    ui_.requestSave = false;
  }
  if (ui_.requestImportDialog) {
    fileDialog_.open(settings_.recentFiles.empty() ? fs::current_path().string()
                                                   : fs::path(settings_.recentFiles.front()).parent_path().string(),
                     FileDialog::Purpose::Import);
    ui_.requestImportDialog = false;
  }
  if (!ui_.requestExportLayer.empty()) {
    exportTarget_ = ui_.requestExportLayer;
    fileDialog_.open(fs::current_path().string(), FileDialog::Purpose::Export, exportTarget_ + ".geojson");
    ui_.requestExportLayer.clear();
  }
}

void Viewer::layout() {
  ImGuiIO& io = ImGui::GetIO();
  float menuH = ImGui::GetFrameHeight();
  float statusH = ImGui::GetFrameHeight() + 6;
  float left = ui_.showLayers ? 340.f : 0.f;
  float right = ui_.showRight ? 400.f : 0.f;
  ui_.map = {left, menuH, std::max(50.f, io.DisplaySize.x - left - right),
             std::max(50.f, io.DisplaySize.y - menuH - statusH)};
  camera_.setViewport(ui_.map.w, ui_.map.h);
}

bool Viewer::readyForScreenshot() const {
  return bundledLoaded_ && !job_ && pending_.empty() && camera_.settled() && !ui_.requestDistrict &&
         !ui_.requestPlanItem;
}

bool Viewer::writeScreenshot() {
  int w, h;
  glfwGetFramebufferSize(window_, &w, &h);
  std::vector<std::uint8_t> px(static_cast<size_t>(w) * h * 4), flipped(px.size());
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
  size_t row = static_cast<size_t>(w) * 4;
  for (int y = 0; y < h; ++y)
    std::copy_n(&px[static_cast<size_t>(h - 1 - y) * row], row, &flipped[static_cast<size_t>(y) * row]);
  for (size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;  // the window is opaque
  std::string err;
  if (!io::writePng(opt_.screenshot, w, h, flipped, err)) {
    diag_.error(opt_.screenshot, "cannot write the screenshot: " + err);
    return false;
  }
  std::fprintf(stderr, "safetymap: screenshot written to %s (%dx%d)\n", opt_.screenshot.c_str(), w, h);
  return true;
}

void Viewer::frame() {
  if (bench_.active() && framesSinceReady_ > 3 && !bench_.finished()) bench_.beforeFrame(camera_);
  double now = glfwGetTime();
  double dt = std::min(0.1, now - lastTime_);
  lastTime_ = now;
  pollJobs();
  pollPrint();
  task_.poll();
  pollDrill();
  recountDistricts();
  refreshChoropleth();
  showTaskLayers();
  fonts_.rebuildIfNeeded();

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  ui_.keyPresses.swap(gKeyPresses);
  gKeyPresses.clear();
  if (gLeftPress) ui_.leftPressAt = *gLeftPress, gLeftPress.reset();
  if (gLeftRelease) ui_.leftReleaseAt = *gLeftRelease, gLeftRelease.reset();
  if (fonts_.ui()) ImGui::PushFont(fonts_.ui());
  layout();
  ui_.widgets.clear();

  refreshStats();
  PanelContext ctx{project_, ui_, diag_, fonts_, camera_, settings_, districtCounts_, stats_};
  drawMainMenu(ctx);
  float menuH = ImGui::GetFrameHeight();
  float statusH = ImGui::GetFrameHeight() + 6;
  ImVec2 display = ImGui::GetIO().DisplaySize;
  if (ui_.showLayers) drawLayerPanel(ctx, {0, menuH, 340, display.y - menuH - statusH});
  if (ui_.showRight) drawRightPanel(ctx, {display.x - 400, menuH, 400, display.y - menuH - statusH});
  mapView_.update(ctx, camera_);
  camera_.update(dt);
  if (ui_.drill.ready && ui_.drill.isochrones && ui_.rightTab == 2) {
    // The walking-time bands over the streets: one textured quad, whatever the zoom.
    const Bounds& b = ui_.drill.isochroneBounds;
    Vec2 a = camera_.worldToScreen({b.minx, b.maxy}), z = camera_.worldToScreen({b.maxx, b.miny});
    ImDrawList* bg = ImGui::GetBackgroundDrawList();
    bg->PushClipRect(ImVec2(ui_.map.x, ui_.map.y), ImVec2(ui_.map.x + ui_.map.w, ui_.map.y + ui_.map.h));
    bg->AddImage(ui_.drill.isochrones, ImVec2(ui_.map.x + static_cast<float>(a.x), ui_.map.y + static_cast<float>(a.y)),
                 ImVec2(ui_.map.x + static_cast<float>(z.x), ui_.map.y + static_cast<float>(z.y)));
    bg->PopClipRect();
  }
  overlays_.draw(ctx, camera_, mapView_);
  drawErrorsPanel(ctx, ui_.map);
  std::string loading;
  float progress = 1;
  if (job_) {
    loading = job_->stage();
    progress = job_->progress();
  }
  drawStatusBar(ctx, statusH, loading, progress);
  drawPrintDialog(ctx);
  drawEditToolbar(ctx);
  drawQuitConfirm(ctx);
  drawReferencesConfirm(ctx);
  if (auto chosen = fileDialog_.draw(project_.lang)) {
    auto& [purpose, path] = *chosen;
    switch (purpose) {
      case FileDialog::Purpose::Open: ui_.requestOpenFiles.push_back(path); break;
      case FileDialog::Purpose::Import: startImport(path); break;
      case FileDialog::Purpose::SaveProject: startSave(path); break;
      case FileDialog::Purpose::Export: exportLayer(exportTarget_, path); break;
    }
  }
  if (fonts_.ui()) ImGui::PopFont();
  ImGui::Render();
  {
    ImGuiIO& io = ImGui::GetIO();
    bool input = !ui_.keyPresses.empty() || io.MouseWheel != 0 || io.MouseDelta.x != 0 || io.MouseDelta.y != 0;
    for (int b = 0; b < 3; ++b) input = input || io.MouseClicked[b] || io.MouseReleased[b];
    if (input) quickFrames_ = 4;
  }
  applyRequests();
  updateTitle();

  renderer_.sync(project_, ui_.filterVersion);
  const Layer* selected = project_.selection.valid() ? project_.layer(project_.selection.layerId) : nullptr;
  std::uint64_t hk =
      ui_.selectionVersion * 1000003ull + static_cast<std::uint64_t>(project_.selectedDistrict + 1) * 7919ull +
      std::hash<std::string>{}(project_.selection.layerId) + static_cast<std::uint64_t>(project_.selection.feature) +
      (selected && selected->style.visible ? 0x9e3779b97f4a7c15ull : 0) + (selected ? selected->dataVersion * 31 : 0);
  if (hk != highlightKey_) {
    renderer_.setHighlight(project_);
    highlightKey_ = hk;
  }
  int fbw, fbh;
  glfwGetFramebufferSize(window_, &fbw, &fbh);
  float sx = display.x > 0 ? fbw / display.x : 1, sy = display.y > 0 ? fbh / display.y : 1;
  glViewport(0, 0, fbw, fbh);
  glClearColor(0.78f, 0.87f, 0.93f, 1.0f);  // Osaka Bay and the rivers: the map's background is water
  glClear(GL_COLOR_BUFFER_BIT);
  render::Viewport vp{static_cast<int>(ui_.map.x * sx), static_cast<int>((display.y - ui_.map.y - ui_.map.h) * sy),
                      static_cast<int>(ui_.map.w * sx), static_cast<int>(ui_.map.h * sy)};
  glEnable(GL_SCISSOR_TEST);
  glScissor(vp.x, vp.y, vp.width, vp.height);
  bench_.beforeDraw();
  renderer_.draw(project_, camera_, vp);
  if (renderer_.densityLayers() != ui_.densityLayers) ui_.densityLayers = renderer_.densityLayers();
  ui_.pointBudget = renderer_.pointBudget();
  glDisable(GL_SCISSOR_TEST);
  glViewport(0, 0, fbw, fbh);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

  bool ready = readyForScreenshot() && ui_.labels.size() > 0;
  framesSinceReady_ = ready ? framesSinceReady_ + 1 : 0;
  if (probe_) probe_->write(project_, ui_, camera_, renderer_, diag_, stats_, ready && framesSinceReady_ > 2);
  if (!opt_.screenshot.empty() && (framesSinceReady_ > 3 || (bundledLoaded_ && !job_ && now > 60))) {
    if (!writeScreenshot()) exitCode_ = 1;
    glfwSetWindowShouldClose(window_, 1);
  }
  glfwSwapBuffers(window_);
  if (probe_) probe_->swapped();
  if (bench_.running()) {
    glFinish();  // the frame is on the screen: llvmpipe has drawn it
    bench_.afterFrame();
    if (bench_.finished()) finishBench();
  }
}

// After --bench-frames: a style change (the crime colours: a new palette) and hiding a crime type (a rebuild),
// each timed through to the GPU; the line; exit.
void Viewer::finishBench() {
  std::size_t features = 0, points = 0;
  for (const auto& l : project_.layers()) features += l->features.size();
  if (Layer* crimes = project_.layerByRole(LayerRole::Crimes)) {
    points = crimes->features.size();
    // A style edit, timed from the change to the GPU having it (milliseconds).
    auto timed = [&](auto&& edit) {
      const auto t0 = std::chrono::steady_clock::now();
      edit(crimes->style);
      crimes->touchStyle();
      renderer_.sync(project_, ui_.filterVersion);
      glFinish();
      return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    };
    bench_.setStyleRebuild(timed([](LayerStyle& s) {
      s.fill = {0, 0, 0, 255};
      for (auto& c : s.categories) c.color = {c.color.b, c.color.r, c.color.g, 255};
    }));
    if (!crimes->style.categories.empty())
      bench_.setFilterRebuild(timed([](LayerStyle& s) { s.categories.front().visible = false; }));
  }
  int w, h;
  glfwGetFramebufferSize(window_, &w, &h);
  const char* gl = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  std::printf("%s\n", bench_.report(features, points, gl ? gl : "?", w, h).c_str());
  std::fflush(stdout);
  glfwSetWindowShouldClose(window_, 1);
}

int Viewer::run() {
  settings_ = io::loadSettings();
  project_.lang = opt_.lang ? *opt_.lang : settings_.lang;
  project_.activities = settings_.activities;
  if (opt_.lang) settings_.lang = *opt_.lang;
  if (!initWindow()) return 1;
  ui_.screenshotMode = !opt_.screenshot.empty();
  if (!opt_.stateFile.empty()) probe_ = std::make_unique<TestProbe>(opt_.stateFile);
  bench_ = FrameBench(opt_.benchFrames);
  if (bench_.active()) glfwSwapInterval(0);  // as fast as it can draw
  camera_.setViewport(opt_.width, opt_.height);
  startBundledLoad();
  lastTime_ = glfwGetTime();
  while (!glfwWindowShouldClose(window_)) {
    // Sleep while nothing moves: no animation, no loading, no input.
    bool busy = job_ || !pending_.empty() || !camera_.settled() || !opt_.screenshot.empty() || bench_.active() ||
                framesSinceReady_ < 4 || task_.running() || printWorker_.busy() || drillWorker_.busy() ||
                quickFrames_ > 0;
    if (quickFrames_ > 0) --quickFrames_;
    if (busy)
      glfwPollEvents();
    else
      glfwWaitEventsTimeout(0.5);
    frame();
  }
  if (opt_.screenshot.empty() && !bench_.active()) {
    int w, h;
    glfwGetWindowSize(window_, &w, &h);
    settings_.windowWidth = w, settings_.windowHeight = h;
    io::saveSettings(settings_);
  }
  job_.reset();
  renderer_.shutdown();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window_);
  glfwTerminate();
  return exitCode_ ? exitCode_ : 0;
}

}  // namespace

int runViewer(const ViewerOptions& options) {
  Viewer v(options);
  return v.run();
}

}  // namespace safetymap::ui
