#pragma once
// Draws the project's layers with OpenGL 3.3 core. Per frame: a few draw calls per visible layer;
// buffers are rebuilt only for layers whose data, style or filter changed since the last frame.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/camera.hpp"
#include "render/gl_program.hpp"
#include "render/gpu_layer.hpp"
#include "render/map_tiles.hpp"
#include "render/raster_picture.hpp"
#include "render/texture.hpp"
#include "render/viewport.hpp"

namespace safetymap::render {

class MapRenderer {
 public:
  void init();  // needs a current GL context; throws if the shaders fail
  void shutdown();

  void setTriangulation(const std::string& layerId, std::shared_ptr<const Triangulation> t);
  // Rebuilds buffers of layers whose data/style changed, or the filtered layers when filterVersion changed (a
  // district chosen) except point layers, which take the district as a uniform and are rebuilt only when
  // tagVersion changed (the features' districts themselves).
  void sync(const Project& project, std::uint64_t filterVersion, std::uint64_t tagVersion);
  // Outline of the selected feature and the selected district, rebuilt only when the selection, the district,
  // or the selected layer's data or visibility changed (selectionVersion counts the viewer's changes).
  void updateHighlight(const Project& project, std::uint64_t selectionVersion);
  void setHighlight(const Project& project);  // at once
  void draw(const Project& project, const Camera& camera, const Viewport& vp);

  // A raster layer's picture (slot 0 the whole raster, 1 the view), painted with the layer's style of that version.
  // An empty image clears the slot. Needs a current GL context.
  void setRasterPicture(const std::string& layerId, int slot, const RgbaImage& image, std::uint64_t styleVersion);
  const RasterPictures* rasterPictures(const std::string& layerId) const;

  int drawnFeatures(const std::string& layerId) const;
  // The layers drawn as a density image in the last frame (too many points in view), with the count per
  // cell of the darkest colour and the cell size; and how many points in view make a layer a density.
  const std::map<std::string, std::pair<unsigned, float>>& densityLayers() const { return densityShown_; }
  std::size_t pointBudget() const { return pointBudget_; }
  int drawCallsLastFrame() const { return drawCalls_; }
  // The layers drawn from the tiles in the last frame (see MapTiles), and the tiles themselves.
  const std::vector<std::string>& tiledLayers() const { return tiledShown_; }
  // The bottom run's tiles (null before any), and whether any run of the last frame is still being painted.
  const MapTiles* tiles() const { return bottomTiles_; }
  bool tilesPending() const;
  // Point symbols ringed by the selection highlight (0 when nothing selected is shown).
  int highlightedPoints() const { return highlight_.points().count; }

 private:
  void setCamera(const GlProgram& p, const Camera& c, const Viewport& vp) const;
  void bindPalette(const GpuLayer& g) const;  // for point_, in use
  void drawLayer(const GpuLayer& g, const Layer& l, const Camera& c, const Viewport& vp);
  // Fills, and outlines unless outlines is false or (unless outlinesAtAnySize) they are too small on screen.
  // Culled to `area` when given (a tile not painted yet), else to the camera's view.
  // outlinePpm: the zoom that decides whether small polygons' outlines are drawn (0: the camera's; a tile's level
  // in camera pixels, so that a tile is the same whatever zoom it was painted at).
  void drawShapes(const GpuLayer& g, const Layer& l, const Camera& c, const Viewport& vp, float widthScale = 1,
                  const Bounds* area = nullptr, double outlinePpm = 0);

  // A run of polygon and line layers (one after another in the stack, no points or raster between them) drawn from
  // its tiles; false when tiles cannot serve (the caller draws the layers). The bottom run (opaque) holds the
  // background; a run over other layers is transparent.
  using Run = std::vector<std::pair<const GpuLayer*, const Layer*>>;
  bool drawRun(const Run& run, bool opaque, const Camera& c, const Viewport& vp);

  void drawPoints(const GpuLayer& g, const Layer& l, const Camera& c, const Viewport& vp);
  void drawRaster(const Layer& l, const Camera& c, const Viewport& vp);

  GlProgram fill_, outlinedFill_, stroke_, point_, image_, tile_;
  std::size_t pointBudget_ = 500000;
  std::map<std::string, std::pair<unsigned, float>> densityShown_;
  GLuint pointQuad_ = 0, imageVao_ = 0;
  std::map<std::string, RasterPictures> rasters_;
  std::map<std::string, std::unique_ptr<GpuLayer>> layers_;
  struct RunTiles {
    MapTiles tiles;
    std::uint64_t contentKey = ~0ull;
    Bounds content;  // of the run's layers, without their outlines
    float stroke = 0;
  };
  // By the run's first layer and whether it is opaque; those not drawn in a frame are dropped (their memory back).
  std::map<std::pair<std::string, bool>, std::unique_ptr<RunTiles>> runs_;
  std::vector<const MapTiles*> tilesDrawn_;  // in the last frame
  const MapTiles* bottomTiles_ = nullptr;
  std::vector<std::string> tiledShown_;
  bool software_ = false, tilesEnabled_ = true;
  std::map<std::string, std::shared_ptr<const Triangulation>> triangulations_;
  GpuLayer highlight_;
  GpuLayer highlightHalo_;
  float highlightPointSize_ = 0;
  std::uint64_t highlightKey_ = 0;
  int drawCalls_ = 0;
};

}  // namespace safetymap::render
