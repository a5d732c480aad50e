#include "core/project.hpp"

#include <algorithm>
#include <atomic>

namespace safetymap {

bool isContextRole(LayerRole role) {
  return role == LayerRole::Neighbours || role == LayerRole::Ward || role == LayerRole::Roads ||
         role == LayerRole::WalkNetwork || role == LayerRole::Chome || role == LayerRole::Districts ||
         role == LayerRole::Buildings || role == LayerRole::Facilities || role == LayerRole::TsunamiDepth ||
         role == LayerRole::BaseImage;
}

int roleDrawRank(LayerRole role) {
  switch (role) {
    case LayerRole::BaseImage: return -1;  // under everything
    case LayerRole::Neighbours: return 0;
    case LayerRole::Ward: return 1;
    case LayerRole::Roads: return 2;
    case LayerRole::WalkNetwork: return 2;
    case LayerRole::TsunamiDepth: return 3;  // the hazard over the streets, under the district outlines
    case LayerRole::Chome: return 3;
    case LayerRole::Districts: return 3;
    case LayerRole::Buildings: return 4;
    case LayerRole::Facilities: return 5;
    case LayerRole::Other: return 4;
    case LayerRole::Shelters: return 5;
    case LayerRole::TsunamiBuildings: return 6;
    case LayerRole::Crimes: return 7;
    case LayerRole::SafetyCentres: return 8;
  }
  return 4;
}

const Layer* Project::layer(const std::string& id) const {
  for (const auto& l : layers_)
    if (l->id == id) return l.get();
  return nullptr;
}

Layer* Project::edit(std::size_t i) {
  auto& l = layers_[i];
  if (l.use_count() > 1) {
    l = std::make_shared<Layer>(*l);  // another holds it (a job's copy): change our own
  } else {
    // Alone now: another thread may just have let go of it. Its release of the count comes before our writes
    // only with an acquire here (use_count() reads relaxed).
    std::atomic_thread_fence(std::memory_order_acquire);
  }
  return const_cast<Layer*>(l.get());  // made as a Layer (addLayer, above), never as a const one
}

std::shared_ptr<Layer> Project::editShared(std::size_t i) {
  Layer* l = edit(i);
  return std::shared_ptr<Layer>(layers_[i], l);  // the same object and owner, seen as changeable
}

void Project::setVisible(std::size_t i, bool visible) {
  if (layers_[i]->style.visible == visible) return;
  Layer* l = edit(i);
  l->style.visible = visible;
  l->touchStyle();
}

Layer* Project::edit(const std::string& id) {
  for (size_t i = 0; i < layers_.size(); ++i)
    if (layers_[i]->id == id) return edit(i);
  return nullptr;
}

Layer* Project::editByRole(LayerRole role) {
  for (size_t i = 0; i < layers_.size(); ++i)
    if (layers_[i]->role == role) return edit(i);
  return nullptr;
}

bool Project::replaceLayer(const std::string& id, std::shared_ptr<const Layer> to) {
  auto it = std::find_if(layers_.begin(), layers_.end(), [&](const auto& l) { return l->id == id; });
  if (selection.layerId == id) selection = {};
  if (it == layers_.end()) {
    if (!to) return false;
    insertByRole(std::move(to));
  } else if (to) {
    *it = std::move(to);
  } else {
    layers_.erase(it);
  }
  return true;
}

const Layer* Project::layerByRole(LayerRole role) const {
  for (const auto& l : layers_)
    if (l->role == role) return l.get();
  return nullptr;
}

std::string Project::uniqueLayerId(const std::string& base) const {
  std::string id = base.empty() ? "layer" : base;
  for (int n = 2; layer(id); ++n) id = base + "-" + std::to_string(n);
  return id;
}

void Project::addLayer(std::shared_ptr<Layer> l) {
  l->id = uniqueLayerId(l->id);
  insertByRole(std::move(l));
}

void Project::insertByRole(std::shared_ptr<const Layer> l) {
  if (l->role == LayerRole::Other && !l->isRaster()) {  // a user's file goes on top
    layers_.push_back(std::move(l));
    return;
  }
  // A user's raster without a role goes with the hazard, over the streets: on top it would hide everything.
  int rank = l->role == LayerRole::Other ? roleDrawRank(LayerRole::TsunamiDepth) : roleDrawRank(l->role);
  auto it = std::find_if(layers_.begin(), layers_.end(),
                         [&](const auto& o) { return o->role != LayerRole::Other && roleDrawRank(o->role) > rank; });
  layers_.insert(it, std::move(l));
}

void Project::replaceRoleLayer(std::shared_ptr<Layer> l) {
  for (auto& o : layers_)
    if (o->role == l->role && l->role != LayerRole::Other) {
      l->id = o->id;
      if (selection.layerId == o->id) selection = {};
      o = std::move(l);
      return;
    }
  addLayer(std::move(l));
}

void Project::removeLayer(const std::string& id) {
  if (selection.layerId == id) selection = {};
  std::erase_if(layers_, [&](const auto& l) { return l->id == id; });
}

void Project::moveLayer(const std::string& id, int delta) {
  auto it = std::find_if(layers_.begin(), layers_.end(), [&](const auto& l) { return l->id == id; });
  if (it == layers_.end()) return;
  auto i = it - layers_.begin();
  auto j = std::clamp<decltype(i)>(i + delta, 0, static_cast<decltype(i)>(layers_.size()) - 1);
  if (i != j) std::swap(layers_[static_cast<size_t>(i)], layers_[static_cast<size_t>(j)]);
}

int Project::findDistrict(const std::string& name) const {
  for (size_t i = 0; i < districts_.size(); ++i) {
    const auto& d = districts_[i];
    if (name == d.nameJa || name == d.nameEn || name == d.nameJa + "地域" ||
        (d.nameEn.size() == name.size() && std::equal(name.begin(), name.end(), d.nameEn.begin(), [](char a, char b) {
           return std::tolower(a) == std::tolower(b);
         })))
      return static_cast<int>(i);
  }
  return -1;
}

Geometry Project::wardArea() const {
  Geometry g;
  if (const Layer* w = layerByRole(LayerRole::Ward)) {
    g.type = GeometryType::Polygon;
    for (const auto& f : w->features)
      for (const auto& poly : f.geometry.polygons) g.polygons.push_back(poly);
  }
  return g;
}

Bounds Project::wardBounds() const {
  if (const Layer* w = layerByRole(LayerRole::Ward); w && !w->features.empty()) return w->bounds();
  if (const Layer* d = layerByRole(LayerRole::Districts); d && !d->features.empty()) return d->bounds();
  Bounds b;
  for (const auto& l : layers_)
    if (l->role != LayerRole::Neighbours && l->role != LayerRole::Roads) b.add(l->bounds());
  return b;
}

bool Project::passesFilter(const Layer& l, const Feature& f) const {
  if (selectedDistrict < 0 || isContextRole(l.role)) return true;
  return f.district == selectedDistrict;
}

std::string Project::displayName(const Layer& l) const {
  if (lang == Lang::En && !l.nameEn.empty()) return l.nameEn;
  return l.nameJa.empty() ? l.id : l.nameJa;
}

std::string Project::districtName(int i) const {
  if (i < 0 || static_cast<size_t>(i) >= districts_.size()) return tr(lang, "inspector.outside");
  const auto& d = districts_[static_cast<size_t>(i)];
  return lang == Lang::En && !d.nameEn.empty() ? d.nameEn : d.nameJa;
}

std::string Project::label(const Layer& l, const Feature& f) const {
  const std::string* v = nullptr;
  if (lang == Lang::En && !l.style.labelFieldEn.empty()) v = l.value(f, l.style.labelFieldEn);
  if ((!v || v->empty()) && !l.style.labelField.empty()) v = l.value(f, l.style.labelField);
  return v ? *v : std::string();
}

std::string Project::unknownDistrictMessage(const std::string& name) const {
  std::string names;
  for (const auto& d : districts_) names += " " + d.nameJa + "(" + d.nameEn + ")";
  return "unknown district '" + name + "'; the districts are:" + names;
}

}  // namespace safetymap
