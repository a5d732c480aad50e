// Raster layers on the map: a hazard or an aerial photo. Each visible raster gets a picture of the whole (from its
// overviews) and, once the camera rests, one of the view at screen resolution; both are painted off the UI thread
// and laid over the map as textures, so panning and zooming cost two quads a frame whatever the raster's size.
// The value under the cursor comes from the same pictures' values (no file read on the UI thread).
#include <fmt/format.h>

#include <cmath>
#include <map>

#include "core/raster.hpp"
#include "ui/room.hpp"

namespace safetymap::ui {

namespace {

constexpr int kWholeSide = 2048;  // the whole raster's picture, at most (a GL 3.3 texture is at least 4096)

// What a painting job hands back.
struct Painted {
  RgbaImage image;
  RasterGrid values;  // band 1, for the value under the cursor (empty for a colour image)
};

struct Slot {
  std::uint64_t style = 0;  // the style version painted (or being painted)
  Bounds extent;
  int w = 0, h = 0;
  std::uint64_t generation = 0;  // the newest request: an older job's result is dropped
  bool pending = false;
  RasterGrid values;
};

struct RasterState {
  std::shared_ptr<const RasterSource> source;  // a replaced layer of the same id starts over
  Slot whole, view;
};

bool sameBox(const Bounds& a, const Bounds& b) {
  return a.minx == b.minx && a.miny == b.miny && a.maxx == b.maxx && a.maxy == b.maxy;
}

std::optional<float> valueIn(const RasterGrid& g, Vec2 p) {
  if (g.empty() || !g.extent.contains(p)) return std::nullopt;
  const int x = std::min(g.width - 1, static_cast<int>((p.x - g.extent.minx) / g.cellWidth()));
  const int y = std::min(g.height - 1, static_cast<int>((g.extent.maxy - p.y) / g.cellHeight()));
  const float v = g.at(x, y);
  if (std::isnan(v)) return std::nullopt;
  return v;
}

class RasterRoom final : public Room {
 public:
  void poll(Workspace& ws) override {
    // The view rests when it is the same two frames running and no button is held: a drag or the frame benchmark
    // moves it every frame, and painting each of those views would only compete with the drawing.
    const Bounds view = ws.camera.visibleBounds();
    const bool held = ImGui::IsMouseDown(0) || ImGui::IsMouseDown(1) || ImGui::IsMouseDown(2);
    restingFrames_ = sameBox(view, lastView_) && ws.camera.settled() && !held ? restingFrames_ + 1 : 0;
    lastView_ = view;
    for (auto it = states_.begin(); it != states_.end();) {  // layers removed or replaced
      const Layer* l = ws.project.layer(it->first);
      it = l && l->raster == it->second.source ? std::next(it) : states_.erase(it);
    }
    ws.ui.raster.shown.clear();
    const bool clicked = ws.ui.cursorWorld && ImGui::GetIO().MouseReleased[0];
    ws.ui.raster.underCursor.clear();
    // Top first, for the value under the cursor: the raster drawn over the others answers.
    const auto& layers = ws.project.layers();
    for (auto it = layers.rbegin(); it != layers.rend(); ++it) {
      const Layer& l = **it;
      if (!l.isRaster()) continue;
      RasterState& st = states_[l.id];
      st.source = l.raster;
      if (l.style.visible) request(ws, l, st);
      UiState::RasterView::Shown shown{l.id};
      if (const auto* pics = ws.renderer.rasterPictures(l.id)) {
        if (pics->slots[0].styleVersion == l.styleVersion) shown.wholeW = pics->slots[0].width, shown.wholeH = pics->slots[0].height;
        if (pics->slots[1].styleVersion == l.styleVersion) shown.viewW = pics->slots[1].width, shown.viewH = pics->slots[1].height;
      }
      shown.pending = st.whole.pending || st.view.pending;
      ws.ui.raster.shown.push_back(shown);
      if (ws.ui.raster.underCursor.empty() && l.style.visible && ws.ui.cursorWorld && !l.raster->info().rgb) {
        std::optional<float> v = valueIn(st.view.values, *ws.ui.cursorWorld);
        if (!v) v = valueIn(st.whole.values, *ws.ui.cursorWorld);
        if (v) ws.ui.raster.underCursor = fmt::format("{}: {:.2f}{}", ws.project.displayName(l), *v,
                                                      l.role == LayerRole::TsunamiDepth ? " m" : "");
      }
    }
    if (clicked) ws.ui.raster.atClick = ws.ui.raster.underCursor;
  }

  bool settling(const Workspace& ws) const override {
    for (const auto& l : ws.project.layers()) {
      if (!l->isRaster() || !l->style.visible) continue;
      auto it = states_.find(l->id);
      if (it == states_.end() || it->second.whole.pending || it->second.view.pending ||
          it->second.whole.style != l->styleVersion)
        return true;
    }
    return false;
  }

 private:
  void request(Workspace& ws, const Layer& l, RasterState& st) {
    const RasterInfo& info = l.raster->info();
    if (st.whole.style != l.styleVersion) {
      auto [w, h] = rasterPictureSize(info, info.extent, kWholeSide);
      paint(ws, l, st.whole, 0, info.extent, w, h);
    }
    // The view at screen resolution, once the camera rests and the whole picture is coarser than the screen.
    if (restingFrames_ < kRestFrames) return;
    const Bounds view = ws.camera.visibleBounds();
    const Bounds part{std::max(view.minx, info.extent.minx), std::max(view.miny, info.extent.miny),
                      std::min(view.maxx, info.extent.maxx), std::min(view.maxy, info.extent.maxy)};
    if (part.empty() || part.width() <= 0 || part.height() <= 0) return;
    const double wholeCell = info.extent.width() / std::max(1, rasterPictureSize(info, info.extent, kWholeSide).first);
    const double screenCell = 1.0 / ws.camera.pixelsPerMetre();
    if (screenCell >= wholeCell * 0.75) return;  // the whole picture is as sharp as the screen here
    const int w = std::max(1, static_cast<int>(std::lround(part.width() / screenCell)));
    const int h = std::max(1, static_cast<int>(std::lround(part.height() / screenCell)));
    if (st.view.style == l.styleVersion && sameBox(st.view.extent, part) && st.view.w == w && st.view.h == h) return;
    paint(ws, l, st.view, 1, part, w, h);
  }

  void paint(Workspace& ws, const Layer& l, Slot& slot, int index, const Bounds& extent, int w, int h) {
    slot.style = l.styleVersion;
    slot.extent = extent;
    slot.w = w;
    slot.h = h;
    slot.pending = true;
    static std::uint64_t requests = 0;  // across layers and their replacements: an old job's answer never matches
    const std::uint64_t generation = slot.generation = ++requests;
    const std::string kind = fmt::format("raster:{}:{}", l.id, index);
    ws.jobs.cancel(kind);  // an older view no one will see
    auto out = std::make_shared<Painted>();
    std::shared_ptr<const RasterSource> source = l.raster;
    const ColorRamp ramp = l.style.ramp;
    const std::string id = l.id;
    const std::uint64_t style = l.styleVersion;
    ws.jobs.startBackground(
        kind, kind,
        [out, source, ramp, extent, w, h](jobs::JobProgress& progress) {
          if (progress.stopped()) return;
          if (source->info().rgb) {
            out->image = source->colours(extent, w, h);
          } else {
            out->values = source->values(extent, w, h);
            out->image = paintGrid(out->values, ramp);
          }
        },
        [this, &ws, out, id, index, generation, style](bool cancelled) {
          auto it = states_.find(id);
          if (it == states_.end()) return;
          Slot& s = index == 0 ? it->second.whole : it->second.view;
          if (s.generation != generation) return;  // a newer request is on its way
          s.pending = false;
          if (cancelled) {
            s.style = 0;  // asked again next frame
            return;
          }
          ws.renderer.setRasterPicture(id, index, out->image, style);
          s.values = std::move(out->values);
        });
  }

  static constexpr int kRestFrames = 2;
  std::map<std::string, RasterState> states_;
  Bounds lastView_;
  int restingFrames_ = 0;
};

}  // namespace

std::unique_ptr<Room> makeRasterRoom(Workspace&) {
  return std::make_unique<RasterRoom>();
}

}  // namespace safetymap::ui
