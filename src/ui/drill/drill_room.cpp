// The evacuation drill planner (strategy 2-1-1): the plan is computed as a job on a copy of the project (on the
// centre-line network when one is loaded and chosen, else on the road-surface grid; each surface is built once and
// kept); the result goes on the map as layers and bands; the briefing PDF is another job. While the drill tab is
// open the crime layers step aside and come back as they were when it closes.
#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "analysis/tsunami_impact.hpp"
#include "jobs/drill.hpp"
#include "jobs/snapshot.hpp"
#include "print/briefing.hpp"
#include "ui/drill/drill_layers.hpp"
#include "ui/room.hpp"

namespace fs = std::filesystem;

namespace safetymap::ui {

namespace {

class DrillRoom final : public Room {
 public:
  void poll(Workspace& ws) override {
    auto& d = ws.ui.drill;
    d.networkLoaded = ws.project.layerByRole(LayerRole::WalkNetwork) != nullptr;
    d.computing = ws.jobs.running("drill") || ws.jobs.running("briefing");
    if (d.speedChanged && d.ready && plan_) {  // distances do not change with speed: only the bands and the minutes
      bands_.update(ws, *plan_, *surface_);
      d.speedChanged = false;
    }
    if (d.requestCompute && !d.computing) startPlan(ws), d.requestCompute = false;
    if (d.requestBriefing && !d.computing) startBriefing(ws), d.requestBriefing = false;
    setCrimesAside(ws);
  }

  void overlay(Workspace& ws) override {
    const auto& d = ws.ui.drill;
    if (!d.ready || !d.isochrones || ws.ui.rightTab != UiState::Tab::Drill) return;
    // The walking-time bands over the streets: one textured quad, whatever the zoom.
    const Rect& m = ws.ui.map;
    const Bounds& b = d.isochroneBounds;
    Vec2 a = ws.camera.worldToScreen({b.minx, b.maxy}), z = ws.camera.worldToScreen({b.maxx, b.miny});
    ImDrawList* bg = ImGui::GetBackgroundDrawList();
    bg->PushClipRect(ImVec2(m.x, m.y), ImVec2(m.x + m.w, m.y + m.h));
    bg->AddImage(d.isochrones, ImVec2(m.x + static_cast<float>(a.x), m.y + static_cast<float>(a.y)),
                 ImVec2(m.x + static_cast<float>(z.x), m.y + static_cast<float>(z.y)));
    bg->PopClipRect();
  }

 private:
  void startPlan(Workspace& ws) {
    const auto& d = ws.ui.drill;
    analysis::EvacuationOptions o;
    o.speed = d.speed;
    o.supportSpeed = d.supportSpeed;
    o.capacityAware = d.capacityAware;
    if (d.capacityAware && d.scenarioCapacity > 0) o.scenarioCapacity = d.scenarioCapacity;
    o.deadlines = {static_cast<double>(d.deadlineShort), static_cast<double>(d.deadlineLong)};
    // Buildings too low for the depth at them are left out, judged on the hazard loaded now (in the job).
    const bool onlyTall = d.onlyTallEnough && ws.project.layerByRole(LayerRole::TsunamiDepth);
    const Lang lang = ws.project.lang;
    auto snapshot = jobs::snapshotProject(ws.project);
    auto run = std::make_shared<jobs::DrillRun>();
    const bool onNetwork = d.onNetwork;
    ws.jobs.start(
        "drill", tr(ws.project.lang, "drill.computing"), true,
        [=, surfaces = surfaces_](jobs::JobProgress& progress) {
          analysis::EvacuationOptions options = o;
          if (onlyTall)
            if (auto impact = analysis::tsunamiImpact(*snapshot)) options.closed = analysis::buildingsTooLow(*impact, lang);
          *run = jobs::computeDrill(*snapshot, *surfaces, options, onNetwork, progress);
        },
        [this, &ws, run](bool cancelled) {
          auto& d = ws.ui.drill;
          if (cancelled) {  // the last result stays on the map
            d.status = tr(ws.project.lang, "drill.cancelled");
            return;
          }
          if (!run->error.empty()) {
            d.status = run->error;
            ws.diag.error("drill", run->error);
          }
          // Nothing to show if the districts changed meanwhile (another project opened while it ran).
          if (!run->plan || d.district >= static_cast<int>(run->plan->districts.size()) ||
              d.district >= static_cast<int>(ws.project.districts().size()))
            return;
          plan_ = run->plan, surface_ = run->surface;
          d.seconds = run->seconds;
          d.status = fmt::format("{:.2f} s", run->seconds);
          showDrillResult(ws, *plan_, *surface_);
          bands_.update(ws, *plan_, *surface_);
          ws.camera.fit(ws.project.districts()[static_cast<size_t>(d.district)].bounds, 40, true);
        });
  }

  void startBriefing(Workspace& ws) {
    if (!plan_ || !surface_) return;
    const auto& d = ws.ui.drill;
    std::string name = ws.project.districts()[static_cast<size_t>(d.district)].nameJa;
    std::string out = (fs::current_path() / ("避難訓練ブリーフィング-" + name + ".pdf")).string();
    auto snapshot = jobs::snapshotProject(ws.project);
    auto plan = std::make_shared<analysis::EvacuationPlan>(*plan_);  // the speeds chosen now, the same routes
    plan->options.speed = d.speed;
    plan->options.supportSpeed = d.supportSpeed;
    print::BriefingOptions o;
    o.district = d.district;
    o.lang = ws.project.lang;
    o.out = out;
    o.impact = ws.ui.hazard.impact ? std::optional<analysis::TsunamiImpact>(*ws.ui.hazard.impact) : std::nullopt;
    auto result = std::make_shared<print::PrintResult>();
    ws.jobs.start(
        "briefing", fs::path(out).filename().string(), true,
        [=, surface = surface_](jobs::JobProgress& progress) {
          progress.stage(o.out, 0.1);
          *result = print::printBriefing(*snapshot, *surface, *plan, o, progress.token());
        },
        [&ws, result, out](bool cancelled) {
          auto& d = ws.ui.drill;
          if (cancelled) {
            d.status = tr(ws.project.lang, "drill.cancelled");
            return;
          }
          if (!result->status) {
            d.status = result->status.message();
            ws.diag.error(out, result->status.message());
            return;
          }
          d.briefingWritten = out;
          d.status = fmt::format(fmt::runtime(tr(ws.project.lang, "printdlg.written")), out, result->pages);
          ws.diag.info(out, d.status);
        });
  }

  // The drill tab is about streets, buildings and people: the crime choropleth and points step aside while it is
  // open (the routes and bands read clearly), and come back as they were when it closes.
  void setCrimesAside(Workspace& ws) {
    Project& p = ws.project;
    const bool open = ws.ui.rightTab == UiState::Tab::Drill;
    if (open && ws.setAside.empty()) {
      for (size_t i = 0; i < p.layers().size(); ++i)
        if (const Layer& l = *p.layers()[i]; l.role == LayerRole::Crimes || l.role == LayerRole::Chome) {
          ws.setAside[l.id] = l.style.visible;
          p.setVisible(i, false);
        }
    } else if (!open && !ws.setAside.empty()) {
      for (size_t i = 0; i < p.layers().size(); ++i)
        if (auto it = ws.setAside.find(p.layers()[i]->id); it != ws.setAside.end()) p.setVisible(i, it->second);
      ws.setAside.clear();
    }
  }

  std::shared_ptr<jobs::WalkSurfaces> surfaces_ = std::make_shared<jobs::WalkSurfaces>();
  std::shared_ptr<const analysis::EvacuationPlan> plan_;
  std::shared_ptr<const analysis::WalkSurface> surface_;
  WalkBands bands_;
};

}  // namespace

std::unique_ptr<Room> makeDrillRoom(Workspace&) {
  return std::make_unique<DrillRoom>();
}

}  // namespace safetymap::ui
