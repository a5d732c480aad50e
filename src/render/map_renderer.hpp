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
#include "render/raster_picture.hpp"
#include "render/texture.hpp"

namespace safetymap::render {

struct Viewport {
  int x = 0, y = 0, width = 1, height = 1;  // OpenGL pixels, origin bottom-left
};

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
  // The polygon layers drawn from their image in the last frame (see ShapeImage).
  const std::vector<std::string>& imageLayers() const { return imageShown_; }
  // Point symbols ringed by the selection highlight (0 when nothing selected is shown).
  int highlightedPoints() const { return highlight_.points().count; }

 private:
  void setCamera(const GlProgram& p, const Camera& c, const Viewport& vp) const;
  void bindPalette(const GpuLayer& g) const;  // for point_, in use
  void drawLayer(const GpuLayer& g, const Layer& l, const Camera& c, const Viewport& vp);
  // Fills, and outlines unless outlines is false or (unless outlinesAtAnySize) they are too small on screen.
  void drawShapes(const GpuLayer& g, const Layer& l, const Camera& c, const Viewport& vp, bool outlines = true,
                  bool outlinesAtAnySize = false);

  // A big polygon layer drawn once into an image of the whole layer (a software renderer pays per triangle, and
  // 100,000 footprints are 200,000 of them every frame): while the map shows it no larger than the image holds,
  // the frame draws one quad. Redrawn when the layer's buffers are rebuilt (data, style, filter).
  struct ShapeImage {
    Texture texture;
    GLuint framebuffer = 0;
    Bounds extent;  // world metres: the layer's bounds with room for its outlines, exactly width × height texels
    double ppm = 0;
    int width = 0, height = 0;
    bool failed = false;  // this GL could not draw into it: the polygons until the layer changes
    std::uint64_t key = ~0ull, extentVersion = ~0ull;
    ShapeImage() = default;
    ShapeImage(const ShapeImage&) = delete;
    ShapeImage& operator=(const ShapeImage&) = delete;
    ~ShapeImage();
  };
  // The layer's image when the camera is at or below its resolution (built now if out of date); else null.
  const ShapeImage* shapeImage(const GpuLayer& g, const Layer& l, const Camera& c);
  void drawShapeImage(const ShapeImage& image, const Camera& c, const Viewport& vp);

  void drawPoints(const GpuLayer& g, const Layer& l, const Camera& c, const Viewport& vp);
  void drawRaster(const Layer& l, const Camera& c, const Viewport& vp);

  GlProgram fill_, segment_, point_, image_;
  std::size_t pointBudget_ = 500000;
  std::map<std::string, std::pair<unsigned, float>> densityShown_;
  GLuint segmentQuad_ = 0, pointQuad_ = 0, imageVao_ = 0;
  std::map<std::string, RasterPictures> rasters_;
  std::map<std::string, std::unique_ptr<GpuLayer>> layers_;
  std::map<std::string, std::unique_ptr<ShapeImage>> shapeImages_;
  std::vector<std::string> imageShown_;
  bool software_ = false, imagesEnabled_ = true;
  std::map<std::string, std::shared_ptr<const Triangulation>> triangulations_;
  GpuLayer highlight_;
  GpuLayer highlightHalo_;
  float highlightPointSize_ = 0;
  std::uint64_t highlightKey_ = 0;
  int drawCalls_ = 0;
};

}  // namespace safetymap::render
