#pragma once
// Layer styles as JSON: the manifest (geodata/layers.json) and the project file use the same keys.
#include <nlohmann/json.hpp>

#include "core/layer.hpp"

namespace safetymap::io {

LayerStyle styleFromJson(const nlohmann::json& j, LayerStyle base);
nlohmann::json styleToJson(const LayerStyle& s);
std::string hexColor(Rgba c);  // "#RRGGBBAA"

}  // namespace safetymap::io
