// Facilities mapped in OpenStreetMap (© OpenStreetMap contributors, ODbL 1.0): police, fire, schools,
// hospitals and the ward office as a context layer; the 老人憩の家 (community safety centres) that OSM has.
#include <filesystem>
#include <stdexcept>

#include "derive/derive.hpp"
#include "io/layer_reader.hpp"
#include "jobs/load.hpp"

namespace fs = std::filesystem;

namespace safetymap::derive {

namespace {
constexpr const char* kOsmSource =
    "© OpenStreetMap contributors (ODbL 1.0)、2026-10-01 時点 / © OpenStreetMap contributors (ODbL 1.0), "
    "snapshot 2026-10-01";

std::shared_ptr<Layer> readPoi(const Paths& p, Diagnostics& diag) {
  std::string file = (fs::path(p.reference) / "osm-poi-minato/minato-poi.geojson").string();
  auto layers = jobs::readLayers(file, diag);
  if (layers.empty()) throw std::runtime_error(file + ": cannot read the OpenStreetMap facilities");
  return layers.front();
}

bool has(const std::string& s, const char* part) {
  return s.find(part) != std::string::npos;
}

// What a facility is, in both languages; empty when the layer does not keep it.
std::pair<std::string, std::string> kindOf(const std::string& sub, const std::string& name) {
  if (sub == "police")
    return has(name, "交番") ? std::pair{"交番", "Police box"} : std::pair{"警察署", "Police station"};
  if (sub == "fire_station") return {"消防署", "Fire station"};
  if (sub == "hospital") return {"病院", "Hospital"};
  if (sub == "school") {
    if (has(name, "小学校")) return {"小学校", "Elementary school"};
    if (has(name, "中学校")) return {"中学校", "Junior high school"};
    if (has(name, "高等学校")) return {"高等学校", "High school"};
  }
  if (sub == "government" && has(name, "区役所")) return {"区役所", "Ward office"};
  return {};
}
}  // namespace

Layer deriveFacilities(const Paths& p, Diagnostics& diag) {
  auto src = readPoi(p, diag);
  LayerBuilder b("facilities",
                 {{"name"}, {"kind"}, {"kind_en"}, {"osm_id"}, {"approximate", Field::Type::Boolean}, {"source"}});
  for (const auto& f : src->features) {
    const std::string* name = src->value(f, "name");
    const std::string* sub = src->value(f, "subcategory");
    if (!name || !sub) continue;
    auto [kind, kindEn] = kindOf(*sub, *name);
    if (kind.empty()) continue;
    const std::string* id = src->value(f, "osm_id");
    b.add(f.geometry, {{"name", *name},
                       {"kind", kind},
                       {"kind_en", kindEn},
                       {"osm_id", id ? *id : ""},
                       {"approximate", "0"},
                       {"source", kOsmSource}});
  }
  return b.layer();
}

Layer deriveSafetyCentres(const Paths& p, Diagnostics& diag) {
  auto src = readPoi(p, diag);
  LayerBuilder b("safety_centres", {{"name"}, {"osm_id"}, {"approximate", Field::Type::Boolean}, {"source"}});
  for (const auto& f : src->features) {
    const std::string* name = src->value(f, "name");
    if (!name || !has(*name, "老人憩の家")) continue;
    const std::string* id = src->value(f, "osm_id");
    b.add(f.geometry, {{"name", *name},
                       {"osm_id", id ? *id : ""},
                       {"approximate", "0"},
                       {"source", std::string(kOsmSource) +
                                      "。12か所のうちOSMに登録のある2か所 / 2 of the 12 (the ones mapped in OSM)"}});
  }
  return b.layer();
}

std::map<std::string, Vec2> osmSchools(const Paths& p, Diagnostics& diag) {
  auto src = readPoi(p, diag);
  std::map<std::string, Vec2> out;
  for (const auto& f : src->features) {
    const std::string* name = src->value(f, "name");
    if (!name || f.geometry.points.empty() || !has(*name, "小学校")) continue;
    std::string key = *name;
    if (key.rfind("大阪市立", 0) == 0) key = key.substr(std::string("大阪市立").size());
    out[key] = f.geometry.points.front();
  }
  return out;
}

}  // namespace safetymap::derive
