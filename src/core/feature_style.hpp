#pragma once
// The one rule for a feature's colour, called by the renderer, the printout and the legend alike: a colour
// of its own (a choropleth class, a drill status) over its district's colour over its category's colour
// over the layer's fill. The 町丁目 are filled only by a choropleth.
#include <cstddef>

#include "core/project.hpp"

namespace safetymap {

Rgba categoryColour(const LayerStyle& style, int category);  // the layer's fill when there is no such category
Rgba featureColour(const Layer& layer, std::size_t feature, const Project& project);

}  // namespace safetymap
