#include "io/qml_style.hpp"

#include <fmt/format.h>

namespace safetymap::io {

namespace {

std::string xmlText(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;  // not allowed in XML 1.0
        out += static_cast<char>(c);
    }
  }
  return out;
}

std::string rgba(Rgba c) {
  return fmt::format("{},{},{},{}", c.r, c.g, c.b, c.a);
}

std::string option(const char* name, const std::string& value) {
  return fmt::format("<Option type=\"QString\" name=\"{}\" value=\"{}\"/>", name, xmlText(value));
}

const char* markerName(PointShape s) {
  switch (s) {
    case PointShape::Square: return "square";
    case PointShape::Triangle: return "triangle";
    case PointShape::Diamond: return "diamond";
    case PointShape::Star: return "star";
    default: return "circle";
  }
}

// One symbol in the layer's geometry with this fill. Sizes are in pixels, as on safetymap's screen.
std::string symbol(const Layer& l, const std::string& name, Rgba fill) {
  const LayerStyle& s = l.style;
  const GeometryType type = l.geometryType();
  std::string body;
  if (type == GeometryType::Point) {
    body = "<layer class=\"SimpleMarker\" enabled=\"1\" locked=\"0\" pass=\"0\"><Option type=\"Map\">" +
           option("name", markerName(s.shape)) + option("color", rgba(fill)) + option("outline_color", rgba(s.stroke)) +
           option("outline_width", fmt::format("{}", s.strokeWidthPx)) + option("outline_width_unit", "Pixel") +
           option("size", fmt::format("{}", s.pointSizePx)) + option("size_unit", "Pixel") + "</Option></layer>";
    return fmt::format(
        "<symbol type=\"marker\" name=\"{}\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">{}</symbol>", name, body);
  }
  if (type == GeometryType::Line) {
    body = "<layer class=\"SimpleLine\" enabled=\"1\" locked=\"0\" pass=\"0\"><Option type=\"Map\">" +
           option("line_color", rgba(s.stroke)) + option("line_width", fmt::format("{}", s.strokeWidthPx)) +
           option("line_width_unit", "Pixel") + "</Option></layer>";
    return fmt::format("<symbol type=\"line\" name=\"{}\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">{}</symbol>",
                       name, body);
  }
  Rgba f = fill;
  if (!s.drawFill) f.a = 0;
  body = "<layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\"><Option type=\"Map\">" +
         option("color", rgba(f)) + option("style", s.drawFill ? "solid" : "no") +
         option("outline_color", rgba(s.stroke)) + option("outline_style", s.drawStroke ? "solid" : "no") +
         option("outline_width", fmt::format("{}", s.strokeWidthPx)) + option("outline_width_unit", "Pixel") +
         "</Option></layer>";
  return fmt::format("<symbol type=\"fill\" name=\"{}\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">{}</symbol>",
                     name, body);
}

}  // namespace

std::string qmlStyle(const Layer& l) {
  const LayerStyle& s = l.style;
  std::string renderer;
  if (!s.categoryField.empty() && !s.categories.empty()) {
    std::string categories, symbols;
    for (size_t i = 0; i < s.categories.size(); ++i) {
      const auto& c = s.categories[i];
      categories += fmt::format("<category symbol=\"{}\" value=\"{}\" label=\"{}\" render=\"{}\"/>", i,
                                xmlText(c.value), xmlText(c.value), c.visible ? "true" : "false");
      symbols += symbol(l, std::to_string(i), c.color);
    }
    renderer = fmt::format(
        "<renderer-v2 type=\"categorizedSymbol\" attr=\"{}\" symbollevels=\"0\" enableorderby=\"0\" "
        "forceraster=\"0\"><categories>{}</categories><symbols>{}</symbols><source-symbol>{}</source-symbol>"
        "</renderer-v2>",
        xmlText(s.categoryField), categories, symbols, symbol(l, "0", s.fill));
  } else {
    renderer = "<renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\"><symbols>" +
               symbol(l, "0", s.fill) + "</symbols></renderer-v2>";
  }
  std::string labeling;
  if (!s.labelField.empty())
    labeling = fmt::format(
        "<labeling type=\"simple\"><settings calloutType=\"simple\"><text-style fieldName=\"{}\" fontSize=\"{}\" "
        "fontSizeUnit=\"Pixel\" fontFamily=\"Noto Sans CJK JP\" textColor=\"40,40,40,255\" isExpression=\"0\"/>"
        "<text-buffer bufferDraw=\"1\" bufferSize=\"1\" bufferSizeUnits=\"MM\" bufferColor=\"255,255,255,255\"/>"
        "<placement placement=\"1\"/><rendering scaleVisibility=\"0\" priority=\"{}\"/></settings></labeling>",
        xmlText(s.labelField), s.labelSizePx, std::min(10, std::max(0, s.labelPriority)));
  return fmt::format(
      "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version=\"3.22.16-Białowieża\" "
      "styleCategories=\"Symbology|Labeling|Rendering\" hasScaleBasedVisibilityFlag=\"0\">{}{}"
      "<layerOpacity>{}</layerOpacity><blendMode>0</blendMode><featureBlendMode>0</featureBlendMode>"
      "<labelsEnabled>{}</labelsEnabled></qgis>\n",
      renderer, labeling, s.opacity, labeling.empty() ? 0 : 1);
}

}  // namespace safetymap::io
