#include "io/style_json.hpp"

#include <algorithm>

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
  if (const auto& r = st.value("ramp", nlohmann::json()); r.is_object() && r.contains("stops")) {
    ColorRamp ramp;
    ramp.titleJa = r.value("title", s.ramp.titleJa);
    ramp.titleEn = r.value("title_en", s.ramp.titleEn);
    ramp.classed = r.value("classed", true);
    for (const auto& stop : r["stops"])
      if (stop.is_object() && stop.contains("value") && stop["value"].is_number())
        ramp.stops.push_back({stop["value"].get<double>(), color(stop, "color", Rgba{}), stop.value("label", ""),
                              stop.value("label_en", "")});
    std::sort(ramp.stops.begin(), ramp.stops.end(),
              [](const RampStop& a, const RampStop& b) { return a.value < b.value; });
    if (!ramp.stops.empty()) s.ramp = ramp;
  }
  return s;
}

nlohmann::json styleToJson(const LayerStyle& s) {
  nlohmann::json cats = nlohmann::json::array();
  for (const auto& c : s.categories)
    cats.push_back({{"value", c.value}, {"color", hexColor(c.color)}, {"visible", c.visible}});
  nlohmann::json ramp;
  if (!s.ramp.empty()) {
    ramp = {{"title", s.ramp.titleJa}, {"title_en", s.ramp.titleEn}, {"classed", s.ramp.classed}};
    for (const auto& stop : s.ramp.stops)
      ramp["stops"].push_back(
          {{"value", stop.value}, {"color", hexColor(stop.color)}, {"label", stop.labelJa}, {"label_en", stop.labelEn}});
  }
  return {{"fill", hexColor(s.fill)},
          {"ramp", ramp},
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
