#include "core/layer.hpp"

#include <algorithm>
#include <array>
#include <atomic>

#include "core/palette.hpp"

namespace safetymap {

namespace {
constexpr std::array<std::pair<LayerRole, const char*>, 15> kRoleKeys{{
    {LayerRole::Other, "other"},
    {LayerRole::Neighbours, "neighbours"},
    {LayerRole::Ward, "ward"},
    {LayerRole::Roads, "roads"},
    {LayerRole::Chome, "chome"},
    {LayerRole::Districts, "districts"},
    {LayerRole::Shelters, "shelters"},
    {LayerRole::TsunamiBuildings, "tsunami_buildings"},
    {LayerRole::SafetyCentres, "safety_centres"},
    {LayerRole::Crimes, "crimes"},
    {LayerRole::WalkNetwork, "walk_network"},
    {LayerRole::Buildings, "buildings"},
    {LayerRole::Facilities, "facilities"},
    {LayerRole::TsunamiDepth, "tsunami_depth"},
    {LayerRole::BaseImage, "base_image"},
}};
}  // namespace

const char* roleKey(LayerRole role) {
  for (auto& [r, k] : kRoleKeys)
    if (r == role) return k;
  return "other";
}

std::optional<LayerRole> roleFromKey(const std::string& key) {
  for (auto& [r, k] : kRoleKeys)
    if (key == k) return r;
  return std::nullopt;
}

std::uint64_t Layer::nextVersion() {
  static std::atomic<std::uint64_t> counter{1};
  return counter++;
}

bool isTruthy(const std::string& v) {
  return v == "1" || v == "true" || v == "TRUE" || v == "True" || v == "yes";
}

int Layer::fieldIndex(const std::string& name) const {
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == name) return static_cast<int>(i);
  return -1;
}

const std::string* Layer::value(const Feature& f, const std::string& field) const {
  int i = fieldIndex(field);
  if (i < 0 || static_cast<size_t>(i) >= f.values.size()) return nullptr;
  return &f.values[static_cast<size_t>(i)];
}

Bounds Layer::bounds() const {
  Bounds b;
  for (const auto& f : features) b.add(f.geometry.bounds());
  return b;
}

GeometryType Layer::geometryType() const {
  for (const auto& f : features)
    if (f.geometry.type != GeometryType::None) return f.geometry.type;
  return GeometryType::None;
}

int Layer::approximateCount() const {
  int i = fieldIndex("approximate");
  if (i < 0) return 0;
  return static_cast<int>(std::count_if(features.begin(), features.end(), [&](const Feature& f) {
    return static_cast<size_t>(i) < f.values.size() && isTruthy(f.values[static_cast<size_t>(i)]);
  }));
}

void Layer::assignCategories() {
  int fi = style.categoryField.empty() ? -1 : fieldIndex(style.categoryField);
  for (auto& f : features) {
    f.category = -1;
    if (fi < 0 || static_cast<size_t>(fi) >= f.values.size()) continue;
    const std::string& v = f.values[static_cast<size_t>(fi)];
    auto it =
        std::find_if(style.categories.begin(), style.categories.end(), [&](const Category& c) { return c.value == v; });
    if (it == style.categories.end()) {
      style.categories.push_back({v, categoricalColor(style.categories.size()), true});
      it = style.categories.end() - 1;
    }
    f.category = static_cast<int>(it - style.categories.begin());
  }
}

}  // namespace safetymap
