#include "analysis/tsunami_impact.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "analysis/district_join.hpp"
#include "analysis/overlay.hpp"
#include "analysis/spatial_index.hpp"
#include "core/raster.hpp"

namespace safetymap::analysis {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

std::string metres(double v) { return fmt::format("{:g}", v); }

DepthClass classOf(const DepthRange& r, Rgba color) {
  DepthClass c{r, "", "", color};
  if (r.hi == kInf) {
    c.labelJa = metres(r.lo) + " m以上";
    c.labelEn = metres(r.lo) + " m and more";
  } else if (r.lo == 0) {
    c.labelJa = metres(r.hi) + " m未満";
    c.labelEn = "under " + metres(r.hi) + " m";
  } else {
    c.labelJa = c.labelEn = metres(r.lo) + "–" + metres(r.hi) + " m";
  }
  return c;
}

// The class a depth falls in: [lo, hi), the last class closed above.
int classIndex(const std::vector<DepthClass>& classes, double v) {
  for (size_t i = 0; i < classes.size(); ++i)
    if (v >= classes[i].range.lo && (v < classes[i].range.hi || i + 1 == classes.size())) return static_cast<int>(i);
  return -1;
}

// A polygon's class among the file's classes (its own range).
int rangeIndex(const std::vector<DepthClass>& classes, const DepthRange& r) {
  for (size_t i = 0; i < classes.size(); ++i)
    if (classes[i].range.lo == r.lo && classes[i].range.hi == r.hi) return static_cast<int>(i);
  return classIndex(classes, r.middle());
}

double number(const Layer& l, const Feature& f, std::initializer_list<const char*> fields) {
  for (const char* k : fields)
    if (const std::string* v = l.value(f, k); v && !v->empty()) {
      char* end = nullptr;
      const double d = std::strtod(v->c_str(), &end);
      if (end != v->c_str()) return d;
    }
  return std::nan("");
}
}  // namespace

std::vector<DepthClass> hazardClasses(const Layer& hazard) {
  std::vector<DepthClass> out;
  if (!hazard.isRaster()) {
    std::vector<DepthRange> ranges;
    for (const auto& f : hazard.features)
      if (auto r = featureDepth(hazard, f); r && r->hi > 0)
        if (std::none_of(ranges.begin(), ranges.end(), [&](const DepthRange& x) { return x.lo == r->lo && x.hi == r->hi; }))
          ranges.push_back(*r);
    // Measured depths (one value per polygon) are counted in the ramp's classes instead.
    const bool measured = !ranges.empty() && std::all_of(ranges.begin(), ranges.end(), [](const DepthRange& r) {
      return r.lo == r.hi;
    });
    if (!measured && !ranges.empty()) {
      std::sort(ranges.begin(), ranges.end(), [](const DepthRange& a, const DepthRange& b) { return a.lo < b.lo; });
      const ColorRamp ramp = depthRamp();
      for (size_t i = 0; i < ranges.size(); ++i) {
        // Colours by depth: the ramp's colour of the class's middle.
        Rgba c = ramp.colorOf(std::max(ranges[i].middle(), 0.01));
        out.push_back(classOf(ranges[i], c));
      }
      return out;
    }
  }
  const ColorRamp& ramp = hazard.style.ramp.empty() ? depthRamp() : hazard.style.ramp;
  const ColorRamp classes = ramp.classed ? ramp : depthRamp();
  for (size_t i = 0; i < classes.stops.size(); ++i) {
    const double hi = i + 1 < classes.stops.size() ? classes.stops[i + 1].value : kInf;
    DepthClass c = classOf({classes.stops[i].value, hi}, classes.stops[i].color);
    if (!classes.stops[i].labelJa.empty()) c.labelJa = classes.stops[i].labelJa;
    if (!classes.stops[i].labelEn.empty()) c.labelEn = classes.stops[i].labelEn;
    out.push_back(c);
  }
  return out;
}

void paintDepthClasses(Layer& hazard) {
  if (hazard.isRaster()) return;
  const std::vector<DepthClass> classes = hazardClasses(hazard);
  ColorRamp ramp;
  ramp.titleJa = "津波浸水深";
  ramp.titleEn = "Tsunami depth";
  for (const auto& c : classes) ramp.stops.push_back({c.range.lo, c.color, c.labelJa, c.labelEn});
  hazard.style.featureFills.assign(hazard.features.size(), Rgba{0, 0, 0, 0});
  for (size_t i = 0; i < hazard.features.size(); ++i)
    if (auto d = featureDepth(hazard, hazard.features[i])) {
      const int k = d->lo == d->hi ? classIndex(classes, d->lo) : rangeIndex(classes, *d);
      if (k >= 0) hazard.style.featureFills[i] = classes[static_cast<size_t>(k)].color;
    }
  hazard.style.ramp = ramp;
  hazard.style.drawFill = true;
  hazard.touchStyle();
}

struct DepthHazard::Impl {
  SpatialIndex index;                        // polygons
  std::vector<std::optional<DepthRange>> depth;  // per feature
};

DepthHazard::DepthHazard(const Layer& hazard) : layer_(hazard), impl_(std::make_unique<Impl>()) {
  if (hazard.isRaster()) return;
  impl_->depth.reserve(hazard.features.size());
  for (size_t i = 0; i < hazard.features.size(); ++i) {
    const Feature& f = hazard.features[i];
    impl_->depth.push_back(featureDepth(hazard, f));
    if (!f.geometry.polygons.empty() && impl_->depth.back()) impl_->index.insert(f.geometry.bounds(), int(i));
  }
}
DepthHazard::~DepthHazard() = default;
DepthHazard::DepthHazard(DepthHazard&&) noexcept = default;

bool DepthHazard::covers(Vec2 p) const { return !layer_.isRaster() || rasterCovers(layer_.raster->info(), p); }

std::optional<DepthRange> DepthHazard::at(Vec2 p) const {
  if (layer_.isRaster()) {
    auto v = layer_.raster->valueAt(p);
    if (!v || !(*v > 0)) return std::nullopt;
    return DepthRange{*v, *v};
  }
  std::optional<DepthRange> best;
  for (int i : impl_->index.query({p.x, p.y, p.x, p.y})) {
    const auto& d = impl_->depth[static_cast<size_t>(i)];
    if (d && contains(layer_.features[static_cast<size_t>(i)].geometry, p) && (!best || d->worst() > best->worst()))
      best = d;
  }
  return best;
}

DepthHazard::Areas DepthHazard::areas(const Geometry& g, const std::vector<DepthClass>& classes) const {
  Areas a;
  a.byClass.assign(classes.size(), 0.0);
  const double total = area(g);
  if (total <= 0) return a;
  if (!layer_.isRaster()) {
    // Exact areas (GEOS) of the block inside each class polygon.
    double wet = 0;
    for (int i : impl_->index.query(g.bounds())) {
      const auto& d = impl_->depth[static_cast<size_t>(i)];
      const int k = rangeIndex(classes, *d);
      if (k < 0) continue;
      const double part = area(intersection(g, layer_.features[static_cast<size_t>(i)].geometry));
      a.byClass[static_cast<size_t>(k)] += part;
      wet += part;
    }
    a.dry = std::max(0.0, total - wet);
    return a;
  }
  // A raster: the block's cells (centres inside it) on the raster's own grid in the working CRS, halved until the
  // block holds enough of them to be counted fairly. A raster finer than that needs (an aerial survey's 0.5 m) is
  // sampled at a coarser multiple of its cells, from its overviews: a quarter of a million cells a block is plenty.
  const RasterInfo& info = layer_.raster->info();
  const Bounds b = g.bounds();
  double step = info.cellMetres > 0 ? info.cellMetres : 5.0;
  if (const double enough = std::sqrt(b.width() * b.height() / 250000.0); step < enough)
    step *= std::ceil(enough / step);
  Geometry footprint;  // the file's own pixels: a warped grid's corners beyond them are not known to be dry
  if (info.footprint.size() >= 3) {
    footprint.type = GeometryType::Polygon;
    footprint.polygons.push_back({info.footprint, {}});
  }
  constexpr double kMaxCells = 16e6;
  for (int round = 0; round < 6; ++round) {
    const double x0 = info.extent.minx + std::floor((b.minx - info.extent.minx) / step) * step;
    const double y1 = info.extent.maxy - std::floor((info.extent.maxy - b.maxy) / step) * step;
    const int cols = std::max(1, static_cast<int>(std::ceil((b.maxx - x0) / step)));
    const int rows = std::max(1, static_cast<int>(std::ceil((y1 - b.miny) / step)));
    const Bounds grid{x0, y1 - rows * step, x0 + cols * step, y1};
    const std::vector<std::uint8_t> mask = insideMask(g, grid, step, cols, rows);
    const long inside = std::count(mask.begin(), mask.end(), std::uint8_t(1));
    // Halved while the block holds too few cells to count fairly, as long as the finer grid stays affordable.
    if (inside < 400 && step > 0.5 && round + 1 < 6 && 4.0 * cols * rows <= kMaxCells) {
      step /= 2;
      continue;
    }
    if (inside == 0) {
      a.uncovered = total;
      return a;
    }
    const RasterGrid values = layer_.raster->values(grid, cols, rows);
    const std::vector<std::uint8_t> onFile =
        footprint.empty() ? std::vector<std::uint8_t>() : insideMask(footprint, grid, step, cols, rows);
    std::vector<long> counts(classes.size(), 0);
    long dry = 0, outside = 0;
    for (int y = 0; y < rows; ++y)
      for (int x = 0; x < cols; ++x) {
        const size_t k = static_cast<size_t>(y) * cols + x;
        if (!mask[k]) continue;
        if (!info.extent.contains(values.cellCentre(x, y)) || (!onFile.empty() && !onFile[k])) {
          ++outside;
          continue;
        }
        const float v = values.at(x, y);
        const int c = std::isnan(v) ? -1 : classIndex(classes, v);
        if (c < 0) ++dry;
        else ++counts[static_cast<size_t>(c)];
      }
    // The cells stand for the block's true area in proportion.
    for (size_t k = 0; k < classes.size(); ++k) a.byClass[k] = total * double(counts[k]) / double(inside);
    a.dry = total * double(dry) / double(inside);
    a.uncovered = total * double(outside) / double(inside);
    return a;
  }
  a.uncovered = total;
  return a;
}

const char* verdictKey(ShelterVerdict v) {
  switch (v) {
    case ShelterVerdict::Meets: return "meets";
    case ShelterVerdict::TooFewStoreys: return "too_few_storeys";
    case ShelterVerdict::BelowDepth: return "below_depth";
    case ShelterVerdict::NotFlooded: return "not_flooded";
    case ShelterVerdict::Unknown: return "unknown";
  }
  return "unknown";
}

void judgeShelter(BuildingDepth& b) {
  b.shelterFloor = 0;
  if (b.storeys < 0) {
    b.verdict = ShelterVerdict::Unknown;
    return;
  }
  if (b.storeys < 3) {
    b.verdict = ShelterVerdict::TooFewStoreys;
    return;
  }
  if (!b.depthKnown) {
    b.verdict = ShelterVerdict::Unknown;
    return;
  }
  if (!b.depth) {
    b.verdict = ShelterVerdict::NotFlooded;
    b.shelterFloor = 3;
    return;
  }
  const double water = b.depth->worst();
  for (int floor = 3; floor <= b.storeys; ++floor)
    if ((floor - 1) * b.storeyHeight > water) {
      b.shelterFloor = floor;
      b.verdict = ShelterVerdict::Meets;
      return;
    }
  b.verdict = ShelterVerdict::BelowDepth;
}

namespace {
BuildingDepth building(const Project& p, const Layer& sites, size_t i, const Layer* footprints,
                       const SpatialIndex* footprintIndex, const DepthHazard* hazard) {
  const Feature& f = sites.features[i];
  BuildingDepth b;
  b.feature = static_cast<int>(i);
  b.name = p.label(sites, f);
  b.district = f.district;
  const Vec2 at = f.geometry.anchor();
  double storeys = number(sites, f, {"storeys", "階数", "地上階数", "storeysAboveGround"});
  double height = number(sites, f, {"height_m", "高さ", "measuredHeight_m", "height"});
  double plateau = number(sites, f, {"tsunami_depth_m"});
  if (!std::isnan(storeys)) b.storeysFrom = sites.fieldIndex("plateau_building") >= 0 ? "plateau" : "attribute";
  if ((std::isnan(storeys) || std::isnan(plateau)) && footprints && footprintIndex && !f.geometry.empty()) {
    if (int k = footprintAt(*footprints, *footprintIndex, at); k >= 0) {
      const Feature& fp = footprints->features[static_cast<size_t>(k)];
      if (std::isnan(storeys)) {
        storeys = number(*footprints, fp, {"storeysAboveGround", "storeys"});
        height = number(*footprints, fp, {"measuredHeight_m", "height_m"});
        if (!std::isnan(storeys)) b.storeysFrom = "plateau";
      }
      if (std::isnan(plateau)) plateau = number(*footprints, fp, {"tsunami_depth_m"});
    }
  }
  if (!std::isnan(storeys) && storeys >= 1) b.storeys = static_cast<int>(std::lround(storeys));
  if (b.storeys > 0 && !std::isnan(height) && height > 0) {
    b.storeyHeight = height / b.storeys;
    b.storeyHeightAssumed = false;
  }
  if (!std::isnan(plateau)) b.plateauDepth = plateau;
  if (hazard && !f.geometry.empty() && hazard->covers(at)) {
    b.depth = hazard->at(at);
    b.depthFrom = "hazard";
    b.depthKnown = true;
  } else if (b.plateauDepth) {
    b.depth = DepthRange{*b.plateauDepth, *b.plateauDepth};
    b.depthFrom = "plateau";
    b.depthKnown = true;
  }
  judgeShelter(b);
  return b;
}

void addTo(DepthPeople& to, const DepthPeople& from) {
  to.population += from.population;
  to.dry += from.dry;
  to.uncovered += from.uncovered;
  to.blocks += from.blocks;
  for (size_t k = 0; k < from.byClass.size(); ++k) to.byClass[k] += from.byClass[k];
}
}  // namespace

int footprintAt(const Layer& buildings, const SpatialIndex& index, Vec2 q, double within) {
  int best = -1;
  double bestD = within;
  for (int i : index.query({q.x - within, q.y - within, q.x + within, q.y + within})) {
    const Geometry& g = buildings.features[static_cast<size_t>(i)].geometry;
    if (contains(g, q)) return i;
    for (const auto& poly : g.polygons)
      for (size_t k = 0; k + 1 < poly.outer.size(); ++k)
        if (double d = distanceToSegment(q, poly.outer[k], poly.outer[k + 1]); d < bestD) bestD = d, best = i;
  }
  return best;
}

std::map<int, std::string> buildingsTooLow(const TsunamiImpact& impact, Lang lang) {
  std::map<int, std::string> out;
  for (const auto& b : impact.buildings) {
    const double depth = b.depth ? b.depth->worst() : 0;
    if (b.verdict == ShelterVerdict::TooFewStoreys && b.depth)  // a low building on dry ground is a place to go
      out[b.feature] = lang == Lang::Ja ? fmt::format("{}階建て（3階以上が必要）", b.storeys)
                                        : fmt::format("{} storeys (3 or more needed)", b.storeys);
    else if (b.verdict == ShelterVerdict::BelowDepth)
      out[b.feature] = lang == Lang::Ja ? fmt::format("{}階建て：3階以上に浸水深{:g} mより上の階がない", b.storeys, depth)
                                        : fmt::format("{} storeys: no floor from the 3rd up above {:g} m", b.storeys, depth);
  }
  return out;
}

std::optional<TsunamiImpact> tsunamiImpact(const Project& p) {
  TsunamiImpact out;
  const Layer* hazardLayer = p.layerByRole(LayerRole::TsunamiDepth);
  std::optional<DepthHazard> hazard;
  if (hazardLayer) {
    hazard.emplace(*hazardLayer);
    out.hazardJa = p.displayName(*hazardLayer);
    out.hazardEn = hazardLayer->nameEn.empty() ? out.hazardJa : hazardLayer->nameEn;
    out.raster = hazardLayer->isRaster();
    out.synthetic = hazardLayer->provenance.synthetic ||
                    (hazardLayer->fieldIndex("synthetic") >= 0 && !hazardLayer->features.empty() &&
                     isTruthy(*hazardLayer->value(hazardLayer->features.front(), "synthetic")));
    out.classes = hazardClasses(*hazardLayer);
  }
  // People: each 町丁目's census population spread evenly over its area.
  const auto& ds = p.districts();
  out.districts.resize(ds.size());
  for (size_t i = 0; i < ds.size(); ++i) {
    out.districts[i].nameJa = ds[i].nameJa;
    out.districts[i].nameEn = ds[i].nameEn;
    out.districts[i].byClass.assign(out.classes.size(), 0.0);
  }
  out.ward.nameJa = "港区";
  out.ward.nameEn = "Minato Ward";
  out.ward.byClass.assign(out.classes.size(), 0.0);
  const Layer* chome = p.layerByRole(LayerRole::Chome);
  if (hazard && chome) {
    out.blocksApproximate = chome->provenance.approximate;
    std::unique_ptr<DistrictLocator> locate;
    if (const Layer* dl = p.layerByRole(LayerRole::Districts)) locate = std::make_unique<DistrictLocator>(*dl);
    for (const auto& f : chome->features) {
      const std::string* pop = chome->value(f, "population");
      if (!pop || pop->empty() || f.geometry.polygons.empty()) continue;
      const double people = std::atof(pop->c_str());
      const DepthHazard::Areas a = hazard->areas(f.geometry, out.classes);
      const double total = area(f.geometry);
      if (total <= 0) continue;
      DepthPeople block;
      block.population = people;
      block.blocks = 1;
      block.byClass.resize(out.classes.size());
      for (size_t k = 0; k < out.classes.size(); ++k) block.byClass[k] = people * a.byClass[k] / total;
      block.dry = people * a.dry / total;
      block.uncovered = people * a.uncovered / total;
      addTo(out.ward, block);
      const int d = chomeDistrict(p, *chome, f, locate.get());
      if (d >= 0 && static_cast<size_t>(d) < out.districts.size()) addTo(out.districts[static_cast<size_t>(d)], block);
    }
  }
  // Buildings: the tsunami evacuation buildings with the depth at each and Osaka City's rule.
  if (const Layer* sites = p.layerByRole(LayerRole::TsunamiBuildings)) {
    const Layer* footprints = p.layerByRole(LayerRole::Buildings);
    SpatialIndex index;
    if (footprints)
      for (size_t i = 0; i < footprints->features.size(); ++i)
        index.insert(footprints->features[i].geometry.bounds(), static_cast<int>(i));
    for (size_t i = 0; i < sites->features.size(); ++i) {
      BuildingDepth b = building(p, *sites, i, footprints, footprints ? &index : nullptr, hazard ? &*hazard : nullptr);
      switch (b.verdict) {
        case ShelterVerdict::Meets: ++out.meets; break;
        case ShelterVerdict::TooFewStoreys:
        case ShelterVerdict::BelowDepth: ++out.fails; break;
        case ShelterVerdict::NotFlooded: ++out.notFlooded; break;
        case ShelterVerdict::Unknown: ++out.unknown; break;
      }
      out.buildings.push_back(std::move(b));
    }
  }
  const bool anyDepth = std::any_of(out.buildings.begin(), out.buildings.end(), [](const BuildingDepth& b) {
    return b.depthKnown;
  });
  if (!hazardLayer && !anyDepth) return std::nullopt;
  return out;
}

}  // namespace safetymap::analysis
