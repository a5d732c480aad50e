#include "analysis/district_join.hpp"

#include <algorithm>
#include <mutex>
#include <thread>

#include "analysis/area_grid.hpp"
#include "analysis/geos_context.hpp"
#include "analysis/spatial_index.hpp"
#include "core/palette.hpp"

namespace safetymap::analysis {

std::vector<District> buildDistricts(const Layer& l) {
  std::vector<District> out;
  auto h = geos();
  std::vector<GeosPtr> geoms;
  for (size_t i = 0; i < l.features.size(); ++i) {
    const Feature& f = l.features[i];
    District d;
    const std::string* ja = l.value(f, "name");
    const std::string* en = l.value(f, "name_en");
    d.nameJa = ja ? *ja : "#" + std::to_string(i + 1);
    d.nameEn = en ? *en : d.nameJa;
    d.featureIndex = static_cast<int>(i);
    d.bounds = f.geometry.bounds();
    out.push_back(d);
    geoms.push_back(toGeos(f.geometry));
  }
  // Greedy colouring: each district takes the first palette colour no touching neighbour has.
  std::vector<int> colour(out.size(), -1);
  for (size_t i = 0; i < out.size(); ++i) {
    std::vector<bool> used(areaColorCount(), false);
    for (size_t j = 0; j < i; ++j) {
      if (!out[i].bounds.intersects(out[j].bounds)) continue;
      if (GEOSIntersects_r(h, geoms[i].get(), geoms[j].get()) == 1) used[static_cast<size_t>(colour[j])] = true;
    }
    // Among the colours no neighbour has, take the least used, so repeats are as rare as possible.
    std::vector<int> uses(areaColorCount(), 0);
    for (size_t j = 0; j < i; ++j) uses[static_cast<size_t>(colour[j])]++;
    size_t c = 0;
    int bestUses = 1 << 30;
    for (size_t k = 0; k < used.size(); ++k)
      if (!used[k] && uses[k] < bestUses) bestUses = uses[k], c = k;
    colour[i] = static_cast<int>(c);
    out[i].fill = areaColor(c);
  }
  return out;
}

struct DistrictLocator::Impl {
  std::vector<GeosPtr> geoms;
  std::vector<const GEOSPreparedGeometry*> prepared;
  SpatialIndex index;
  std::vector<Geometry> areas;  // copies of the districts' geometries, for the grid (the layer may change)
  std::once_flag gridOnce;
  std::unique_ptr<AreaGrid> grid;  // built on the first big tag(): most callers locate a handful of points
  const AreaGrid& areaGrid() {
    std::call_once(gridOnce, [&] {
      std::vector<const Geometry*> a;
      for (const Geometry& g : areas) a.push_back(&g);
      grid = std::make_unique<AreaGrid>(a, kGridCell);
    });
    return *grid;
  }
  ~Impl() {
    for (auto* p : prepared) GEOSPreparedGeom_destroy_r(geos(), p);
  }
};

DistrictLocator::DistrictLocator(const Layer& l) : impl_(std::make_unique<Impl>()) {
  for (size_t i = 0; i < l.features.size(); ++i) {
    impl_->geoms.push_back(toGeos(l.features[i].geometry));
    impl_->prepared.push_back(GEOSPrepare_r(geos(), impl_->geoms.back().get()));
    impl_->index.insert(l.features[i].geometry.bounds(), static_cast<int>(i));
    impl_->areas.push_back(l.features[i].geometry);
  }
}

DistrictLocator::~DistrictLocator() = default;

int DistrictLocator::locate(Vec2 p) const {
  Bounds b;
  b.add(p);
  auto candidates = impl_->index.query(b);
  std::sort(candidates.begin(), candidates.end());  // deterministic on shared borders
  GeosPtr pt = toGeosPoint(p);
  for (int i : candidates)
    if (GEOSPreparedIntersects_r(geos(), impl_->prepared[static_cast<size_t>(i)], pt.get()) == 1) return i;
  return -1;
}

void DistrictLocator::tag(Layer& layer) const {
  auto& features = layer.features;
  if (features.size() < kGridFeatures) {
    for (auto& f : features)
      if (!f.geometry.empty()) f.district = locate(f.geometry.anchor());
    return;
  }
  // Points through the grid, on every core (memory-bound: one byte per point); the few near a boundary, and
  // lines and polygons (by an interior point), through GEOS afterwards on this thread, since a prepared
  // geometry builds its index lazily and is not safe to share between threads.
  const AreaGrid& grid = impl_->areaGrid();
  const std::size_t parts = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 16);
  std::vector<std::vector<std::size_t>> exact(parts);
  auto run = [&](std::size_t part) {
    const std::size_t from = features.size() * part / parts, to = features.size() * (part + 1) / parts;
    for (std::size_t i = from; i < to; ++i) {
      Feature& f = features[i];
      if (f.geometry.points.size() != 1 || !f.geometry.lines.empty() || !f.geometry.polygons.empty()) {
        if (!f.geometry.empty()) exact[part].push_back(i);
        continue;
      }
      const int d = grid.lookup(f.geometry.points[0]);
      if (d == AreaGrid::kAsk)
        exact[part].push_back(i);
      else
        f.district = d;
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t part = 1; part < parts; ++part) threads.emplace_back(run, part);
  run(0);
  for (auto& t : threads) t.join();
  for (const auto& list : exact)
    for (std::size_t i : list) features[i].district = locate(features[i].geometry.anchor());
}

int chomeDistrict(const Project& p, const Layer& chome, const Feature& f, const DistrictLocator* locate) {
  const Layer* dl = p.layerByRole(LayerRole::Districts);
  const auto& ds = p.districts();
  if (const std::string* id = chome.value(f, "district"); id && !id->empty() && dl)
    for (size_t i = 0; i < ds.size(); ++i) {
      const int fi = ds[i].featureIndex;
      if (fi < 0 || static_cast<size_t>(fi) >= dl->features.size()) continue;
      if (const std::string* did = dl->value(dl->features[static_cast<size_t>(fi)], "district_id"); did && *did == *id)
        return static_cast<int>(i);
    }
  return locate ? locate->locate(f.geometry.anchor()) : -1;
}

}  // namespace safetymap::analysis
