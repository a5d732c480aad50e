#pragma once
// One layer's GPU buffers (fill triangles, outline strips, point sprites). Rebuilt only when the
// layer's data or style, or the project's filter, changes; drawing is three draw calls at most.
#include <epoxy/gl.h>

#include <cstdint>
#include <utility>

#include "render/layer_mesh.hpp"
#include "render/texture.hpp"

namespace safetymap::render {

struct Buffers {
  GLuint vao = 0, vbo = 0;
  GLsizei count = 0;
};

class GpuLayer {
 public:
  GpuLayer() = default;
  ~GpuLayer();
  GpuLayer(const GpuLayer&) = delete;
  GpuLayer& operator=(const GpuLayer&) = delete;

  // Uploads a mesh (replacing the previous one).
  void upload(const LayerMesh& mesh, GLuint pointQuad);
  const Buffers& fill() const { return fill_; }
  // Whether the fill's VAO holds each vertex's FillEdges (attribute 2): its outlines can be drawn within it.
  bool hasFillEdges() const { return fillEdgesVbo_ != 0; }
  const Buffers& strokes() const { return strokes_; }
  const Buffers& points() const { return points_; }
  const std::vector<PointTile>& tiles() const { return tiles_; }
  const std::vector<ShapeTile>& shapeTiles() const { return shapeTiles_; }
  // The density image (absent when density.width == 0) and where it lies.
  const PointDensity& density() const { return density_; }
  const Texture& densityTexture() const { return densityTexture_; }
  // The points' colours by slot (a style change that keeps the layout replaces only these).
  void uploadPalette(const std::vector<Rgba>& colours, bool repaintDensity = true);
  // Instances of shown slots in tile t (a hidden category's points are in the buffer, drawn transparent).
  std::uint32_t tileShown(std::size_t t) const { return t < tileShown_.size() ? tileShown_[t] : tiles_[t].count; }
  // The same with district code `code` chosen (-1: all): at most the tile's instances in that district.
  std::uint32_t tileShown(std::size_t t, int code) const;
  // The run of a tile's instances with district code `code`: {first, count}.
  std::pair<std::uint32_t, std::uint32_t> tileDistrictRun(std::size_t t, int code) const;
  bool hasDistrictRuns() const { return !tileDistrictCounts_.empty(); }
  // Features drawn with district code `code` chosen (-1: all).
  int drawnIn(int code) const;
  // Each density cell's district (texels' red: districtCode(), kMixedCell, kEmptyCell).
  const Texture& cellDistrictTexture() const { return cellDistrictTexture_; }
  const Texture& palette() const { return palette_; }
  // Meshes uploaded so far: what it draws changes only with this (or its layer's style).
  std::uint64_t uploads() const { return uploads_; }
  bool pointsOnly() const { return fill_.count == 0 && strokes_.count == 0; }
  // Points the instanced attributes at instance `first` (the points VAO bound): to draw one run of tiles.
  void pointAttributesFrom(std::uint32_t first) const;
  int drawnFeatures = 0;         // with no district chosen
  int districtCode = -1;         // the district code its points are filtered to now (-1: all; see MapRenderer::sync)
  float outlinedMedianSize = 0;  // see LayerMesh

  // What the buffers were built from.
  std::uint64_t dataVersion = ~0ull, styleVersion = ~0ull, filterVersion = ~0ull, tagVersion = ~0ull, pointLayout = 0;

 private:
  Buffers fill_, strokes_, points_;
  GLuint fillEdgesVbo_ = 0;
  std::vector<PointTile> tiles_;
  std::vector<std::uint32_t> tileSlotCounts_, tileShown_, pointFeaturesPerSlot_;
  std::size_t districtCodes_ = 1;
  std::vector<std::uint32_t> pointFeaturesPerSlotDistrict_, tileDistrictCounts_;
  std::vector<Rgba> colours_;  // the palette, for drawnIn
  int shapesDrawn_ = 0;
  std::uint64_t uploads_ = 0;
  std::size_t countedSlots_ = 1;
  std::vector<bool> shownSlots_;  // which slots the density image shows
  std::vector<ShapeTile> shapeTiles_;
  PointDensity density_;  // without its pixels, which are on the GPU
  Texture densityTexture_, cellDistrictTexture_;
  Texture palette_;
};

}  // namespace safetymap::render
