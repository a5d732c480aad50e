#include "io/style_json.hpp"

#include <fmt/format.h>

#include "core/palette.hpp"

namespace safetymap::io {

namespace {
Rgba color(const nlohmann::json& j, const char* key, Rgba fallback) {
  if (!j.contains(key) || !j[key].is_string()) return fallback;
  return parseHexColor(j[key].get<std::string>().c_str(), fallback);
}

const char* shapeName(PointShape s) {
  switch (s) {
    case PointShape::Square: return "square";
    case PointShape::Triangle: return "triangle";
    case PointShape::Diamond: return "diamond";
    case PointShape::Star: return "star";
    case PointShape::Circle: break;
  }
  return "circle";
}

PointShape shape(const std::string& s, PointShape fallback) {
  for (auto p : {PointShape::Circle, PointShape::Square, PointShape::Triangle, PointShape::Diamond, PointShape::Star})
    if (s == shapeName(p)) return p;
  return fallback;
}
}  // namespace

std::string hexColor(Rgba c) {
  return fmt::format("#{:02X}{:02X}{:02X}{:02X}", c.r, c.g, c.b, c.a);
}

LayerStyle styleFromJson(const nlohmann::json& st, LayerStyle s) {
  if (!st.is_object()) return s;
  s.fill = color(st, "fill", s.fill);
  s.stroke = color(st, "stroke", s.stroke);
  s.opacity = st.value("opacity", s.opacity);
  s.strokeWidthPx = st.value("stroke_width", s.strokeWidthPx);
  s.drawFill = st.value("draw_fill", s.drawFill);
  s.drawStroke = st.value("draw_stroke", s.drawStroke);
  s.visible = st.value("visible", s.visible);
  s.shape = shape(st.value("shape", std::string()), s.shape);
  s.pointSizePx = st.value("size", s.pointSizePx);
  s.labelField = st.value("label", s.labelField);
  s.labelFieldEn = st.value("label_en", s.labelFieldEn);
  s.labelPriority = st.value("label_priority", s.labelPriority);
  s.labelSizePx = st.value("label_size", s.labelSizePx);
  s.labelMinPpm = st.value("label_min_ppm", s.labelMinPpm);
  s.categoryField = st.value("category_field", s.categoryField);
  if (st.contains("categories")) {
    s.categories.clear();
    for (const auto& c : st["categories"])
      s.categories.push_back(
          {c.value("value", ""), color(c, "color", categoricalColor(s.categories.size())), c.value("visible", true)});
  }
  return s;
}

nlohmann::json styleToJson(const LayerStyle& s) {
  nlohmann::json cats = nlohmann::json::array();
  for (const auto& c : s.categories)
    cats.push_back({{"value", c.value}, {"color", hexColor(c.color)}, {"visible", c.visible}});
  return {{"fill", hexColor(s.fill)},
          {"stroke", hexColor(s.stroke)},
          {"opacity", s.opacity},
          {"stroke_width", s.strokeWidthPx},
          {"draw_fill", s.drawFill},
          {"draw_stroke", s.drawStroke},
          {"visible", s.visible},
          {"shape", shapeName(s.shape)},
          {"size", s.pointSizePx},
          {"label", s.labelField},
          {"label_en", s.labelFieldEn},
          {"label_priority", s.labelPriority},
          {"label_size", s.labelSizePx},
          {"label_min_ppm", s.labelMinPpm},
          {"category_field", s.categoryField},
          {"categories", cats}};
}

}  // namespace safetymap::io
