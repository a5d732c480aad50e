#include "io/manifest.hpp"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/palette.hpp"
#include "core/raster.hpp"
#include "io/style_json.hpp"

namespace fs = std::filesystem;

namespace safetymap::io {

LayerStyle defaultStyle(LayerRole role, std::size_t index) {
  LayerStyle s;
  switch (role) {
    case LayerRole::Neighbours:
      s.fill = {226, 224, 218, 255};
      s.stroke = {170, 166, 160, 255};
      break;
    case LayerRole::Ward:
      s.fill = {250, 249, 245, 255};
      s.stroke = {40, 40, 40, 255};
      s.strokeWidthPx = 2.5f;
      break;
    case LayerRole::Roads:
      s.fill = {196, 196, 200, 255};
      s.drawStroke = false;
      break;
    case LayerRole::WalkNetwork:
      s.stroke = s.fill = {120, 120, 130, 255};  // lines take their fill colour
      s.strokeWidthPx = 1.0f;
      s.drawFill = false;
      break;
    case LayerRole::Chome:
      s.fill = {0, 0, 0, 0};  // filled only by the crime choropleth (per-feature fills)
      s.stroke = {122, 106, 90, 255};
      break;
    case LayerRole::Districts:
      s.opacity = 0.55f;
      s.stroke = {70, 70, 90, 255};
      s.strokeWidthPx = 1.5f;
      s.labelField = "name";
      s.labelFieldEn = "name_en";
      s.labelPriority = 100;
      s.labelSizePx = 20;
      break;
    case LayerRole::TsunamiDepth:  // a raster through the ramp, or depth-class polygons filled by class
      s.opacity = 0.7f;
      s.ramp = depthRamp();
      s.stroke = {29, 145, 192, 255};
      s.drawStroke = false;
      break;
    case LayerRole::BaseImage: break;
    default: {
      s.fill = categoricalColor(index);
      s.stroke = {20, 20, 20, 255};
      s.strokeWidthPx = 1.0f;
    }
  }
  return s;
}

std::optional<Manifest> readManifest(const std::string& geodataDir, Diagnostics& diag) {
  fs::path file = fs::path(geodataDir) / "layers.json";
  std::ifstream in(file);
  if (!in) {
    diag.error(file.string(), "the layer manifest cannot be opened");
    return std::nullopt;
  }
  nlohmann::json j;
  try {
    in >> j;
  } catch (const std::exception& e) {
    diag.error(file.string(), std::string("the layer manifest is not valid JSON: ") + e.what());
    return std::nullopt;
  }
  Manifest m;
  size_t index = 0;
  for (const auto& e : j.value("layers", nlohmann::json::array())) {
    LayerSpec spec;
    spec.id = e.value("id", "");
    auto role = roleFromKey(e.value("role", "other"));
    if (!role) diag.warning(file.string(), "layer " + spec.id + " has an unknown role; shown as an ordinary layer");
    spec.role = role.value_or(LayerRole::Other);
    spec.file = (fs::path(geodataDir) / e.value("file", "")).lexically_normal().string();
    spec.nameJa = e.value("name_ja", spec.id);
    spec.nameEn = e.value("name_en", spec.id);
    spec.sourceJa = e.value("source_ja", "");
    spec.sourceEn = e.value("source_en", spec.sourceJa);
    spec.emptyNoteKey = e.value("empty_note", "");
    spec.optional = e.value("optional", false);
    spec.style = styleFromJson(e.value("style", nlohmann::json::object()), defaultStyle(spec.role, index++));
    m.layers.push_back(std::move(spec));
  }
  return m;
}

}  // namespace safetymap::io
