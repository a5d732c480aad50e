#include "render/map_tiles.hpp"

#include <algorithm>
#include <chrono>
#include <span>
#include <vector>

namespace safetymap::render {

namespace {
// Painting stops for this frame after this long (one tile is always painted): the map keeps moving at its pace.
constexpr double kPaintSeconds = 0.008;
// Tiles kept (1 MiB each): a few views' worth at a few levels.
constexpr std::size_t kMaxTiles = 64;
// Outlines are painted 2^¼ as wide: a tile is shown at 0.71–1× its size, so they look 0.84–1.19× their width.
constexpr float kWidthScale = 1.189207f;
// Levels tried for a tile not painted yet, nearest first (coarser first: one tile covers it).
constexpr int kStandIns[] = {-1, 1, -2, 2, -3, 3};

double secondsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

MapTiles::~MapTiles() {
  release();
}

bool MapTiles::serves(double ppm) {
  const double p = levelPpm(tileLevel(ppm));
  return p >= Camera::kMinPpm && p <= Camera::kMaxPpm;
}

void MapTiles::release() {
  tiles_.clear();
  key_ = ~0ull;
  if (framebuffer_) glDeleteFramebuffers(1, &framebuffer_);
  framebuffer_ = 0;
}

const MapTiles::Tile* MapTiles::find(TileId id) const {
  auto it = tiles_.find(id);
  return it == tiles_.end() ? nullptr : it->second.get();
}

void MapTiles::draw(std::uint64_t key, const Bounds& content, const Camera& camera, double pixelRatio,
                    std::array<float, 4> background, const Painter& painter) {
  ++frame_;
  shown_ = 0;
  pending_ = false;
  if (key != key_) {
    tiles_.clear();
    key_ = key;
    failed_ = false;
  }
  const Bounds view = camera.visibleBounds().overlap(content);
  const int level = tileLevel(camera.pixelsPerMetre() * pixelRatio);
  const TileRange range = tilesCovering(view, level);
  if (range.count() == 0) return;
  if (failed_) return painter.direct(view);
  std::vector<TileId> inView;
  for (int y = range.y0; y <= range.y1; ++y)
    for (int x = range.x0; x <= range.x1; ++x) inView.push_back({level, x, y});
  const Vec2 c = camera.center();
  auto distance = [&](TileId t) {
    const Vec2 m = tileBounds(t).center();
    return (m.x - c.x) * (m.x - c.x) + (m.y - c.y) * (m.y - c.y);
  };
  std::sort(inView.begin(), inView.end(), [&](TileId a, TileId b) { return distance(a) < distance(b); });

  // While the map zooms, a tile of the next level up or down stands in (at most √2 larger or twice smaller on
  // screen) rather than painting a level it will leave in a few frames; once the zoom rests, the level's own.
  const bool zooming = camera.pixelsPerMetre() != lastPpm_;
  lastPpm_ = camera.pixelsPerMetre();
  // What each tile shows: the parts of it that stand for tiles in view (a tile of another level stands for several).
  std::map<TileId, std::vector<Bounds>> parts;
  auto partOf = [&](TileId t, Tile& tile, const Bounds& want) {
    tile.used = frame_;
    parts[t].push_back(want);
  };
  // The tiles of the nearest of these levels that hold all of `want`, if any.
  auto standIn = [&](const Bounds& want, std::span<const int> levels) {
    for (int d : levels) {
      const int l = level + d;
      if (!serves(levelPpm(l))) continue;
      const TileRange r = tilesCovering(want, l);
      bool all = r.count() > 0;
      for (int y = r.y0; all && y <= r.y1; ++y)
        for (int x = r.x0; all && x <= r.x1; ++x) all = find({l, x, y}) != nullptr;
      if (!all) continue;
      for (int y = r.y0; y <= r.y1; ++y)
        for (int x = r.x0; x <= r.x1; ++x)
          partOf({l, x, y}, *tiles_.at({l, x, y}), tileBounds({l, x, y}).overlap(want));
      return true;
    }
    return false;
  };
  const auto t0 = std::chrono::steady_clock::now();
  int paintedNow = 0;
  std::vector<Bounds> direct;
  for (TileId t : inView) {
    const Bounds want = tileBounds(t).overlap(view);
    if (auto it = tiles_.find(t); it != tiles_.end()) {
      partOf(t, *it->second, want);
      ++shown_;
      continue;
    }
    if (zooming && standIn(want, std::span(kStandIns).first(2))) {
      pending_ = true;
      continue;
    }
    if (paintedNow == 0 || secondsSince(t0) < kPaintSeconds) {
      auto tile = std::make_unique<Tile>();
      if (!paint(t, *tile, painter, background)) {  // no drawing into textures here: the layers, every frame
        failed_ = true;
        tiles_.clear();
        return painter.direct(view);
      }
      glFinish();  // the time it took, for the budget
      ++paintedNow, ++painted_, ++shown_;
      partOf(t, *tile, want);
      tiles_[t] = std::move(tile);
      continue;
    }
    pending_ = true;
    if (!standIn(want, kStandIns)) direct.push_back(want);
  }
  auto show = [&](TileId id, const Bounds& want) {
    if (want.width() <= 0 || want.height() <= 0) return;
    const Bounds b = tileBounds(id);
    // A framebuffer's first row is its southern edge.
    painter.show(
        tiles_.at(id)->texture, want,
        {static_cast<float>((want.minx - b.minx) / b.width()), static_cast<float>((want.maxy - b.miny) / b.height()),
         static_cast<float>((want.maxx - b.minx) / b.width()), static_cast<float>((want.miny - b.miny) / b.height())});
  };
  // Directly first: a tile of the bottom run is opaque and replaces what lies under it.
  for (const Bounds& b : direct) painter.direct(b);
  for (const auto& [id, areas] : parts) {
    // Parts that make up one rectangle are one quad: a draw call costs a software renderer more than its pixels.
    Bounds box;
    double area = 0;
    for (const Bounds& a : areas) box.add(a), area += a.width() * a.height();
    if (area >= box.width() * box.height() * (1 - 1e-9))
      show(id, box);
    else
      for (const Bounds& a : areas) show(id, a);
  }
  evict();
}

bool MapTiles::paint(TileId id, Tile& tile, const Painter& painter, const std::array<float, 4>& background) {
  GLint previous = 0, viewport[4];
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &previous);
  glGetIntegerv(GL_VIEWPORT, viewport);
  const GLboolean scissor = glIsEnabled(GL_SCISSOR_TEST);  // the window's map area: not the tile's
  glDisable(GL_SCISSOR_TEST);
  tile.texture.allocate(kTilePixels, kTilePixels);
  if (!framebuffer_) glGenFramebuffers(1, &framebuffer_);
  glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tile.texture.id(), 0);
  const bool complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
  if (complete) {
    glViewport(0, 0, kTilePixels, kTilePixels);
    GLfloat clear[4];
    glGetFloatv(GL_COLOR_CLEAR_VALUE, clear);
    glClearColor(background[0], background[1], background[2], background[3]);
    glClear(GL_COLOR_BUFFER_BIT);
    glClearColor(clear[0], clear[1], clear[2], clear[3]);
    Camera camera;
    camera.setViewport(kTilePixels, kTilePixels);
    camera.jumpTo(tileBounds(id).center(), levelPpm(id.level));
    painter.paint(camera, Viewport{0, 0, kTilePixels, kTilePixels}, kWidthScale);
  }
  glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previous));
  glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
  if (scissor) glEnable(GL_SCISSOR_TEST);
  return complete;
}

// The least recently shown first, never one shown in this frame.
void MapTiles::evict() {
  while (tiles_.size() > kMaxTiles) {
    auto oldest = std::min_element(tiles_.begin(), tiles_.end(),
                                   [](const auto& a, const auto& b) { return a.second->used < b.second->used; });
    if (oldest->second->used == frame_) return;
    tiles_.erase(oldest);
  }
}

}  // namespace safetymap::render
