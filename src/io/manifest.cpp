#include "io/manifest.hpp"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/palette.hpp"

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
    case LayerRole::Districts:
      s.opacity = 0.55f;
      s.stroke = {70, 70, 90, 255};
      s.strokeWidthPx = 1.5f;
      s.labelField = "name";
      s.labelFieldEn = "name_en";
      s.labelPriority = 100;
      s.labelSizePx = 20;
      break;
    default: {
      s.fill = categoricalColor(index);
      s.stroke = {20, 20, 20, 255};
      s.strokeWidthPx = 1.0f;
    }
  }
  return s;
}

namespace {
Rgba color(const nlohmann::json& j, const char* key, Rgba fallback) {
  if (!j.contains(key) || !j[key].is_string()) return fallback;
  return parseHexColor(j[key].get<std::string>().c_str(), fallback);
}

PointShape shape(const std::string& s) {
  if (s == "square") return PointShape::Square;
  if (s == "triangle") return PointShape::Triangle;
  if (s == "diamond") return PointShape::Diamond;
  if (s == "star") return PointShape::Star;
  return PointShape::Circle;
}
}  // namespace

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
    LayerStyle s = defaultStyle(spec.role, index++);
    const auto st = e.value("style", nlohmann::json::object());
    s.fill = color(st, "fill", s.fill);
    s.stroke = color(st, "stroke", s.stroke);
    s.opacity = st.value("opacity", s.opacity);
    s.strokeWidthPx = st.value("stroke_width", s.strokeWidthPx);
    s.drawFill = st.value("draw_fill", s.drawFill);
    s.drawStroke = st.value("draw_stroke", s.drawStroke);
    s.visible = st.value("visible", s.visible);
    s.shape = shape(st.value("shape", "circle"));
    s.pointSizePx = st.value("size", s.pointSizePx);
    s.labelField = st.value("label", s.labelField);
    s.labelFieldEn = st.value("label_en", s.labelFieldEn);
    s.labelPriority = st.value("label_priority", s.labelPriority);
    s.labelSizePx = st.value("label_size", s.labelSizePx);
    s.labelMinPpm = st.value("label_min_ppm", s.labelMinPpm);
    s.categoryField = st.value("category_field", s.categoryField);
    for (const auto& c : st.value("categories", nlohmann::json::array()))
      s.categories.push_back({c.value("value", ""), color(c, "color", categoricalColor(s.categories.size())), true});
    spec.style = s;
    m.layers.push_back(std::move(spec));
  }
  return m;
}

}  // namespace safetymap::io
