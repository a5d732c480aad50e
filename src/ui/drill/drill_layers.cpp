#include "ui/drill/drill_layers.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

#include "analysis/overlay.hpp"
#include "core/palette.hpp"

namespace safetymap::ui {

namespace {

std::shared_ptr<Layer> resultLayer(const char* id, std::string nameJa, std::string nameEn) {
  auto l = std::make_shared<Layer>();
  l->id = id;
  l->nameJa = std::move(nameJa);
  l->nameEn = std::move(nameEn);
  l->provenance.derived = true;
  return l;
}

}  // namespace

void showDrillResult(Workspace& ws, const analysis::EvacuationPlan& plan, const analysis::WalkSurface& surface) {
  Project& project = ws.project;
  const Lang lang = project.lang;
  analysis::RouteTracer tracer(plan, surface);
  auto& d = ws.ui.drill;
  const int district = d.district;
  auto routes = resultLayer("drill-routes", "避難経路（" + project.districtName(district) + "）", "Drill routes");
  routes->provenance.source = "分析結果（人数は推計）";
  routes->style.stroke = routes->style.fill = {0, 90, 181, 255};  // a line is drawn (and in the legend) in its fill
  routes->style.strokeWidthPx = 2.5f;
  routes->style.drawFill = false;
  auto loads = resultLayer("drill-loads", "避難先の割当人数/収容人数", "Building load / capacity");
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
  for (size_t i = 0; i < plan.origins.size(); ++i) {
    const auto& o = plan.origins[i];
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
    const auto& eb = plan.buildings[static_cast<size_t>(b)];
    std::string cap = eb.capacity ? fmt::format("{}{}", *eb.capacity, eb.capacityAssumed ? tr(lang, "brief.assumed") : "")
                                  : std::string(tr(lang, "brief.capacity_unknown"));
    d.buildings.emplace_back(eb.name, people, eb.load, cap);
    Feature f;
    f.geometry.type = GeometryType::Point;
    f.geometry.points = {eb.position};
    f.values = {fmt::format("{:.0f}/{}", eb.load, eb.capacity ? std::to_string(*eb.capacity) : "?")};
    loads->features.push_back(std::move(f));
    ws.fonts.require(eb.name);
  }
  const auto& sum = plan.districts[static_cast<size_t>(district)];
  d.people = sum.people, d.assigned = sum.assigned, d.shortfall = sum.shortfall;
  d.blocks = sum.blocks, d.unreachableBlocks = sum.unreachableBlocks;
  d.planOnNetwork = plan.onNetwork;
  d.census = plan.census;
  d.within.clear();
  for (double minutes : plan.options.deadlines)
    d.within.emplace_back(minutes, analysis::shareWithin(plan, district, d.speed, minutes));
  d.closedBuildings = 0;
  for (const auto& b : plan.buildings) d.closedBuildings += !b.closedBecause.empty();
  for (const char* id : {"drill-routes", "drill-loads"}) project.removeLayer(id);
  project.addLayer(routes);
  project.addLayer(loads);
  d.ready = true;
}

const std::vector<std::uint8_t>& WalkBands::wardMask(const Project& p, const Bounds& extent, double cell, int cols,
                                                     int rows) {
  const Layer* ward = p.layerByRole(LayerRole::Ward);
  std::uint64_t key = ward ? ward->dataVersion : 0;
  for (double v : {extent.minx, extent.maxy, cell, double(cols), double(rows)})
    key = key * 1099511628211ull ^ std::hash<double>{}(v);
  if (key == maskKey_ && !mask_.empty()) return mask_;
  maskKey_ = key;
  mask_.clear();
  if (ward) mask_ = analysis::insideMask(p.wardArea(), extent, cell, cols, rows);
  return mask_;
}

void WalkBands::update(Workspace& ws, const analysis::EvacuationPlan& plan, const analysis::WalkSurface& surface) {
  Project& project = ws.project;
  const double speed = ws.ui.drill.speed;
  project.removeLayer("drill-bands");
  ws.ui.drill.isochrones = nullptr;
  if (const auto* net = surface.graph()) {
    auto bands = resultLayer("drill-bands", "徒歩時間（道路中心線）", "Walking time (centre lines)");
    bands->provenance.source = "分析結果";
    bands->style.drawFill = false;
    bands->style.strokeWidthPx = 3.0f;
    // One feature per band, in the legend as categories.
    bands->fields = {{"band"}};
    bands->style.categoryField = "band";
    const bool ja = project.lang == Lang::Ja;
    for (int i = 0; i < kWalkBandCount; ++i) {
      std::string name = i + 1 < kWalkBandCount ? walkBandRange(i) + (ja ? " 分" : " min")
                                                : std::string(tr(project.lang, "brief.unreachable"));
      bands->style.categories.push_back({name, walkBandColor(i), true});
      Feature f;
      f.geometry.type = GeometryType::Line;
      f.values = {name};
      f.category = i;
      bands->features.push_back(std::move(f));
    }
    const Layer* ward = project.layerByRole(LayerRole::Ward);
    const Bounds wb = ward ? ward->bounds() : Bounds{};
    const double mc = 5;  // metres per mask cell
    const int mcols = wb.empty() ? 0 : static_cast<int>(std::ceil(wb.width() / mc)) + 1;
    const int mrows = wb.empty() ? 0 : static_cast<int>(std::ceil(wb.height() / mc)) + 1;
    const auto& mask = wardMask(project, wb, mc, mcols, mrows);
    auto inWard = [&](Vec2 q) {
      if (wb.empty() || mask.empty()) return true;
      int x = static_cast<int>(std::floor((q.x - wb.minx) / mc)), y = static_cast<int>(std::floor((wb.maxy - q.y) / mc));
      return x >= 0 && y >= 0 && x < mcols && y < mrows && mask[static_cast<size_t>(y) * mcols + x];
    };
    for (auto [a, b] : net->edges()) {
      if (!inWard(net->node(a)) && !inWard(net->node(b))) continue;
      float dist = std::max(plan.field.distance[static_cast<size_t>(a)], plan.field.distance[static_cast<size_t>(b)]);
      bands->features[static_cast<size_t>(walkBand(dist, speed))].geometry.lines.push_back({net->node(a), net->node(b)});
    }
    std::erase_if(bands->features, [](const Feature& f) { return f.geometry.lines.empty(); });
    project.addLayer(bands);
    // Under the routes and the buildings' loads, which came before it.
    const auto& ls = project.layers();
    auto at = [&](const char* id) {
      return std::find_if(ls.begin(), ls.end(), [&](const auto& l) { return l->id == id; }) - ls.begin();
    };
    if (at("drill-routes") < at("drill-bands"))
      project.moveLayer("drill-bands", static_cast<int>(at("drill-routes") - at("drill-bands")));
    return;
  }
  const auto* g = surface.grid();
  std::vector<std::uint8_t> rgba(static_cast<size_t>(g->width) * g->height * 4, 0);
  const auto& inWard = wardMask(project, g->extent, g->cell, g->width, g->height);
  for (size_t i = 0; i < g->walkable.size(); ++i) {
    if (!g->walkable[i] || (!inWard.empty() && !inWard[i])) continue;
    Rgba c = walkBandColor(walkBand(plan.field.distance[i], speed));
    rgba[i * 4] = c.r, rgba[i * 4 + 1] = c.g, rgba[i * 4 + 2] = c.b,
             rgba[i * 4 + 3] = 120;  // light enough that the routes read through
  }
  texture_.upload(g->width, g->height, rgba);
  ws.ui.drill.isochrones = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(texture_.id()));
  ws.ui.drill.isochroneBounds = g->extent;
}

}  // namespace safetymap::ui
