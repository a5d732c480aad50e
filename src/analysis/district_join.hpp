#pragma once
// Which district each feature lies in: GEOS prepared geometries behind an STRtree.
#include <memory>
#include <vector>

#include "core/layer.hpp"
#include "core/project.hpp"

namespace safetymap::analysis {

// The district list from a districts layer: names from `name` / `name_en`, colours chosen so
// that neighbouring districts never share a fill (greedy colouring over GEOS adjacency).
std::vector<District> buildDistricts(const Layer& districtsLayer);

class DistrictLocator;

// The district a 町丁目 belongs to: by its `district` id as the districts layer's `district_id` (how the bundled
// districts were made), else where its middle lies (locate, when given); -1 when neither says.
int chomeDistrict(const Project& project, const Layer& chome, const Feature& f, const DistrictLocator* locate);

class DistrictLocator {
 public:
  // From this many features tag() goes through an AreaGrid of cells this size (metres): the same answers.
  static constexpr std::size_t kGridFeatures = 20000;
  static constexpr double kGridCell = 1.0;
  explicit DistrictLocator(const Layer& districtsLayer);
  ~DistrictLocator();
  int locate(Vec2 p) const;  // index into the districts, -1 when outside all
  // Tags every feature of the layer (points by position, areas by an interior point).
  void tag(Layer& layer) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace safetymap::analysis
