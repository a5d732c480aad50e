#pragma once
// The project: the layers in draw order (bottom first), the districts, and what the user has chosen.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/district_activity.hpp"
#include "core/layer.hpp"
#include "core/plan.hpp"
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
  std::vector<std::shared_ptr<Layer>>& layers() { return layers_; }
  const std::vector<std::shared_ptr<Layer>>& layers() const { return layers_; }
  Layer* layer(const std::string& id);
  const Layer* layer(const std::string& id) const;
  Layer* layerByRole(LayerRole role);
  const Layer* layerByRole(LayerRole role) const;
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
  std::string selectedPlanItem;   // the plan panel's choice: an issue, strategy or action id; "" = none
  Plan plan;                      // the ward's operating policy (empty when plan.json is missing)
  DistrictActivities activities;  // 2-1-1: drills and study sessions per district, edited by the planner
  Selection selection;
  Lang lang = Lang::Ja;

  // Whether a feature passes the district filter (context layers always do).
  bool passesFilter(const Layer& layer, const Feature& f) const;
  std::string displayName(const Layer& layer) const;
  std::string districtName(int index) const;
  std::string label(const Layer& layer, const Feature& f) const;

 private:
  std::vector<std::shared_ptr<Layer>> layers_;
  std::vector<District> districts_;
};

bool isContextRole(LayerRole role);
int roleDrawRank(LayerRole role);  // bottom to top

}  // namespace safetymap
