#include "ui/map_view.hpp"

#include <GLFW/glfw3.h>

#include <cmath>

#include "io/crs.hpp"

namespace safetymap::ui {

bool isPickable(const Layer& l) {
  return l.style.visible && l.role != LayerRole::Roads && l.role != LayerRole::Ward;
}

std::optional<Selection> MapView::pickAt(const Project& p, const Camera& camera, const Rect& map, ImVec2 w, bool wait) {
  Vec2 world = camera.screenToWorld({w.x - map.x, w.y - map.y});
  const auto& layers = p.layers();
  for (auto it = layers.rbegin(); it != layers.rend(); ++it) {  // topmost first
    const Layer& l = **it;
    if (!isPickable(l) || l.features.empty()) continue;
    auto& entry = indexes_[l.id];
    if (entry.version != l.dataVersion) {
      // A layer is never changed in place (edits make a new copy), so the thread reads the one it was given.
      auto build = [layer = *it] {
        auto idx = std::make_shared<analysis::PickIndex>();
        idx->build(*layer);
        return std::shared_ptr<const analysis::PickIndex>(idx);
      };
      constexpr std::size_t kBuildApart = 20000;  // smaller layers are indexed at once (well under a millisecond)
      entry.version = l.dataVersion;
      entry.built = std::async(l.features.size() < kBuildApart ? std::launch::deferred : std::launch::async, build);
    }
    if (!wait && entry.built.wait_for(std::chrono::seconds(0)) == std::future_status::timeout)
      return std::nullopt;  // not indexed yet: no hover rather than a feature under the one being indexed
    const analysis::PickIndex& idx = *entry.built.get();
    double tol = (l.style.pointSizePx * 0.5 + 3.0) / camera.pixelsPerMetre();
    auto hit = idx.pick(l, world, tol, [&](const Feature& f) {
      if (!p.passesFilter(l, f)) return false;
      if (f.category >= 0 && static_cast<size_t>(f.category) < l.style.categories.size() &&
          !l.style.categories[static_cast<size_t>(f.category)].visible)
        return false;
      return true;
    });
    if (hit) return Selection{l.id, *hit};
  }
  return std::nullopt;
}

void MapView::tooltip(PanelContext& c, const Selection& s) {
  const Layer* l = c.project.layer(s.layerId);
  if (!l || static_cast<size_t>(s.feature) >= l->features.size()) return;
  const Feature& f = l->features[static_cast<size_t>(s.feature)];
  ImGui::BeginTooltip();
  std::string label = c.project.label(*l, f);
  if (l->role == LayerRole::Crimes) {
    const std::string* modus = l->value(f, "手口");
    const std::string* date = l->value(f, "発生年月日（始期）");
    label = (modus ? dataValueName(*modus, c.project.lang) : "") + (date ? "  " + *date : "");
  }
  if (!label.empty()) ImGui::TextUnformatted(label.c_str());
  ImGui::TextDisabled("%s", c.project.displayName(*l).c_str());
  if (l->role != LayerRole::Districts && l->role != LayerRole::Neighbours)
    ImGui::TextDisabled("%s: %s", tr(c.project.lang, "inspector.district"), c.project.districtName(f.district).c_str());
  if (const std::string* a = l->value(f, "approximate"); a && isTruthy(*a))
    ImGui::TextColored(ImVec4(0.7f, 0.35f, 0, 1), "%s", tr(c.project.lang, "legend.approximate"));
  ImGui::EndTooltip();
}

void MapView::update(PanelContext& c, Camera& camera) {
  ImGuiIO& io = ImGui::GetIO();
  const Rect& map = c.ui.map;
  ImVec2 mouse = io.MousePos;
  bool overMap = map.contains(mouse) && !io.WantCaptureMouse;
  c.ui.cursorWorld.reset();
  if (overMap) c.ui.cursorWorld = camera.screenToWorld({mouse.x - map.x, mouse.y - map.y});

  // Wheel: zoom about the cursor, 1.25× per notch.
  if (overMap && io.MouseWheel != 0)
    camera.zoomAt({mouse.x - map.x, mouse.y - map.y}, std::pow(1.25, static_cast<double>(io.MouseWheel)));

  // Drag to pan (or, with the Move tool, to move the selected point); a press released without moving is a click.
  const Layer* selLayer = c.project.selection.valid() ? c.project.layer(c.project.selection.layerId) : nullptr;
  // Positions of the press and the release as they happened (a slow frame can hold all of a click or drag).
  const ImVec2 pressedAt(static_cast<float>(c.ui.leftPressAt.x), static_cast<float>(c.ui.leftPressAt.y));
  const ImVec2 releasedAt(static_cast<float>(c.ui.leftReleaseAt.x), static_cast<float>(c.ui.leftReleaseAt.y));
  if (overMap && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    pressPos_ = dragLast_ = map.contains(pressedAt) ? pressedAt : mouse;
    dragging_ = true;
    movingFeature_ = false;
    if (c.ui.tool == UiState::Tool::Move && selLayer && isEditable(*selLayer)) {
      const Feature& f = selLayer->features[static_cast<size_t>(c.project.selection.feature)];
      if (!f.geometry.points.empty()) {
        Vec2 s = camera.worldToScreen(f.geometry.points.front());
        movingFeature_ = std::hypot(s.x + map.x - mouse.x, s.y + map.y - mouse.y) < selLayer->style.pointSizePx + 6;
      }
    }
  }
  if (dragging_ && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    // Not io.MouseDelta: on a slow frame the move onto the spot and the press arrive together, and the map
    // must not jump by the move that came before the press.
    ImVec2 d(mouse.x - dragLast_.x, mouse.y - dragLast_.y);
    dragLast_ = mouse;
    if (movingFeature_) {  // a ghost of the point follows the hand until it is dropped
      ImDrawList* dl = ImGui::GetForegroundDrawList();
      dl->AddCircle(mouse, selLayer ? selLayer->style.pointSizePx : 8, IM_COL32(213, 94, 0, 255), 20, 2.5f);
      dl->AddLine(pressPos_, mouse, IM_COL32(213, 94, 0, 160), 1.5f);
    } else if (d.x != 0 || d.y != 0) {
      camera.panPixels(d.x, d.y);
    }
  }
  if (dragging_ && ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
    dragging_ = false;
    mouse = releasedAt;  // where the button came up, not where the cursor is now
    if (!movingFeature_ && (mouse.x != dragLast_.x || mouse.y != dragLast_.y))
      camera.panPixels(mouse.x - dragLast_.x, mouse.y - dragLast_.y);  // the part of the drag no frame saw
    float moved = std::hypot(mouse.x - pressPos_.x, mouse.y - pressPos_.y);
    Vec2 world = camera.screenToWorld({mouse.x - map.x, mouse.y - map.y});
    if (movingFeature_ && moved >= 2 && selLayer) {
      c.ui.requestEdits.push_back(moveFeatureEdit(*selLayer, c.project.selection.feature, world));
    } else if (moved < 4 && map.contains(mouse) && c.ui.tool == UiState::Tool::Add) {
      if (const Layer* target = c.project.layer(c.ui.addLayerId); target && isEditable(*target)) {
        Edit e = addFeatureEdit(*target, newFeatureAt(c.project, *target, world, c.ui.addCategory), "add");
        c.ui.requestSelect = Selection{target->id, e.feature};
        c.ui.requestEdits.push_back(std::move(e));
      }
    } else if (moved < 4 && map.contains(mouse)) {
      auto hit = pickAt(c.project, camera, map, mouse, true);
      c.project.selection = hit.value_or(Selection{});
      c.ui.selectionVersion++;
    }
    movingFeature_ = false;
  }
  // Delete removes the selected feature of an editable layer.
  if (!io.WantTextInput && selLayer && isEditable(*selLayer) &&
      (c.ui.keyPressed(GLFW_KEY_DELETE) || c.ui.keyPressed(GLFW_KEY_BACKSPACE)))
    c.ui.requestEdits.push_back(deleteFeatureEdit(*selLayer, c.project.selection.feature));

  // Keyboard: + / − zoom about the centre, arrows pan, Home fits the ward.
  if (!io.WantCaptureKeyboard) {
    Vec2 centre{map.w / 2.0, map.h / 2.0};
    const int in =
        c.ui.keyCount(GLFW_KEY_EQUAL) + c.ui.keyCount(GLFW_KEY_EQUAL, GLFW_MOD_SHIFT) + c.ui.keyCount(GLFW_KEY_KP_ADD);
    const int out = c.ui.keyCount(GLFW_KEY_MINUS) + c.ui.keyCount(GLFW_KEY_KP_SUBTRACT);
    if (in != out) camera.zoomAt(centre, std::pow(1.5, in - out));
    double step = 120;
    const int dx = c.ui.keyCount(GLFW_KEY_LEFT) - c.ui.keyCount(GLFW_KEY_RIGHT);
    const int dy = c.ui.keyCount(GLFW_KEY_UP) - c.ui.keyCount(GLFW_KEY_DOWN);
    if (dx != 0 || dy != 0) camera.panPixels(step * dx, step * dy);
    if (c.ui.keyPressed(GLFW_KEY_HOME)) c.ui.requestFit = true;
    if (c.ui.keyPressed(GLFW_KEY_ESCAPE)) {
      c.project.selection = {};
      c.ui.selectionVersion++;
    }
  }

  // Hover: picked again only when the cursor moves or the view changes.
  c.ui.hovered = {};
  if (overMap && !dragging_ && !c.ui.screenshotMode) {
    bool moved = mouse.x != lastMouse_.x || mouse.y != lastMouse_.y || !camera.settled();
    if (moved) hoverCache_ = pickAt(c.project, camera, map, mouse, false);
    lastMouse_ = mouse;
    if (hoverCache_) {
      c.ui.hovered = *hoverCache_;
      tooltip(c, *hoverCache_);
    }
  } else {
    lastMouse_ = {-1, -1};
  }
}

}  // namespace safetymap::ui
