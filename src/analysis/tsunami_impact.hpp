#pragma once
// The tsunami hazard against people and buildings (what InaSAFE answers a planner): the 2015 census spread over the
// 町丁目 blocks, counted per depth class per district; each evacuation building with the depth at it and whether its
// storeys put a floor above the water (Osaka City: 3 storeys or more, shelter on the 3rd floor or higher, above the
// depth). The hazard is a depth raster or depth-class polygons (role tsunami_depth).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/depth_range.hpp"
#include "core/project.hpp"

namespace safetymap::analysis {

struct DepthClass {
  DepthRange range;
  std::string labelJa, labelEn;
  Rgba color;
};

// The classes people are counted in: a polygon file's own classes (as the prefecture published them), or a raster's
// ramp breaks (editable on the layer).
std::vector<DepthClass> hazardClasses(const Layer& hazard);

// Depth-class polygons coloured by their class, as the analysis counts them: each feature's fill, and the ramp the
// legend and the printout show (the file's own classes). Rasters are coloured by their ramp when drawn.
void paintDepthClasses(Layer& hazard);

// The hazard as the analysis reads it.
class DepthHazard {
 public:
  explicit DepthHazard(const Layer& hazard);
  ~DepthHazard();
  DepthHazard(DepthHazard&&) noexcept;
  // The depth at a point: the raster's value, or the class of the polygon it lies in (the deepest where they
  // overlap); empty where the hazard says nothing (dry, nodata, or outside it).
  std::optional<DepthRange> at(Vec2 p) const;
  // Whether the hazard covers the point at all (a raster's extent; polygons cover everywhere: outside them is dry).
  bool covers(Vec2 p) const;
  // The area of `g` in each class (square metres) and the rest: dry, and (rasters only) outside the hazard.
  struct Areas {
    std::vector<double> byClass;
    double dry = 0, uncovered = 0;
  };
  Areas areas(const Geometry& g, const std::vector<DepthClass>& classes) const;
  const Layer& layer() const { return layer_; }

 private:
  struct Impl;
  const Layer& layer_;
  std::unique_ptr<Impl> impl_;
};

struct DepthPeople {
  std::string nameJa, nameEn;
  double population = 0;           // the census people of its blocks
  std::vector<double> byClass;     // people standing in each class
  double dry = 0, uncovered = 0;   // people on dry ground; people where the hazard says nothing
  int blocks = 0;                  // 町丁目 counted
};

enum class ShelterVerdict { Meets, TooFewStoreys, BelowDepth, NotFlooded, Unknown };
const char* verdictKey(ShelterVerdict v);  // "meets", "too_few_storeys", "below_depth", "not_flooded", "unknown"

struct BuildingDepth {
  int feature = -1;  // in the tsunami buildings layer
  std::string name;
  int district = -1;
  std::optional<DepthRange> depth;     // at the building; empty when dry there or unknown (see depthKnown)
  bool depthKnown = false;             // a hazard covers the building, or PLATEAU gives its depth
  std::string depthFrom;               // "hazard" (the loaded layer) or "plateau" (the prefecture's depth in PLATEAU)
  std::optional<double> plateauDepth;  // PLATEAU's own figure where a footprint matches, shown as it is
  int storeys = -1;                    // -1: unknown
  std::string storeysFrom;             // "attribute" or "plateau"
  double storeyHeight = 3.0;           // metres: measured height / storeys, else 3 m
  bool storeyHeightAssumed = true;
  int shelterFloor = 0;  // the lowest floor (3rd or higher) above the depth, 0 when none
  ShelterVerdict verdict = ShelterVerdict::Unknown;
};

struct TsunamiImpact {
  std::string hazardJa, hazardEn;  // the hazard layer's name; empty when there is none (buildings only)
  bool raster = false;
  bool synthetic = false;            // the hazard is generated test data, never official
  bool blocksApproximate = false;    // the 町丁目 polygons are approximations (the bundled ones are)
  std::vector<DepthClass> classes;
  std::vector<DepthPeople> districts;  // the project's districts, in order
  DepthPeople ward;
  std::vector<BuildingDepth> buildings;
  int meets = 0, fails = 0, unknown = 0, notFlooded = 0;
  bool hasHazard() const { return !hazardJa.empty() || !hazardEn.empty(); }
};

// Osaka City's rule for one building: the lowest floor from the 3rd up whose level ((floor − 1) × storey height)
// lies above the depth. Unknown without storeys or without a known depth; NotFlooded where the hazard is dry.
void judgeShelter(BuildingDepth& b);

// The evacuation buildings known to be too low for the depth at them (too few storeys, or no floor from the 3rd up
// above the water), with the reason in words: what the drill planner may leave out. Unknown ones stay in.
std::map<int, std::string> buildingsTooLow(const TsunamiImpact& impact, Lang lang);

// The PLATEAU footprint (index into `buildings`) a point stands on, or the nearest within `within` metres (a GSI point
// may sit on the plot beside its building); -1 when none. `index` holds the footprints' bounds by feature index.
class SpatialIndex;
int footprintAt(const Layer& buildings, const SpatialIndex& index, Vec2 q, double within = 15);

// Null when the project has neither a hazard layer nor any building with a depth.
std::optional<TsunamiImpact> tsunamiImpact(const Project& project);

}  // namespace safetymap::analysis
