#include "ui/test_probe.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "analysis/indicators.hpp"
#include "io/commit_file.hpp"
#include "ui/inspector_panel.hpp"

namespace safetymap::ui {

void TestProbe::swapped() {
  if (frames_ < 0) {
    struct stat st {};
    const std::string fifo = path_ + ".frames";
    if (::stat(fifo.c_str(), &st) != 0 || !S_ISFIFO(st.st_mode)) return;  // no test is listening
    frames_ = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);                // never blocks the frame
    if (frames_ < 0) return;
  }
  const char tick = 'f';
  [[maybe_unused]] auto n = ::write(frames_, &tick, 1);  // a full pipe drops the tick: the reader catches up
}

TestProbe::~TestProbe() {
  if (frames_ >= 0) ::close(frames_);
}

void TestProbe::write(const Project& p, const UiState& ui, const Camera& cam, const render::MapRenderer& r,
                      const Diagnostics& diag, const analysis::WardStats& stats, const jobs::Jobs& running,
                      bool ready) {
  using nlohmann::json;
  json j;
  j["ready"] = ready;
  json jobList = json::array();
  for (const jobs::Job* job : running.list()) jobList.push_back(job->kind());
  j["jobs"] = jobList;
  j["lang"] = langCode(p.lang);
  j["district"] =
      p.selectedDistrict >= 0 ? json(p.districts()[static_cast<size_t>(p.selectedDistrict)].nameJa) : json();
  j["map_rect"] = {ui.map.x, ui.map.y, ui.map.w, ui.map.h};
  j["camera"] = {{"center_x", cam.center().x},
                 {"center_y", cam.center().y},
                 {"ppm", cam.pixelsPerMetre()},
                 {"settled", cam.settled()}};
  json sel = nullptr;
  if (const Layer* l = p.selection.valid() ? p.layer(p.selection.layerId) : nullptr) {
    const Feature& f = l->features[static_cast<size_t>(p.selection.feature)];
    json attrs = json::object();
    for (size_t i = 0; i < l->fields.size() && i < f.values.size(); ++i) attrs[l->fields[i].name] = f.values[i];
    sel = {{"layer", l->id},
           {"feature", p.selection.feature},
           {"title", selectionTitle(p)},
           {"attributes", attrs},
           {"district", f.district >= 0 ? json(p.districts()[static_cast<size_t>(f.district)].nameJa) : json()}};
  }
  if (sel.is_object()) {
    const Layer* l = p.layer(p.selection.layerId);
    sel["strategies"] = l ? p.policy.strategiesServing(l->role) : std::vector<std::string>{};
  }
  j["selection"] = sel;
  j["plan_item"] = p.selectedPolicyItem;
  json inds = json::array();
  if (!p.selectedPolicyItem.empty())
    for (const auto& i : analysis::indicatorsFor(p.selectedPolicyItem, p.policy, stats, p.lang))
      inds.push_back({{"id", i.id},
                      {"value", i.value},
                      {"number", i.number},
                      {"known", i.known},
                      {"disagrees", i.disagrees},
                      {"plan", i.policySays}});
  j["indicators"] = inds;
  j["edit"] = {{"dirty", ui.dirty},
               {"project", ui.projectPath},
               {"undo", ui.undoCount},
               {"redo", ui.redoCount},
               {"busy", ui.busy},
               {"confirm_quit", ui.confirmQuit},
               {"outside_references", ui.outsideReferences},
               {"tool", static_cast<int>(ui.tool)},
               {"add_layer", ui.addLayerId}};
  j["share"] = {{"open", ui.share.open},
                {"listening", ui.share.listening},
                {"store", ui.share.store},
                {"login", ui.share.login},
                {"problem", ui.share.problem},
                {"unsent", ui.share.unsent},
                {"remote", ui.share.remoteChanges},
                {"conflict", ui.share.conflict},
                {"history", ui.share.historyRows},
                {"offline", ui.share.offline}};
  json rasters = json::array();
  for (const auto& r : ui.raster.shown)
    rasters.push_back(
        {{"layer", r.layer}, {"whole", {r.wholeW, r.wholeH}}, {"view", {r.viewW, r.viewH}}, {"pending", r.pending}});
  j["raster"] = {{"under_cursor", ui.raster.underCursor}, {"layers", rasters}};
  json hazard = {{"computing", ui.hazard.computing}};
  if (const auto* t = ui.hazard.impact.get()) {
    json inundated = json::array();
    auto wet = [](const analysis::DepthPeople& d) {
      double sum = 0;
      for (double v : d.byClass) sum += v;
      return sum;
    };
    for (const auto& d : t->districts) inundated.push_back(wet(d));
    hazard.update({{"hazard", t->hazardJa},
                   {"synthetic", t->synthetic},
                   {"ward_inundated", wet(t->ward)},
                   {"district_inundated", inundated},
                   {"meets", t->meets},
                   {"fails", t->fails},
                   {"unknown", t->unknown}});
  }
  j["hazard"] = hazard;
  j["drill"] = {{"ready", ui.drill.ready},
                {"computing", ui.drill.computing},
                {"people", ui.drill.people},
                {"assigned", ui.drill.assigned},
                {"shortfall", ui.drill.shortfall},
                {"longest", ui.drill.longestWalk},
                {"buildings", ui.drill.buildings.size()},
                {"briefing", ui.drill.briefingWritten},
                {"status", ui.drill.status},
                {"speed", ui.drill.speed},
                {"network_loaded", ui.drill.networkLoaded},
                {"on_network", ui.drill.planOnNetwork},
                {"closed", ui.drill.closedBuildings},
                {"within", ui.drill.within}};
  j["print"] = {
      {"open", ui.print.open},
      {"busy", ui.print.busy || (ui.print.open && (ui.print.dirty || ui.print.requestPrint))},  // pending: work too
      {"pages", ui.print.pages},
      {"preview", {ui.print.previewW, ui.print.previewH}},
      {"written", ui.print.written},
      {"error", ui.print.error},
      {"status", ui.print.status},
      {"all", ui.print.all},
      {"out", ui.print.out}};
  json layers = json::array();
  for (const auto& l : p.layers()) {
    // The layer panel's counts by category, as last shown (null until its controls were open).
    json categoryCounts = nullptr;
    if (auto it = ui.categoryCounts.find(l->id); it != ui.categoryCounts.end())
      categoryCounts = {{"all", it->second.all}, {"shown", it->second.shown}};
    layers.push_back({{"id", l->id},
                      {"category_counts", categoryCounts},
                      {"name", p.displayName(*l)},
                      {"role", roleKey(l->role)},
                      {"visible", l->style.visible},
                      {"features", l->features.size()},
                      {"drawn", r.drawnFeatures(l->id)},
                      {"approximate", l->provenance.approximate},
                      {"synthetic", l->provenance.synthetic},
                      {"note", l->provenance.note.empty() ? "" : tr(p.lang, l->provenance.note)}});
  }
  j["layers"] = layers;
  j["highlighted_points"] = r.highlightedPoints();
  json districts = json::array();
  const Layer* dl = p.layerByRole(LayerRole::Districts);
  std::vector<long> crimesIn(p.districts().size(), 0);  // the records tagged with each district
  if (const Layer* cl = p.layerByRole(LayerRole::Crimes))
    for (const auto& f : cl->features)
      if (f.district >= 0 && static_cast<std::size_t>(f.district) < crimesIn.size())
        ++crimesIn[static_cast<std::size_t>(f.district)];
  for (const auto& d : p.districts()) {
    const Geometry* g = dl ? &dl->features[static_cast<size_t>(d.featureIndex)].geometry : nullptr;
    Vec2 inside = g ? g->anchor() : Vec2{};
    Vec2 s = cam.worldToScreen(inside);
    // The middle of its boundary's longest edge: where its outline runs straight (the chosen one's highlight).
    Vec2 edge = inside;
    double longest = -1;
    if (g && !g->polygons.empty())
      for (std::size_t i = 0, n = g->polygons[0].outer.size(); i < n; ++i) {
        const Vec2 a = g->polygons[0].outer[i], b = g->polygons[0].outer[(i + 1) % n];
        if (const double len = std::hypot(b.x - a.x, b.y - a.y); len > longest)
          longest = len, edge = {(a.x + b.x) / 2, (a.y + b.y) / 2};
      }
    const Vec2 e = cam.worldToScreen(edge);
    districts.push_back({{"name", d.nameJa},
                         {"name_en", d.nameEn},
                         {"fill", {d.fill.r, d.fill.g, d.fill.b}},
                         {"opacity", dl ? dl->style.opacity : 1.0f},
                         {"crimes", crimesIn[static_cast<std::size_t>(&d - p.districts().data())]},
                         {"inside_window", {ui.map.x + s.x, ui.map.y + s.y}},
                         {"edge_window", {ui.map.x + e.x, ui.map.y + e.y}}});
  }
  j["districts"] = districts;
  // The 町丁目 choropleth: each one's fill and a point inside it, and the legend's classes.
  json chome = json::array(), classes = json::array();
  if (const Layer* cl = p.layerByRole(LayerRole::Chome)) {
    for (size_t i = 0; i < cl->features.size() && i < cl->style.featureFills.size(); ++i) {
      const Rgba c = cl->style.featureFills[i];
      Vec2 s = cam.worldToScreen(cl->features[i].geometry.anchor());
      const std::string* town = cl->value(cl->features[i], "town");
      chome.push_back({{"town", town ? *town : ""},
                       {"fill", {c.r, c.g, c.b}},
                       {"opacity", cl->style.opacity},
                       {"inside_window", {ui.map.x + s.x, ui.map.y + s.y}}});
    }
    for (const auto& k : cl->style.classedFill.classes)
      classes.push_back({{"lo", k.lo}, {"hi", k.hi}, {"label", p.lang == Lang::Ja ? k.labelJa : k.labelEn}});
    j["choropleth_title"] = p.lang == Lang::Ja ? cl->style.classedFill.titleJa : cl->style.classedFill.titleEn;
  }
  j["choropleth"] = chome;
  j["choropleth_classes"] = classes;
  // Where each visible point symbol is on screen, so a test can click a known facility.
  json points = json::array();
  for (const auto& l : p.layers()) {
    if (!l->style.visible || isContextRole(l->role) || l->geometryType() != GeometryType::Point) continue;
    for (size_t i = 0; i < l->features.size(); ++i) {
      const Feature& f = l->features[i];
      if (f.geometry.points.empty() || !p.passesFilter(*l, f)) continue;
      Vec2 s = cam.worldToScreen(f.geometry.points.front());
      if (s.x < 0 || s.y < 0 || s.x >= ui.map.w || s.y >= ui.map.h) continue;
      points.push_back(
          {{"layer", l->id}, {"feature", i}, {"label", p.label(*l, f)}, {"x", ui.map.x + s.x}, {"y", ui.map.y + s.y}});
    }
  }
  j["points"] = points;
  json labels = json::array();
  for (const auto& l : ui.labels)
    labels.push_back(
        {{"text", l.text}, {"x", l.box.minx}, {"y", l.box.miny}, {"w", l.box.width()}, {"h", l.box.height()}});
  j["labels"] = labels;
  json widgets = json::object();
  for (const auto& [k, v] : ui.widgets) widgets[k] = {v.x, v.y, v.w, v.h};
  j["widgets"] = widgets;
  json msgs = json::array();
  for (const auto& m : diag.snapshot()) msgs.push_back(m.str());
  j["messages"] = msgs;
  j["draw_calls"] = r.drawCallsLastFrame();
  j["tiled_layers"] = r.tiledLayers();  // layers drawn from the map's tiles in the last frame
  if (const auto* t = r.tiles())
    j["tiles"] = {{"shown", t->shownLastFrame()}, {"painted", t->painted()}, {"pending", r.tilesPending()}};

  std::string text = j.dump(1, ' ', false, json::error_handler_t::replace);
  if (text == last_) return;
  last_ = text;
  std::string tmp = path_ + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << text;
  }
  (void)io::commitFile(tmp, path_);  // the test waits for the next state; a lost one is rewritten
}

}  // namespace safetymap::ui
