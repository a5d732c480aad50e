#pragma once
// Every change a user makes to the project (add, move, delete a feature, change an attribute, a district's drill
// status, import into a layer, a layer's style, its place in the list, removing it) as one typed, reversible step:
// undo and redo walk the list; "unsaved" is a position in it. Panels never change the project themselves: they
// make an Edit and the edit room applies it here.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/project.hpp"

namespace safetymap {

struct Edit {
  enum class Kind {
    AddFeature,
    DeleteFeature,
    MoveFeature,
    SetValue,
    SetActivity,
    ReplaceLayer,  // an import (before → after), or a removal (after = null)
    SetStyle,      // what the user set: visibility, opacity, colours, sizes, categories shown
    MoveLayer      // up (+steps) or down the drawing order
  } kind = Kind::SetValue;
  std::string layerId;
  int feature = -1;       // index in the layer
  Feature before, after;  // Add: after; Delete: before; Move / SetValue: both
  int field = -1;         // SetValue
  std::string district;   // SetActivity
  ActivityKind activity = ActivityKind::Drill;
  ActivityStatus statusBefore = ActivityStatus::NotRecorded, statusAfter = ActivityStatus::NotRecorded;
  std::shared_ptr<const Layer> layerBefore, layerAfter;  // ReplaceLayer (an import): null = no such layer
  LayerStyle styleBefore, styleAfter;              // SetStyle
  int steps = 0;                                   // MoveLayer
  std::string label;                               // what the user did, for the Edit menu
  // One gesture (a slider dragged, a colour picked) makes many edits of the same label: they merge into one step.
  // 0 = a step of its own.
  double gesture = 0;
};

class EditHistory {
 public:
  // Applies the edit to the project and records it (dropping anything that was undone). False if it
  // does not apply (no such layer or feature).
  bool apply(Project& project, Edit edit);
  bool undo(Project& project);
  bool redo(Project& project);
  bool canUndo() const { return position_ > 0; }
  bool canRedo() const { return position_ < edits_.size(); }
  const Edit* nextUndo() const { return canUndo() ? &edits_[position_ - 1] : nullptr; }
  const Edit* nextRedo() const { return canRedo() ? &edits_[position_] : nullptr; }
  bool dirty() const { return position_ != savedPosition_; }
  void markSaved() { savedPosition_ = position_; }
  size_t position() const { return position_; }
  void markSavedAt(size_t position) { savedPosition_ = position; }  // a save that began at this position
  void clear();
  size_t size() const { return edits_.size(); }
  const Edit& at(size_t i) const { return edits_[i]; }  // the i-th step (i < size())
  std::uint64_t version() const { return version_; }  // changes with every apply, undo and redo

 private:
  static bool run(Project& p, const Edit& e, bool forward);
  std::vector<Edit> edits_;
  size_t position_ = 0;
  size_t savedPosition_ = 0;  // may point past the end once the saved state was undone and replaced
  std::uint64_t version_ = 0;
};

// Helpers that build edits with the current values filled in.
Edit addFeatureEdit(const Layer& layer, Feature feature, std::string label);
Edit moveFeatureEdit(const Layer& layer, int feature, Vec2 to);
Edit deleteFeatureEdit(const Layer& layer, int feature);
Edit setValueEdit(const Layer& layer, int feature, int field, std::string value);
Edit setStyleEdit(const Layer& layer, LayerStyle after, std::string label, double gesture = 0);
Edit moveLayerEdit(const Layer& layer, int steps);
Edit removeLayerEdit(const std::shared_ptr<const Layer>& layer);

}  // namespace safetymap
