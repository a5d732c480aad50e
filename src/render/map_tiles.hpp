#pragma once
// The layers at the bottom of the map (polygons and lines under the points) drawn once into tiles and reused while
// the map moves. A software renderer (llvmpipe on a PC without a GPU) pays for every triangle and every pixel of
// every layer in every frame: 100,000 building footprints are a million outline quads, and each layer that covers
// the view is a pass over all its pixels. From tiles a frame is one opaque quad per tile in view.
//
// Tiles are painted for the zoom level at or just above the view's (never magnified) and hold the map's background,
// so they replace what lies under them. A tile not painted yet is stood in for by the tiles of a nearby level (a
// little blurred or sharp for a frame or two), or else the layers are drawn directly there; a few are painted per
// frame, nearest the centre first, so moving the map never stalls on painting.
#include <epoxy/gl.h>

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>

#include "core/camera.hpp"
#include "render/texture.hpp"
#include "render/tile_grid.hpp"
#include "render/viewport.hpp"

namespace safetymap::render {

class MapTiles {
 public:
  struct Painter {
    // Draws the layers with this camera into this viewport (a tile's), outlines widthScale times as wide.
    std::function<void(const Camera&, const Viewport&, float widthScale)> paint;
    // Draws part `world` of a tile's texture opaque, `uv` its place there: u0, v0 (its north-west corner), u1, v1.
    std::function<void(const Texture&, const Bounds& world, const std::array<float, 4>& uv)> show;
    // Draws the layers directly over `world` (no tile stands for it yet).
    std::function<void(const Bounds& world)> direct;
  };

  MapTiles() = default;
  ~MapTiles();
  MapTiles(const MapTiles&) = delete;
  MapTiles& operator=(const MapTiles&) = delete;

  // Whether tiles can serve this zoom (the level's resolution within the camera's limits).
  static bool serves(double ppm);
  // Draws the camera's view of the layers whose drawing `key` stands for (their buffers, styles, the background),
  // which lie within `content` (world metres, outlines included), at `pixelRatio` device pixels per camera pixel
  // (HiDPI). A new key forgets every tile.
  void draw(std::uint64_t key, const Bounds& content, const Camera& camera, double pixelRatio,
            std::array<float, 4> background, const Painter& painter);
  // Whether the last frame showed a tile of another level or drew directly: more frames will paint the rest.
  bool pending() const { return pending_; }
  int shownLastFrame() const { return shown_; }
  std::uint64_t painted() const { return painted_; }  // tiles painted since the start
  bool failed() const { return failed_; }             // this GL cannot draw into a texture
  void release();  // the tiles and the framebuffer freed (while the GL context is still there)

 private:
  struct Tile {
    Texture texture;
    std::uint64_t used = 0;  // the frame it was last shown in
  };
  bool paint(TileId id, Tile& tile, const Painter& painter, const std::array<float, 4>& background);
  const Tile* find(TileId id) const;
  void evict();

  std::map<TileId, std::unique_ptr<Tile>> tiles_;
  std::uint64_t key_ = ~0ull, frame_ = 0, painted_ = 0;
  double lastPpm_ = 0;
  GLuint framebuffer_ = 0;
  int shown_ = 0;
  bool pending_ = false, failed_ = false;
};

}  // namespace safetymap::render
