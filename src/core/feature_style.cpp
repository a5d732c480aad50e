#include "core/feature_style.hpp"

namespace safetymap {

Rgba categoryColour(const LayerStyle& s, int category) {
  return category >= 0 && static_cast<std::size_t>(category) < s.categories.size()
             ? s.categories[static_cast<std::size_t>(category)].color
             : s.fill;
}

Rgba featureColour(const Layer& layer, std::size_t i, const Project& project) {
  const LayerStyle& s = layer.style;
  if (i < s.featureFills.size()) return s.featureFills[i];
  if (layer.role == LayerRole::Districts && i < project.districts().size()) return project.districts()[i].fill;
  if (layer.role == LayerRole::Chome) return {s.fill.r, s.fill.g, s.fill.b, 0};
  return i < layer.features.size() ? categoryColour(s, layer.features[i].category) : s.fill;
}

}  // namespace safetymap
