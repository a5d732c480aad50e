#pragma once
// The project: the layers in draw order (bottom first), the districts, and what the user has chosen.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/district_activity.hpp"
#include "core/layer.hpp"
#include "core/policy.hpp"
#include "core/text.hpp"

namespace safetymap {

struct District {
  std::string nameJa, nameEn;
  int featureIndex = -1;  // in the districts layer
  Bounds bounds;
  Rgba fill;
};

struct Selection {
  std::string layerId;
  int feature = -1;
  bool valid() const { return feature >= 0 && !layerId.empty(); }
  friend bool operator==(const Selection&, const Selection&) = default;
};

class Project {
 public:
  // The layers in draw order. They are shared, copy on write: a copy of the project (a job's) shares them, a
  // pointer each, and a change goes through edit(), which first gives this project its own copy of that one layer
  // when another holds it. So a job reads its layers while the user keeps editing, and copying is never per frame.
  const std::vector<std::shared_ptr<const Layer>>& layers() const { return layers_; }
  const Layer* layer(const std::string& id) const;
  const Layer* layerByRole(LayerRole role) const;
  Layer* edit(const std::string& id);  // null when there is no such layer
  Layer* editByRole(LayerRole role);
  Layer* edit(std::size_t index);
  std::shared_ptr<Layer> editShared(std::size_t index);  // edit(index), held as the project holds it
  void setVisible(std::size_t index, bool visible);      // for a moment (a task's view), not a user's edit
  void clearLayers() { layers_.clear(); }
  void setLayers(std::vector<std::shared_ptr<Layer>> layers) { layers_.assign(layers.begin(), layers.end()); }
  // Puts `to` in the place of the layer with this id (null `to` removes it; no such layer: `to` is added at its
  // role's place, keeping its id). False when there is nothing to do.
  bool replaceLayer(const std::string& id, std::shared_ptr<const Layer> to);
  std::string uniqueLayerId(const std::string& base) const;

  // Adds a layer at the position its role belongs (context below, points on top), or on top.
  void addLayer(std::shared_ptr<Layer> layer);
  // Replaces the layer with the same role (a real file the ward supplies replaces an approximation).
  void replaceRoleLayer(std::shared_ptr<Layer> layer);
  void removeLayer(const std::string& id);
  void moveLayer(const std::string& id, int delta);  // +1 = up (drawn later)

  // The districts, built from the districts layer by analysis (GEOS stays out of the core) and set here.
  const std::vector<District>& districts() const { return districts_; }
  void setDistricts(std::vector<District> d) { districts_ = std::move(d); }
  int findDistrict(const std::string& name) const;  // by Japanese or English name, -1 if none
  // "unknown district 'X'; the districts are: 築港(Chikko) …", for every place that takes a district's name.
  std::string unknownDistrictMessage(const std::string& name) const;
  Bounds wardBounds() const;
  Geometry wardArea() const;  // the ward layer's polygons as one area; empty when there is no ward layer

  int selectedDistrict = -1;      // -1 = all
  std::string selectedPolicyItem;  // the policy panel's choice: an issue, strategy or action id; "" = none
  Policy policy;                  // the ward's operating policy (empty when plan.json is missing)
  DistrictActivities activities;  // 2-1-1: drills and study sessions per district, edited by the planner
  Selection selection;
  Lang lang = Lang::Ja;

  // Whether a feature passes the district filter (context layers always do).
  bool passesFilter(const Layer& layer, const Feature& f) const;
  std::string displayName(const Layer& layer) const;
  std::string districtName(int index) const;
  std::string label(const Layer& layer, const Feature& f) const;

 private:
  void insertByRole(std::shared_ptr<const Layer> layer);
  std::vector<std::shared_ptr<const Layer>> layers_;
  std::vector<District> districts_;
};

bool isContextRole(LayerRole role);
int roleDrawRank(LayerRole role);  // bottom to top

}  // namespace safetymap
