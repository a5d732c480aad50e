#pragma once
// What a layer is besides its features (id, names, role, style, provenance) as JSON: the project file and the
// shared store keep it beside the layer's table in the same form.
#include <nlohmann/json.hpp>

#include "core/layer.hpp"

namespace safetymap::io {

nlohmann::json layerMeta(const Layer& layer);
// Sets the layer's id, names, role, style and provenance from its metadata (missing keys keep what it has).
void applyLayerMeta(Layer& layer, const nlohmann::json& meta);

}  // namespace safetymap::io
