#include "core/edit_history.hpp"

#include <algorithm>

namespace safetymap {

bool EditHistory::run(Project& p, const Edit& e, bool forward) {
  if (e.kind == Edit::Kind::SetActivity) {
    p.activities.set(e.activity, e.district, forward ? e.statusAfter : e.statusBefore);
    return true;
  }
  if (e.kind == Edit::Kind::ReplaceLayer) {
    const auto& from = forward ? e.layerBefore : e.layerAfter;
    const auto& to = forward ? e.layerAfter : e.layerBefore;
    if (from && !p.layer(e.layerId)) return false;
    // By id: the layer may have been copied since (copy on write) and edited after.
    return p.replaceLayer(e.layerId, to);
  }
  if (e.kind == Edit::Kind::MoveLayer) {  // the order only: the layer itself is not copied
    if (!p.layer(e.layerId)) return false;
    p.moveLayer(e.layerId, forward ? e.steps : -e.steps);
    return true;
  }
  Layer* l = p.edit(e.layerId);
  if (!l) return false;
  if (e.kind == Edit::Kind::SetStyle) {
    LayerStyle next = forward ? e.styleAfter : e.styleBefore;
    // What analysis paints (the choropleth's classes, the activity fills) stays as it is now.
    next.classedFill = l->style.classedFill;
    next.featureFills = l->style.featureFills;
    next.drawFill = l->style.drawFill;
    l->style = std::move(next);
    if (!l->style.categoryField.empty()) l->assignCategories();  // categories found since keep their place
    l->touchStyle();
    return true;
  }
  auto& fs = l->features;
  const bool in = e.feature >= 0 && static_cast<size_t>(e.feature) < fs.size();
  switch (e.kind) {
    case Edit::Kind::AddFeature:
      if (forward) {
        if (e.feature < 0 || static_cast<size_t>(e.feature) > fs.size()) return false;
        fs.insert(fs.begin() + e.feature, e.after);
      } else {
        if (!in) return false;
        fs.erase(fs.begin() + e.feature);
      }
      break;
    case Edit::Kind::DeleteFeature:
      if (forward) {
        if (!in) return false;
        fs.erase(fs.begin() + e.feature);
      } else {
        if (e.feature < 0 || static_cast<size_t>(e.feature) > fs.size()) return false;
        fs.insert(fs.begin() + e.feature, e.before);
      }
      break;
    case Edit::Kind::MoveFeature:
    case Edit::Kind::SetValue:
      if (!in) return false;
      fs[static_cast<size_t>(e.feature)] = forward ? e.after : e.before;
      break;
    case Edit::Kind::SetActivity:
    case Edit::Kind::ReplaceLayer:
    case Edit::Kind::SetStyle:
    case Edit::Kind::MoveLayer: break;
  }
  // The selection points at features by index: an add or delete shifts them.
  if ((e.kind == Edit::Kind::AddFeature || e.kind == Edit::Kind::DeleteFeature) && p.selection.layerId == e.layerId)
    p.selection = {};
  if (l->style.categoryField.size()) l->assignCategories();
  l->touchData();
  return true;
}

bool EditHistory::apply(Project& p, Edit e) {
  if (!run(p, e, true)) return false;
  if (e.gesture != 0 && position_ == edits_.size() && position_ > 0 && savedPosition_ != position_) {
    Edit& last = edits_[position_ - 1];
    if (last.gesture == e.gesture && last.kind == e.kind && last.layerId == e.layerId && last.label == e.label) {
      last.styleAfter = std::move(e.styleAfter);  // the same drag: one step from where it began
      ++version_;
      return true;
    }
  }
  edits_.resize(position_);
  if (savedPosition_ > position_) savedPosition_ = static_cast<size_t>(-1);  // the saved state is gone for good
  edits_.push_back(std::move(e));
  ++position_;
  ++version_;
  return true;
}

bool EditHistory::undo(Project& p) {
  if (!canUndo() || !run(p, edits_[position_ - 1], false)) return false;
  --position_;
  ++version_;
  return true;
}

bool EditHistory::redo(Project& p) {
  if (!canRedo() || !run(p, edits_[position_], true)) return false;
  ++position_;
  ++version_;
  return true;
}

void EditHistory::clear() {
  edits_.clear();
  position_ = savedPosition_ = 0;
  ++version_;
}

Edit addFeatureEdit(const Layer& l, Feature f, std::string label) {
  Edit e;
  e.kind = Edit::Kind::AddFeature;
  e.layerId = l.id;
  e.feature = static_cast<int>(l.features.size());
  f.values.resize(l.fields.size());
  e.after = std::move(f);
  e.label = std::move(label);
  return e;
}

Edit moveFeatureEdit(const Layer& l, int i, Vec2 to) {
  Edit e;
  e.kind = Edit::Kind::MoveFeature;
  e.layerId = l.id;
  e.feature = i;
  e.before = e.after = l.features[static_cast<size_t>(i)];
  e.after.geometry.type = GeometryType::Point;
  e.after.geometry.points = {to};
  e.label = "move";
  return e;
}

Edit deleteFeatureEdit(const Layer& l, int i) {
  Edit e;
  e.kind = Edit::Kind::DeleteFeature;
  e.layerId = l.id;
  e.feature = i;
  e.before = l.features[static_cast<size_t>(i)];
  e.label = "delete";
  return e;
}

Edit setValueEdit(const Layer& l, int i, int field, std::string value) {
  Edit e;
  e.kind = Edit::Kind::SetValue;
  e.layerId = l.id;
  e.feature = i;
  e.field = field;
  // No such feature or field: an edit that applies to nothing (apply refuses it) rather than a write out of range.
  if (i < 0 || static_cast<size_t>(i) >= l.features.size() || field < 0 ||
      static_cast<size_t>(field) >= l.fields.size()) {
    e.layerId.clear();
    return e;
  }
  e.before = e.after = l.features[static_cast<size_t>(i)];
  e.after.values.resize(l.fields.size());
  e.after.values.set(static_cast<size_t>(field), value);
  e.label = "edit " + l.fields[static_cast<size_t>(field)].name;
  return e;
}

Edit setStyleEdit(const Layer& l, LayerStyle after, std::string label, double gesture) {
  Edit e;
  e.kind = Edit::Kind::SetStyle;
  e.layerId = l.id;
  e.styleBefore = l.style;
  e.styleAfter = std::move(after);
  e.label = std::move(label);
  e.gesture = gesture;
  return e;
}

Edit moveLayerEdit(const Layer& l, int steps) {
  Edit e;
  e.kind = Edit::Kind::MoveLayer;
  e.layerId = l.id;
  e.steps = steps;
  e.label = "move layer";
  return e;
}

Edit removeLayerEdit(const std::shared_ptr<const Layer>& l) {
  Edit e;
  e.kind = Edit::Kind::ReplaceLayer;
  e.layerId = l->id;
  e.layerBefore = l;
  e.label = "remove layer";
  return e;
}

}  // namespace safetymap
