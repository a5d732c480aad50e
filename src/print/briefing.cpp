#include "print/briefing.hpp"

#include <cairo-pdf.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "analysis/label_layout.hpp"
#include "analysis/overlay.hpp"
#include "core/palette.hpp"
#include "print/map_frame.hpp"
#include "print/pdf_file.hpp"
#include "print/print_job.hpp"
#include "print/walk_bands.hpp"

namespace fs = std::filesystem;

namespace safetymap::print {

namespace {
const Rgba kRoute{0, 90, 181, 255};

std::string minutesText(double metres, double speed) {
  return fmt::format("{:.1f}", metres / speed / 60.0);
}

// The loaded network's name, as the assumptions cite it.
std::string networkName(const Project& p) {
  const Layer* l = p.layerByRole(LayerRole::WalkNetwork);
  if (!l) return "?";
  return l->provenance.source.empty() ? p.displayName(*l) : l->provenance.source;
}

void drawTitle(const Canvas& c, const PageSetup& s, const Project& p, const BriefingOptions& o,
               const analysis::EvacuationPlan& plan, double& bottom) {
  double k = s.scale(), m = s.margin();
  Lang lang = o.lang;
  TextStyle title{18 * k, true};
  std::string name = districtTitle(p, o.district, lang);
  TextSize ts = c.text(m, m, fmt::format(fmt::runtime(tr(lang, "brief.title")), name), title);
  TextStyle sub{9.5 * k};
  sub.color = {70, 70, 70, 255};
  std::string mode = tr(lang, plan.options.capacityAware ? "brief.mode_capacity" : "brief.mode_nearest");
  TextSize ss = c.text(
      m, m + ts.h + 2,
      fmt::format(fmt::runtime(tr(lang, "brief.subtitle")), plan.options.speed, plan.options.supportSpeed, mode), sub);
  bottom = m + ts.h + ss.h + 8 * k;
}

void drawMapPage(const Canvas& c, const PageSetup& s, const PageInfo& info, const Project& p,
                 const analysis::WalkSurface& g, const analysis::EvacuationPlan& plan, const BriefingOptions& o) {
  cairo_t* cr = c.cr();
  double k = s.scale(), m = s.margin(), top = 0;
  Lang lang = o.lang;
  drawTitle(c, s, p, o, plan, top);
  double fx = m, fy = top, fw = s.width() - 2 * m, fh = s.height() - fy - m - 40 * k;
  PageTransform t = fitFrame(p.districts()[static_cast<size_t>(o.district)].bounds, fx, fy, fw, fh);
  cairo_save(cr);
  cairo_rectangle(cr, fx, fy, fw, fh);
  cairo_clip(cr);
  c.rect(fx, fy, fw, fh, kWater);
  // The drill's map: streets, buildings and people; the crime choropleth is not part of it (as in the drill tab).
  for (const auto& l : p.layers())
    if (l->isRaster() && printed(*l))
      drawRaster(c, *l, t, fx, fy, fw, fh);
    else if (printed(*l) && l->geometryType() == GeometryType::Polygon && l->role != LayerRole::Districts &&
             l->role != LayerRole::Chome)
      drawAreas(c, *l, p, o.district, t);
  drawWalkBands(c, g, plan, t, plan.options.speed, k, p);
  if (const Layer* dl = p.layerByRole(LayerRole::Districts)) {  // the district boundaries over the bands
    cairo_new_path(cr);
    for (const auto& f : dl->features) geometryPath(cr, f.geometry, t);
    c.setColor({80, 80, 100, 255});
    cairo_set_line_width(cr, 0.6 * k);
    cairo_stroke(cr);
    cairo_new_path(cr);
    geometryPath(
        cr, dl->features[static_cast<size_t>(p.districts()[static_cast<size_t>(o.district)].featureIndex)].geometry, t);
    c.setColor(kInk);
    cairo_set_line_width(cr, 2.2 * k);
    cairo_stroke(cr);
  }
  // Routes along the streets, from every block of the district to where its people go.
  std::map<int, double> fromHere;  // building → people from this district
  analysis::RouteTracer routes(plan, g);
  for (size_t i = 0; i < plan.origins.size(); ++i) {
    const auto& org = plan.origins[i];
    if (org.district != o.district || !org.reachable) continue;
    for (const auto& f : org.flows) fromHere[f.building] += f.people;
    int b = org.mainBuilding();
    if (b < 0) continue;
    auto route = routes.route(static_cast<int>(i), b);
    if (route.size() < 2) continue;
    cairo_new_path(cr);
    cairo_move_to(cr, t.px(route[0].x), t.py(route[0].y));
    for (size_t j = 1; j < route.size(); ++j) cairo_line_to(cr, t.px(route[j].x), t.py(route[j].y));
    c.setColor(kRoute, 0.85);
    cairo_set_line_width(cr, 1.1 * k);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
    double r = std::clamp(std::sqrt(org.people) * 0.35, 1.5, 5.0) * k;
    c.symbol(t.px(org.position.x), t.py(org.position.y), 2 * r, PointShape::Circle, {255, 255, 255, 255}, kRoute, 0.8);
  }
  // Buildings, with a bar of load against capacity beside each one the district uses.
  std::vector<analysis::LabelCandidate> labels;
  const Layer* tb = p.layerByRole(LayerRole::TsunamiBuildings);
  for (size_t i = 0; i < plan.buildings.size(); ++i) {
    const auto& b = plan.buildings[i];
    if (!t.world.contains(b.position)) continue;
    double x = t.px(b.position.x), y = t.py(b.position.y);
    bool used = fromHere.count(static_cast<int>(i)) > 0;
    c.symbol(x, y, (used ? 11 : 7) * k, PointShape::Triangle, tb ? tb->style.fill : Rgba{0, 114, 178, 255},
             {255, 255, 255, 255}, 0.6);
    if (!used) continue;
    double bw = 22 * k, bh = 4 * k, bx = x + 7 * k, by = y - 2 * k;
    c.rect(bx, by, bw, bh, {255, 255, 255, 255});
    if (b.capacity && *b.capacity > 0) {
      double ratio = b.load / static_cast<double>(*b.capacity);
      c.rect(bx, by, bw * std::min(1.0, ratio), bh, ratio > 1.0 ? Rgba{213, 94, 0, 255} : Rgba{0, 158, 115, 255});
    }
    c.frame(bx, by, bw, bh, kInk, 0.4);
    labels.push_back(
        {b.name + (b.capacity ? fmt::format(" {:.0f}/{}", b.load, *b.capacity) : fmt::format(" {:.0f}/?", b.load)),
         {x - fx, y - fy},
         {0, 0},
         12 * k,
         10,
         static_cast<int>(i)});
  }
  for (auto& l : labels) {
    TextStyle st{6.5 * k};
    TextSize sz = c.measure(l.text, st);
    l.size = {sz.w, sz.h};
  }
  for (const auto& pl : analysis::layoutLabels(labels, fw, fh, 1.0)) {
    TextStyle st{6.5 * k};
    st.halo = true;
    c.text(fx + pl.box.minx, fy + pl.box.miny, pl.text, st);
  }
  cairo_restore(cr);
  drawMapFurniture(c, t, fx, fy, fw, fh, k, lang);
  // Legend: the time bands at the drill speed, the route, the blocks, the buildings.
  {
    TextStyle item{7.5 * k}, head{8.5 * k, true};
    double lh = 11 * k, w = 170 * k, h = lh * 10 + 10 * k, x = fx + 8 * k, y = fy + fh - h - 8 * k;
    c.rect(x, y, w, h, {255, 255, 255, 255}, 0.92);
    c.frame(x, y, w, h, {120, 120, 120, 255}, 0.5);
    double cy = y + 5 * k;
    c.text(x + 6 * k, cy, fmt::format(fmt::runtime(tr(lang, "brief.legend_minutes")), plan.options.speed), head);
    cy += lh + 2 * k;
    for (int b = 0; b + 1 < kWalkBandCount; ++b) {
      c.rect(x + 8 * k, cy + 2 * k, 12 * k, 7 * k, walkBandColor(b));
      c.text(x + 26 * k, cy, walkBandRange(b) + (lang == Lang::Ja ? " 分" : " min"), item);
      cy += lh;
    }
    c.rect(x + 8 * k, cy + 2 * k, 12 * k, 7 * k, walkBandColor(kWalkBandCount - 1));
    c.text(x + 26 * k, cy, tr(lang, "brief.unreachable"), item);
    cy += lh;
    c.line(x + 8 * k, cy + lh / 2, x + 20 * k, cy + lh / 2, kRoute, 1.4 * k);
    c.text(x + 26 * k, cy, tr(lang, "brief.route"), item);
    cy += lh;
    c.symbol(x + 14 * k, cy + lh / 2, 9 * k, PointShape::Triangle, tb ? tb->style.fill : Rgba{0, 114, 178, 255},
             {255, 255, 255, 255}, 0.5);
    c.text(x + 26 * k, cy, tr(lang, "brief.building_load"), item);
  }
  drawFooter(c, s, info, p, false, tr(lang, plan.census ? "brief.estimate_note_census" : "brief.estimate_note"));
}

struct Row {
  std::string cells[6];
};

// The depth where a deadline comes from, said beside it.
std::string deadlineSource(double minutes, Lang lang) {
  if (minutes == 120) return tr(lang, "brief.deadline_osaka");
  if (minutes >= 10 && minutes <= 20) return tr(lang, "brief.deadline_jma");
  return "";
}

// What is known of a building: with a hazard loaded, its storeys, the depth there and Osaka City's rule (tsunamiImpact);
// else what PLATEAU says of a site that stands on one of its buildings. Empty where nothing is known.
std::string buildingFacts(const Layer* sites, int feature, const analysis::TsunamiImpact* impact, Lang lang) {
  if (impact && impact->hasHazard())
    for (const auto& b : impact->buildings)
      if (b.feature == feature && b.depthKnown) {
        const std::string storeys = b.storeys >= 0 ? fmt::format("{}", b.storeys) : "?";
        const std::string depth = b.depth ? fmt::format("{:.2f}", b.depth->worst()) : "0";
        return fmt::format(fmt::runtime(tr(lang, "brief.building_depth")), storeys, depth,
                           tr(lang, (std::string("verdict.") + analysis::verdictKey(b.verdict)).c_str()));
      }
  if (!sites || feature < 0 || static_cast<size_t>(feature) >= sites->features.size()) return "";
  const Feature& f = sites->features[static_cast<size_t>(feature)];
  const std::string* storeys = sites->value(f, "storeys");
  if (!storeys || storeys->empty()) return "";
  auto get = [&](const char* k) {
    const std::string* v = sites->value(f, k);
    return v ? *v : std::string();
  };
  std::string rule = get("osaka_rule");
  if (auto bar = rule.find(" / "); bar != std::string::npos)
    rule = lang == Lang::Ja ? rule.substr(0, bar) : rule.substr(bar + 3);
  return fmt::format(fmt::runtime(tr(lang, "brief.building_facts")), *storeys, get("height_m"), get("tsunami_depth_m"),
                     rule);
}

void drawTablePage(const Canvas& c, const PageSetup& s, const PageInfo& info, const Project& p,
                   const analysis::EvacuationPlan& plan, const BriefingOptions& o, const std::vector<Row>& rows,
                   size_t first, size_t count, bool summary) {
  double k = s.scale(), m = s.margin(), top = 0, w = s.width() - 2 * m;
  Lang lang = o.lang;
  drawTitle(c, s, p, o, plan, top);
  TextStyle cell{7.5 * k}, head{7.5 * k, true}, sect{10 * k, true};
  double y = top + 4 * k, row = 11.5 * k;
  auto col = [&](double x, double cw, const std::string& t, const TextStyle& st, bool right) {
    c.cell(x, y + 1.5 * k, cw, t, st, right, 2 * k);
  };
  if (summary) {
    const auto& d = plan.districts[static_cast<size_t>(o.district)];
    c.text(m, y, tr(lang, "brief.summary"), sect);
    y += row + 4 * k;
    std::vector<std::pair<std::string, std::string>> facts{
        {tr(lang, plan.census ? "brief.people_census" : "brief.people"), fmt::format("{:.0f}", d.people)},
        {tr(lang, "brief.assigned"), fmt::format("{:.0f}", d.assigned)},
        {tr(lang, "brief.shortfall"), fmt::format("{:.0f}", d.shortfall)},
        {tr(lang, "brief.longest"),
         fmt::format("{:.0f} m · {} / {} {}", d.longestWalk, minutesText(d.longestWalk, plan.options.speed),
                     minutesText(d.longestWalk, plan.options.supportSpeed), lang == Lang::Ja ? "分" : "min")},
        {tr(lang, "brief.blocks"),
         fmt::format("{} ({} {})", d.blocks, d.unreachableBlocks, tr(lang, "brief.unreachable"))}};
    // How many arrive in time, against each deadline: the prefecture's +1 m arrival (120 min) and the JMA's short
    // forecasts (10–20 min may be announced), or what the organiser chose.
    for (double minutes : plan.options.deadlines)
      facts.push_back(
          {fmt::format(fmt::runtime(tr(lang, "brief.within")), minutes) + deadlineSource(minutes, lang),
           fmt::format(fmt::runtime(tr(lang, "brief.within_value")),
                       100 * analysis::shareWithin(plan, o.district, plan.options.speed, minutes), plan.options.speed,
                       100 * analysis::shareWithin(plan, o.district, plan.options.supportSpeed, minutes),
                       plan.options.supportSpeed)});
    if (o.impact && o.impact->hasHazard() && static_cast<size_t>(o.district) < o.impact->districts.size()) {
      // Where the district's people stand in the hazard (census per 町丁目, spread over its area).
      const auto& dp = o.impact->districts[static_cast<size_t>(o.district)];
      std::string byClass;
      for (size_t i = 0; i < o.impact->classes.size(); ++i)
        if (dp.byClass[i] >= 0.5)
          byClass += fmt::format("{}{} {:.0f}", byClass.empty() ? "" : " · ",
                                 lang == Lang::Ja ? o.impact->classes[i].labelJa : o.impact->classes[i].labelEn,
                                 dp.byClass[i]);
      facts.push_back({tr(lang, "brief.depth_people"),
                       (byClass.empty() ? std::string("—") : byClass) +
                           fmt::format(fmt::runtime(tr(lang, "brief.depth_dry")), dp.dry) +
                           (o.impact->synthetic ? tr(lang, "brief.synthetic_hazard") : "")});
    }
    for (const auto& [k1, v] : facts) {
      col(m, w * 0.45, k1, head, false);
      col(m + w * 0.45, w * 0.55, v, cell, false);
      y += row;
    }
    y += 8 * k;
    // The buildings this district uses: load against capacity.
    c.text(m, y, tr(lang, "brief.buildings"), sect);
    y += row + 2 * k;
    c.rect(m, y, w, row, {238, 242, 246, 255});
    const double b0 = m, b1 = m + w * 0.5, b2 = m + w * 0.64, b3 = m + w * 0.78;
    col(b0, b1 - b0, tr(lang, "brief.building"), head, false);
    col(b1, b2 - b1, tr(lang, "brief.from_district"), head, true);
    col(b2, b3 - b2, tr(lang, "brief.load"), head, true);
    col(b3, m + w - b3, tr(lang, "brief.capacity"), head, true);
    y += row;
    std::map<int, double> fromHere;
    for (const auto& org : plan.origins)
      if (org.district == o.district)
        for (const auto& f : org.flows) fromHere[f.building] += f.people;
    const Layer* sites = p.layerByRole(LayerRole::TsunamiBuildings);
    for (const auto& [bi, people] : fromHere) {
      const auto& b = plan.buildings[static_cast<size_t>(bi)];
      col(b0, b1 - b0, b.name + buildingFacts(sites, b.feature, o.impact ? &*o.impact : nullptr, lang), cell, false);
      col(b1, b2 - b1, fmt::format("{:.0f}", people), cell, true);
      col(b2, b3 - b2, fmt::format("{:.0f}", b.load), cell, true);
      std::string cap = !b.capacity
                            ? tr(lang, "brief.capacity_unknown")
                            : fmt::format("{}{}", *b.capacity, b.capacityAssumed ? tr(lang, "brief.assumed") : "");
      col(b3, m + w - b3, cap, cell, true);
      y += row;
      if (y > s.height() - m - 60 * k) break;
    }
    // Buildings of this district left out as too low for the depth: no one was sent there.
    for (const auto& b : plan.buildings)
      if (!b.closedBecause.empty() && b.district == o.district && y < s.height() - m - 60 * k) {
        TextStyle warn = cell;
        warn.color = {170, 70, 0, 255};
        col(b0, w, fmt::format(fmt::runtime(tr(lang, "brief.closed")), b.name, b.closedBecause), warn, false);
        y += row;
      }
    y += 8 * k;
  }
  if (count > 0) {
    c.text(m, y, tr(lang, "brief.origins"), sect);
    y += row + 2 * k;
    c.rect(m, y, w, row, {238, 242, 246, 255});
    const double x[6] = {m, m + w * 0.1, m + w * 0.22, m + w * 0.62, m + w * 0.76, m + w * 0.88};
    const char* heads[6] = {"brief.block",    "brief.people",  "brief.building",
                            "brief.distance", "brief.minutes", "brief.minutes_support"};
    for (int i = 0; i < 6; ++i) col(x[i], (i < 5 ? x[i + 1] : m + w) - x[i], tr(lang, heads[i]), head, i != 2);
    y += row;
    for (size_t r = first; r < first + count && r < rows.size(); ++r) {
      for (int i = 0; i < 6; ++i) col(x[i], (i < 5 ? x[i + 1] : m + w) - x[i], rows[r].cells[i], cell, i != 2);
      y += row;
      c.line(m, y, m + w, y, {200, 200, 200, 255}, 0.2);
    }
  }
  drawFooter(c, s, info, p, false, tr(lang, plan.census ? "brief.estimate_note_census" : "brief.estimate_note"));
}

void drawAssumptions(const Canvas& c, const PageSetup& s, const PageInfo& info, const Project& p,
                     const analysis::EvacuationPlan& plan, const BriefingOptions& o, const analysis::WalkSurface& g) {
  double k = s.scale(), m = s.margin(), top = 0, w = s.width() - 2 * m;
  Lang lang = o.lang;
  drawTitle(c, s, p, o, plan, top);
  TextStyle sect{11 * k, true}, body{9 * k};
  body.width = w;
  double y = top + 6 * k;
  c.text(m, y, tr(lang, "brief.assumptions"), sect);
  y += 20 * k;
  std::string capacity =
      plan.options.scenarioCapacity
          ? fmt::format(fmt::runtime(tr(lang, "brief.a_capacity_scenario")), *plan.options.scenarioCapacity)
          : std::string(tr(lang, "brief.a_capacity_unknown"));
  std::vector<std::string> items{
      fmt::format(fmt::runtime(tr(lang, "brief.a_speed")), plan.options.speed, plan.options.supportSpeed),
      plan.census
          ? fmt::format(fmt::runtime(tr(lang, "brief.a_people_census")), plan.people, plan.options.blockMetres)
          : fmt::format(fmt::runtime(tr(lang, "brief.a_people")), plan.options.population, plan.options.blockMetres),
      fmt::format(fmt::runtime(tr(lang, "brief.a_buildings")), plan.buildings.size(), plan.options.doorSearchMetres,
                  plan.buildingsWithoutStreet),
      capacity,
      g.grid() ? fmt::format(fmt::runtime(tr(lang, "brief.a_grid")), g.grid()->cell)
               : fmt::format(fmt::runtime(tr(lang, "brief.a_network")), networkName(p), g.graph()->nodeCount(),
                             g.graph()->edgeCount()),
      tr(lang, plan.options.capacityAware ? "brief.a_capacity_mode" : "brief.a_nearest_mode"),
      tr(lang, "brief.a_tsunami"),
      tr(lang, "brief.a_districts"),
      tr(lang, "brief.a_sources")};
  for (const auto& item : items) {
    TextSize sz = c.text(m + 10 * k, y, "・" + item, body);
    y += sz.h + 6 * k;
  }
  drawFooter(c, s, info, p, false, tr(lang, plan.census ? "brief.estimate_note_census" : "brief.estimate_note"));
}
}  // namespace

PrintResult printBriefing(const Project& p, const analysis::WalkSurface& g, const analysis::EvacuationPlan& plan,
                          const BriefingOptions& o, std::stop_token stop) {
  PrintResult result;
  PageSetup s;
  // The table rows: every block of the district, furthest walk first (the drill's critical places).
  std::vector<std::pair<double, Row>> sorted;
  int blockNo = 0;
  for (const auto& org : plan.origins) {
    if (org.district != o.district) continue;
    ++blockNo;
    Row r;
    r.cells[0] = fmt::format("{}", blockNo);
    r.cells[1] = fmt::format("{:.0f}", org.people);
    if (!org.reachable) {
      r.cells[2] = tr(o.lang, "brief.unreachable");
      r.cells[3] = r.cells[4] = r.cells[5] = "—";
      sorted.push_back({1e12, r});
      continue;
    }
    int b = org.mainBuilding();
    double dist = org.nearestDistance;
    for (const auto& f : org.flows)
      if (f.building == b) dist = f.distance;
    r.cells[2] = b >= 0 ? plan.buildings[static_cast<size_t>(b)].name : tr(o.lang, "brief.no_room");
    if (org.flows.size() > 1) r.cells[2] += fmt::format(" (+{})", org.flows.size() - 1);
    r.cells[3] = fmt::format("{:.0f}", dist);
    r.cells[4] = minutesText(dist, plan.options.speed);
    r.cells[5] = minutesText(dist, plan.options.supportSpeed);
    sorted.push_back({dist, r});
  }
  std::stable_sort(sorted.begin(), sorted.end(), [](auto& a, auto& b) { return a.first > b.first; });
  std::vector<Row> rows;
  for (auto& [d, r] : sorted) rows.push_back(r);
  const size_t firstPageRows = 18, perPage = 58;
  size_t tablePages = rows.size() <= firstPageRows ? 1 : 1 + (rows.size() - firstPageRows + perPage - 1) / perPage;
  int total = 1 + static_cast<int>(tablePages) + 1;

  PdfFile pdf(o.out, s.width(), s.height());
  if (!pdf.status()) {
    result.status = pdf.status();
    return result;
  }
  pdf.setTitle(fmt::format(fmt::runtime(tr(o.lang, "brief.title")), districtTitle(p, o.district, o.lang)));
  cairo_t* cr = pdf.cr();
  Canvas canvas(cr);
  PageInfo info{o.lang, today(), 1, total};
  auto cancelled = [&] {
    if (!stop.stop_requested()) return false;
    result.cancelled = true;
    result.status = Status::failure(o.out + ": the briefing was cancelled; nothing was written");
    return true;  // a PdfFile not committed removes its temporary file
  };
  if (cancelled()) return result;
  drawMapPage(canvas, s, info, p, g, plan, o);
  pdf.nextPage();
  size_t next = 0;
  for (size_t t = 0; t < tablePages; ++t) {
    if (cancelled()) return result;
    ++info.page;
    size_t count = t == 0 ? std::min(firstPageRows, rows.size()) : std::min(perPage, rows.size() - next);
    drawTablePage(canvas, s, info, p, plan, o, rows, next, count, t == 0);
    next += count;
    pdf.nextPage();
  }
  if (cancelled()) return result;
  ++info.page;
  drawAssumptions(canvas, s, info, p, plan, o, g);
  pdf.nextPage();
  if (result.status = pdf.commit(); !result.status) return result;
  result.pages = total;
  return result;
}

}  // namespace safetymap::print
