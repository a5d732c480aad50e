// PLATEAU building footprints (port edge only: the rest of the ward's mesh files are not reachable),
// with height, storeys, structure and the prefecture's tsunami depth at each building. A tsunami
// evacuation site that stands on one of them takes its storeys, height and depth, and is checked
// against Osaka City's rule for evacuation buildings.
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <stdexcept>

#include "analysis/spatial_index.hpp"
#include "analysis/tsunami_impact.hpp"
#include "derive/derive.hpp"
#include "io/layer_reader.hpp"
#include "jobs/load.hpp"

namespace fs = std::filesystem;

namespace safetymap::derive {

namespace {
constexpr const char* kPlateauSource =
    "3D都市モデル（Project PLATEAU）大阪市（2022年度）（国土交通省）を加工して作成。浸水深は大阪府 "
    "津波浸水想定（2013） / "
    "Project PLATEAU Osaka City FY2022 (MLIT), processed; depths from Osaka Prefecture's tsunami assumption (2013)";
const char* kKept[] = {"buildingID",
                       "町丁目名称",
                       "usage",
                       "measuredHeight_m",
                       "storeysAboveGround",
                       "storeysBelowGround",
                       "buildingStructureType",
                       "surveyYear",
                       "tsunami_rank",
                       "tsunami_depth_m",
                       "hightide_rank",
                       "hightide_depth_m"};

double number(const std::string* v) {
  return v && !v->empty() ? std::strtod(v->c_str(), nullptr) : std::nan("");
}
}  // namespace

Layer deriveBuildings(const Paths& p, Diagnostics& diag) {
  std::string file =
      (fs::path(p.reference) / "plateau-buildings-minato-partial/minato-buildings-partial.geojson").string();
  auto layers = jobs::readLayers(file, diag);
  if (layers.empty()) throw std::runtime_error(file + ": cannot read the PLATEAU buildings");
  const Layer& src = *layers.front();
  std::vector<Field> fields;
  for (const char* k : kKept) {
    int i = src.fieldIndex(k);
    fields.push_back({k, i >= 0 ? src.fields[static_cast<size_t>(i)].type : Field::Type::String});
  }
  fields.push_back({"coverage"});
  fields.push_back({"approximate", Field::Type::Boolean});
  fields.push_back({"source"});
  LayerBuilder b("buildings", fields);
  for (const auto& f : src.features) {
    if (f.geometry.polygons.empty()) continue;
    Row r;
    for (const char* k : kKept)
      if (const std::string* v = src.value(f, k)) r[k] = *v;
    r["coverage"] = "港湾部のみ（区の一部）/ port edge only (part of the ward)";
    r["approximate"] = "0";
    r["source"] = kPlateauSource;
    b.add(f.geometry, r);
  }
  return b.layer();
}

void joinBuildingsToSites(Layer& sites, const Layer& buildings) {
  analysis::SpatialIndex index;
  for (size_t i = 0; i < buildings.features.size(); ++i) index.insert(buildings.features[i].geometry.bounds(), int(i));
  const char* added[] = {"plateau_building", "storeys", "height_m", "tsunami_depth_m", "osaka_rule"};
  for (const char* name : added) sites.fields.push_back({name});
  for (auto& s : sites.features) {
    s.values.resize(sites.fields.size());
    if (s.geometry.points.empty()) continue;
    const int best = analysis::footprintAt(buildings, index, s.geometry.points.front());
    if (best < 0) continue;
    const Feature& bf = buildings.features[static_cast<size_t>(best)];
    const size_t base = sites.fields.size() - std::size(added);
    auto put = [&](size_t k, const std::string& v) { s.values.set(base + k, v); };
    const std::string* id = buildings.value(bf, "buildingID");
    double storeys = number(buildings.value(bf, "storeysAboveGround"));
    double height = number(buildings.value(bf, "measuredHeight_m"));
    double depth = number(buildings.value(bf, "tsunami_depth_m"));
    put(0, id ? *id : "");
    if (!std::isnan(storeys)) put(1, fmt::format("{:.0f}", storeys));
    if (!std::isnan(height)) put(2, fmt::format("{:.1f}", height));
    if (!std::isnan(depth)) put(3, fmt::format("{:.2f}", depth));
    // Osaka City: at least 3 storeys, people sheltering on the 3rd floor or higher, above the water.
    std::string rule;
    if (std::isnan(storeys))
      rule = "不明（階数なし）/ unknown (no storeys in PLATEAU)";
    else if (storeys < 3)
      rule = fmt::format("満たさない：{:.0f}階建て（3階以上が必要）/ fails: {:.0f} storeys (3 or more needed)", storeys,
                         storeys);
    else if (!std::isnan(depth) && !std::isnan(height) && 2 * height / storeys <= depth)
      rule =
          fmt::format("満たさない：3階の床が浸水深{:.2f} m以下 / fails: the 3rd floor is not above the {:.2f} m depth",
                      depth, depth);
    else
      rule = "満たす（3階以上、浸水深より上）/ meets (3 or more storeys, above the depth)";
    put(4, rule);
  }
}

}  // namespace safetymap::derive
