// The ward's policy on the map: choosing a plan item shows its layers (the others step aside and come back when
// it is cleared); 2-1-1 colours the districts by their drill or study-session status; the 町丁目 choropleth and
// the figures the policy panel shows are recomputed only when what they count changes.
#include "analysis/crime_choropleth.hpp"
#include "core/palette.hpp"
#include "io/settings.hpp"
#include "jobs/snapshot.hpp"
#include "ui/room.hpp"

namespace safetymap::ui {

namespace {

// A figure that grows with the records (a million: about a second), counted from a snapshot on a job of its own
// for one key (the data versions it counts); asking for a newer key cancels the older count, and what is shown
// stays until the new value is in.
template <class T>
struct Counted {
  T value{};
  std::uint64_t key = ~0ull, counting = ~0ull;  // the key of value, and of the count on its way
  bool pending() const { return counting != key; }
  template <class Count>
  void request(Workspace& ws, const char* job, const char* label, std::uint64_t k, Count count) {
    if (counting == k) return;
    counting = k;
    auto snapshot = jobs::snapshotProject(ws.project);
    auto result = std::make_shared<T>();
    ws.jobs.cancel(job);
    ws.jobs.start(
        job, tr(ws.project.lang, label), false,
        [snapshot, result, count](jobs::JobProgress&) { *result = count(*snapshot); },
        [this, result, k](bool cancelled) {
          if (cancelled || counting != k) return;  // a newer count is on its way
          value = std::move(*result), key = k;
        });
  }
};

class PolicyRoom final : public Room {
 public:
  void poll(Workspace& ws) override {
    if (generation_ != ws.projectGeneration) {  // another project: its layers, its statuses
      generation_ = ws.projectGeneration;
      visibilityBeforePlan_.clear();
      colourDistricts(ws);
    }
    recountDistricts(ws);
    refreshChoropleth(ws);
    refreshStats(ws);
  }

  void apply(Workspace& ws) override {
    if (ws.ui.activitiesChanged) {
      ws.settings.activities = ws.project.activities;
      io::saveSettings(ws.settings);
      colourDistricts(ws);
      ws.ui.activitiesChanged = false;
    }
    if (ws.ui.requestPolicyItem) {
      choose(ws, *ws.ui.requestPolicyItem);
      ws.ui.requestPolicyItem.reset();
    }
  }

  // The screenshot and the test probe wait for the 町丁目 colours of the records loaded.
  bool settling(const Workspace& ws) const override {
    return ws.ui.requestPolicyItem.has_value() || chomeCrimes_.pending();
  }

 private:
  void recountDistricts(Workspace& ws) {
    const Project& p = ws.project;
    std::uint64_t key = p.districts().size();
    for (const auto& l : p.layers()) key = key * 31 + l->dataVersion + l->features.size();
    if (key == countsKey_) return;
    countsKey_ = key;
    auto& counts = ws.districtCounts;
    counts.assign(p.districts().size(), {});
    // Counted per layer into a plain array, then added by role: one increment per feature, not a map lookup
    // (10M points: milliseconds on this thread, once per data change).
    std::vector<int> perDistrict(counts.size());
    for (const auto& l : p.layers()) {
      if (isContextRole(l->role)) continue;
      std::fill(perDistrict.begin(), perDistrict.end(), 0);
      for (const auto& f : l->features)
        if (f.district >= 0 && static_cast<size_t>(f.district) < perDistrict.size())
          ++perDistrict[static_cast<size_t>(f.district)];
      for (size_t d = 0; d < counts.size(); ++d)
        if (perDistrict[d] > 0) counts[d][l->role] += perDistrict[d];
    }
  }

  // The 町丁目 coloured by crimes: counted on a job when the records or the 町丁目 change; the classes are made
  // from the counts on this thread (per 町丁目), also when only the measure changes.
  void refreshChoropleth(Workspace& ws) {
    const Layer* crimes = ws.project.layerByRole(LayerRole::Crimes);
    const Layer* chome = ws.project.layerByRole(LayerRole::Chome);
    const std::uint64_t dataKey = (crimes ? crimes->dataVersion : 0) * 1000003ull + (chome ? chome->dataVersion : 0);
    if (dataKey != chomeCrimes_.key) {
      chomeCrimes_.request(ws, "choropleth", "stats.chome", dataKey,
                           [](const Project& p) { return analysis::countCrimesByChome(p); });
      return;
    }
    const std::uint64_t key = dataKey * 31 + static_cast<std::uint64_t>(ws.ui.crimeMeasure);
    if (key == choroplethKey_) return;
    choroplethKey_ = key;
    analysis::applyCrimeChoropleth(
        ws.project, ws.ui.crimeMeasure ? analysis::CrimeMeasure::RatePer1000 : analysis::CrimeMeasure::Count,
        chomeCrimes_.value);
  }

  void refreshStats(Workspace& ws) {
    const Project& p = ws.project;
    // The records are counted once per data version (and category field); choosing a district adds up tallies.
    std::uint64_t tk = countsKey_;
    if (const Layer* c = p.layerByRole(LayerRole::Crimes))  // the types follow the category field and its order
      tk = tk * 31 + std::hash<std::string>{}(c->style.categoryField) + c->style.categories.size();
    std::uint64_t key = tk * 1000003ull + static_cast<std::uint64_t>(p.selectedDistrict + 2);
    for (const auto& [d, st] : p.activities.drill) key = key * 31 + std::hash<std::string>{}(d) + int(st);
    for (const auto& [d, st] : p.activities.study) key = key * 37 + std::hash<std::string>{}(d) + int(st);
    if (key == statsKey_) return;
    if (tallies_.key != tk) {  // the figures are made from the tallies once they are in
      tallies_.request(ws, "stats", "stats.counting", tk, [](const Project& p) { return analysis::tallyCrimes(p); });
      return;
    }
    statsKey_ = key;
    ws.stats = analysis::computeWardStats(p, p.selectedDistrict, &tallies_.value);
  }

  // Colours the districts by the recorded drill / study-session status while 2-1-1 is chosen.
  void colourDistricts(Workspace& ws) {
    Project& p = ws.project;
    const Layer* districts = p.layerByRole(LayerRole::Districts);
    if (!districts) return;
    bool active = false;
    for (const PolicyLink* l : p.policy.linksUnder(p.selectedPolicyItem))
      active = active || (l->colourByDrillStatus && !p.selectedPolicyItem.empty());
    std::vector<Rgba> fills;
    if (active)
      for (size_t i = 0; i < districts->features.size(); ++i) {
        std::string name = i < p.districts().size() ? p.districts()[i].nameJa : "";
        fills.push_back(activityColor(p.activities.get(ws.ui.colourActivity, name)));
      }
    // The districts are outlines over the 町丁目 choropleth; the activity colours fill them while 2-1-1 is chosen.
    const bool fill = active ? true : (ws.activityFill ? false : districts->style.drawFill);
    if (fill == districts->style.drawFill && fills == districts->style.featureFills) return;
    Layer* dl = p.editByRole(LayerRole::Districts);
    if (active && !dl->style.drawFill) ws.activityFill = true;
    if (!active) ws.activityFill = false;
    dl->style.drawFill = fill;
    dl->style.featureFills = std::move(fills);
    dl->touchStyle();
  }

  void choose(Workspace& ws, const std::string& id) {
    Project& p = ws.project;
    p.selectedPolicyItem = id;
    if (!id.empty()) ws.ui.focusPolicyTab = true;
    std::vector<LayerRole> roles;
    for (const PolicyLink* l : p.policy.linksUnder(id))
      for (LayerRole r : l->layers) roles.push_back(r);
    if (id.empty() || roles.empty()) {
      // Nothing on the map for this item: the layers go back to how the user had them.
      for (size_t i = 0; i < p.layers().size(); ++i)
        if (auto it = visibilityBeforePlan_.find(p.layers()[i]->id); it != visibilityBeforePlan_.end())
          p.setVisible(i, it->second);
      visibilityBeforePlan_.clear();
      colourDistricts(ws);
      return;
    }
    if (visibilityBeforePlan_.empty())
      for (const auto& l : p.layers()) visibilityBeforePlan_[l->id] = l->style.visible;
    // Its layers shown, the other thematic layers hidden; the base map (ward, roads, neighbours) stays.
    Bounds where;
    for (size_t i = 0; i < p.layers().size(); ++i) {
      const LayerRole role = p.layers()[i]->role;
      if (role == LayerRole::Ward || role == LayerRole::Roads || role == LayerRole::Neighbours) continue;
      bool listed = std::find(roles.begin(), roles.end(), role) != roles.end();
      p.setVisible(i, listed || role == LayerRole::Districts);  // may make this project's own copy: read it after
      const Layer& l = *p.layers()[i];
      if (listed)
        for (const auto& f : l.features)
          if (p.passesFilter(l, f)) where.add(f.geometry.bounds());
    }
    colourDistricts(ws);
    if (where.empty())
      where = p.selectedDistrict >= 0 ? p.districts()[static_cast<size_t>(p.selectedDistrict)].bounds : p.wardBounds();
    ws.camera.fit(where, 40, true);
  }

  std::map<std::string, bool> visibilityBeforePlan_;
  std::uint64_t generation_ = 0;
  std::uint64_t countsKey_ = ~0ull, choroplethKey_ = ~0ull, statsKey_ = ~0ull;
  Counted<analysis::CrimeTallies> tallies_;     // the records by district and type, for the policy panel
  Counted<analysis::ChomeCrimes> chomeCrimes_;  // the records by 町丁目, for the choropleth
};

}  // namespace

std::unique_ptr<Room> makePolicyRoom(Workspace&) {
  return std::make_unique<PolicyRoom>();
}

}  // namespace safetymap::ui
