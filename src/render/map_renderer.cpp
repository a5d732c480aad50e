#include "render/map_renderer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace safetymap::render {

namespace {
// From this many polygons a software renderer draws the layer from its image when zoomed out; a GPU draws them.
constexpr std::size_t kImageShapes = 50000;
// The image's size: at most this many pixels (32 MB with its mipmaps, whatever the number of polygons) and no
// more detail than a metre a pixel.
constexpr double kImagePixels = 6e6, kImageMaxPpm = 1.0;

float shapeIndex(PointShape s) {
  return static_cast<float>(static_cast<int>(s));
}
}  // namespace

void MapRenderer::init() {
  fill_ = GlProgram("fill.vert", "fill.frag");
  segment_ = GlProgram("segment.vert", "segment.frag");
  point_ = GlProgram("point.vert", "point.frag");
  image_ = GlProgram("image.vert", "image.frag");
  // Sprites a frame can afford before a layer turns into its density: a software renderer (llvmpipe on an
  // office PC without a GPU) draws about 10k at 30 fps at 1600×1000, a GPU hundreds of thousands (BENCHMARKS.md).
  const char* r = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  const bool software = r && (std::strstr(r, "llvmpipe") || std::strstr(r, "softpipe"));
  software_ = software;
  // SAFETYMAP_SHAPE_IMAGES=0 draws every polygon every frame: to compare the images with what they stand for.
  const char* images = std::getenv("SAFETYMAP_SHAPE_IMAGES");
  imagesEnabled_ = !images || std::string(images) != "0";
  pointBudget_ = software ? 20000 : 500000;
  const float seg[] = {0, -1, 0, 1, 1, -1, 1, 1};
  const float pt[] = {-1, -1, 1, -1, -1, 1, 1, 1};
  glGenBuffers(1, &segmentQuad_);
  glBindBuffer(GL_ARRAY_BUFFER, segmentQuad_);
  glBufferData(GL_ARRAY_BUFFER, sizeof seg, seg, GL_STATIC_DRAW);
  glGenBuffers(1, &pointQuad_);
  glBindBuffer(GL_ARRAY_BUFFER, pointQuad_);
  glBufferData(GL_ARRAY_BUFFER, sizeof pt, pt, GL_STATIC_DRAW);
  glGenVertexArrays(1, &imageVao_);  // one quad for the raster pictures
  glBindVertexArray(imageVao_);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
  glBindVertexArray(0);
}

void MapRenderer::shutdown() {
  layers_.clear();
  shapeImages_.clear();
  rasters_.clear();
  if (imageVao_) glDeleteVertexArrays(1, &imageVao_);
  imageVao_ = 0;
  if (segmentQuad_) glDeleteBuffers(1, &segmentQuad_);
  if (pointQuad_) glDeleteBuffers(1, &pointQuad_);
  segmentQuad_ = pointQuad_ = 0;
  fill_ = {};
  segment_ = {};
  point_ = {};
  image_ = {};
}

void MapRenderer::setTriangulation(const std::string& id, std::shared_ptr<const Triangulation> t) {
  triangulations_[id] = std::move(t);
}

void MapRenderer::sync(const Project& project, std::uint64_t filterVersion, std::uint64_t tagVersion) {
  // Forget layers that were removed (a raster replaced by another of the same id has other data).
  for (auto it = layers_.begin(); it != layers_.end();)
    it = project.layer(it->first) ? std::next(it) : layers_.erase(it);
  // Removed, hidden or no longer big enough: the image's memory back.
  for (auto it = shapeImages_.begin(); it != shapeImages_.end();) {
    const Layer* l = project.layer(it->first);
    it = l && l->style.visible && l->features.size() >= kImageShapes ? std::next(it) : shapeImages_.erase(it);
  }
  for (auto it = rasters_.begin(); it != rasters_.end();) {
    const Layer* l = project.layer(it->first);
    it = l && l->isRaster() ? std::next(it) : rasters_.erase(it);
  }
  for (const auto& lp : project.layers()) {
    const Layer& l = *lp;
    if (l.isRaster()) continue;  // drawn from its pictures
    auto& g = layers_[l.id];
    if (!g) g = std::make_unique<GpuLayer>();
    const bool filtered = !isContextRole(l.role) || l.role == LayerRole::Districts;
    // A point layer's filter is a uniform: only new district tags rebuild it, not choosing a district.
    g->districtCode = filtered && project.selectedDistrict >= 0 ? districtCode(project.selectedDistrict) : -1;
    const bool sameFilter = pointsFilteredOnGpu(l) ? g->tagVersion == tagVersion : g->filterVersion == filterVersion;
    const bool sameData = g->dataVersion == l.dataVersion && (!filtered || sameFilter);
    if (sameData && g->styleVersion == l.styleVersion) continue;
    const std::uint64_t layout = pointLayoutKey(l, project);
    if (sameData && g->pointsOnly() && g->pointLayout == layout) {  // colours only: O(categories), not O(points)
      g->uploadPalette(pointPalette(l, project));
      g->styleVersion = l.styleVersion;
      continue;
    }
    auto& tri = triangulations_[l.id];
    if (l.geometryType() == GeometryType::Polygon && (!tri || tri->dataVersion != l.dataVersion))
      tri = triangulateLayer(l);  // a user edit; the loader triangulates big layers off the UI thread
    g->upload(buildMesh(l, project, tri.get()), segmentQuad_, pointQuad_);
    g->dataVersion = l.dataVersion;
    g->styleVersion = l.styleVersion;
    g->filterVersion = filterVersion;
    g->tagVersion = tagVersion;
    g->pointLayout = layout;
  }
}

void MapRenderer::updateHighlight(const Project& project, std::uint64_t selectionVersion) {
  const Selection& s = project.selection;
  const Layer* selected = s.valid() ? project.layer(s.layerId) : nullptr;
  std::uint64_t key =
      selectionVersion * 1000003ull + static_cast<std::uint64_t>(project.selectedDistrict + 1) * 7919ull +
      std::hash<std::string>{}(s.layerId) + static_cast<std::uint64_t>(s.feature) +
      (selected && selected->style.visible ? 0x9e3779b97f4a7c15ull : 0) + (selected ? selected->dataVersion * 31 : 0);
  if (key == highlightKey_) return;
  highlightKey_ = key;
  setHighlight(project);
}

void MapRenderer::setHighlight(const Project& project) {
  LayerMesh halo, mesh;
  highlightPointSize_ = 0;
  auto outline = [&](const Geometry& g) {
    appendOutline(g, {255, 255, 255, 255}, halo.segments);
    appendOutline(g, {20, 20, 20, 255}, mesh.segments);
  };
  if (project.selectedDistrict >= 0) {
    const Layer* d = project.layerByRole(LayerRole::Districts);
    size_t i = static_cast<size_t>(project.selectedDistrict);
    if (d && i < d->features.size()) outline(d->features[i].geometry);
  }
  if (project.selection.valid()) {
    const Layer* l = project.layer(project.selection.layerId);
    // A hidden layer's selected feature is not outlined: a ring around nothing would be a puzzle.
    if (l && l->style.visible && static_cast<size_t>(project.selection.feature) < l->features.size()) {
      const Geometry& g = l->features[static_cast<size_t>(project.selection.feature)].geometry;
      outline(g);
      for (auto p : g.points)  // a ring: the outline only, around a transparent fill (slot 0)
        mesh.points.push_back(
            {static_cast<float>(p.x - kRenderOrigin.x), static_cast<float>(p.y - kRenderOrigin.y), 0, 0});
      mesh.palette = {shownColour({0, 0, 0, 0})};  // no fill, but shown: the ring is the outline
      highlightPointSize_ = l->style.pointSizePx + 12;
    }
  }
  highlightHalo_.upload(halo, segmentQuad_, pointQuad_);
  highlight_.upload(mesh, segmentQuad_, pointQuad_);
}

void MapRenderer::bindPalette(const GpuLayer& g) const {
  glUniform1i(point_.uniform("uPalette"), 1);
  glActiveTexture(GL_TEXTURE1);
  glBindTexture(GL_TEXTURE_2D, g.palette().id());
  glActiveTexture(GL_TEXTURE0);
}

void MapRenderer::setCamera(const GlProgram& p, const Camera& c, const Viewport& vp) const {
  Vec2 centre = c.center();
  glUniform2f(p.uniform("uCenter"), static_cast<float>(centre.x - kRenderOrigin.x),
              static_cast<float>(centre.y - kRenderOrigin.y));
  // The camera works in window units; the viewport may have more pixels (HiDPI).
  glUniform2f(p.uniform("uScale"), static_cast<float>(2.0 * c.pixelsPerMetre() / c.width()),
              static_cast<float>(2.0 * c.pixelsPerMetre() / c.height()));
  glUniform2f(p.uniform("uViewport"), static_cast<float>(vp.width), static_cast<float>(vp.height));
}

void MapRenderer::drawLayer(const GpuLayer& g, const Layer& l, const Camera& c, const Viewport& vp) {
  if (const ShapeImage* image = shapeImage(g, l, c)) {
    drawShapeImage(*image, c, vp);
    imageShown_.push_back(l.id);
  } else
    drawShapes(g, l, c, vp);
  if (g.points().count > 0) drawPoints(g, l, c, vp);
}

MapRenderer::ShapeImage::~ShapeImage() {
  if (framebuffer) glDeleteFramebuffers(1, &framebuffer);
}

const MapRenderer::ShapeImage* MapRenderer::shapeImage(const GpuLayer& g, const Layer& l, const Camera& c) {
  if (!software_ || !imagesEnabled_ || l.features.size() < kImageShapes || g.fill().count == 0) return nullptr;
  auto& slot = shapeImages_[l.id];
  if (!slot) slot = std::make_unique<ShapeImage>();
  ShapeImage& im = *slot;
  // The extent and resolution follow the layer's bounds and its outlines' width (once per data and style version).
  if (const std::uint64_t v = l.dataVersion * 1000003ull + l.styleVersion; im.extentVersion != v) {
    im.extentVersion = v;
    im.failed = false;
    const Bounds b = l.bounds();
    GLint maxSide = 4096;
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &maxSide);
    const double side = maxSide - 2;  // whole pixels below the limit after rounding up
    auto resolution = [&](double w, double h) {
      return std::min({kImageMaxPpm, std::sqrt(kImagePixels / (w * h)), side / w, side / h});
    };
    im.ppm = resolution(std::max(1.0, b.width()), std::max(1.0, b.height()));
    const double room = (l.style.strokeWidthPx + 2) / im.ppm;  // an outline's width past the edge, in the image
    const double w = std::max(1.0, b.width() + 2 * room), h = std::max(1.0, b.height() + 2 * room);
    im.ppm = resolution(w, h);
    // Whole pixels: the image covers exactly what its texels do, so it lies where the polygons would.
    im.width = static_cast<int>(std::ceil(w * im.ppm)), im.height = static_cast<int>(std::ceil(h * im.ppm));
    const Vec2 c = b.center();
    const double hw = im.width / im.ppm / 2, hh = im.height / im.ppm / 2;
    im.extent = {c.x - hw, c.y - hh, c.x + hw, c.y + hh};
    im.key = ~0ull;
  }
  if (im.failed || c.pixelsPerMetre() > im.ppm) return nullptr;  // closer than the image holds: the polygons
  // With the outlines where this zoom shows them (drawn at the image's scale, so a little thinner on screen),
  // without them where it leaves them out: one image at a time, made again when the zoom crosses over.
  const bool outlined = g.outlinedMedianSize * c.pixelsPerMetre() >= kMinOutlinedPixels;
  const std::uint64_t key =
      ((g.dataVersion * 1000003ull + g.styleVersion) * 1000003ull + g.filterVersion) * 2 + (outlined ? 1 : 0);
  if (im.key == key) return &im;
  const int w = im.width, h = im.height;
  GLint previous = 0, viewport[4];
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &previous);
  glGetIntegerv(GL_VIEWPORT, viewport);
  const GLboolean scissor = glIsEnabled(GL_SCISSOR_TEST);  // the window's map area: not the image's
  glDisable(GL_SCISSOR_TEST);
  im.texture.allocate(w, h);
  if (!im.framebuffer) glGenFramebuffers(1, &im.framebuffer);
  glBindFramebuffer(GL_FRAMEBUFFER, im.framebuffer);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, im.texture.id(), 0);
  const bool complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
  if (complete) {
    glViewport(0, 0, w, h);
    GLfloat clear[4];
    glGetFloatv(GL_COLOR_CLEAR_VALUE, clear);
    glClearColor(0, 0, 0, 0);
    glClear(GL_COLOR_BUFFER_BIT);
    glClearColor(clear[0], clear[1], clear[2], clear[3]);
    Camera whole;
    whole.setViewport(w, h);
    whole.jumpTo(im.extent.center(), im.ppm);
    // Drawn as on the screen (the same blending): colours come out premultiplied by their coverage.
    drawShapes(g, l, whole, Viewport{0, 0, w, h}, outlined, /*outlinesAtAnySize=*/true);
  }
  glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previous));
  glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
  if (scissor) glEnable(GL_SCISSOR_TEST);
  if (!complete) {  // no image on this GL: the polygons, as before (not tried again until the layer changes)
    im.failed = true;
    return nullptr;
  }
  glBindTexture(GL_TEXTURE_2D, im.texture.id());
  glGenerateMipmap(GL_TEXTURE_2D);
  im.key = key;
  return &im;
}

void MapRenderer::drawShapeImage(const ShapeImage& im, const Camera& c, const Viewport& vp) {
  image_.use();
  setCamera(image_, c, vp);
  glUniform1f(image_.uniform("uOpacity"), 1.0f);  // the layer's opacity is in the image
  glUniform1i(image_.uniform("uImage"), 0);
  glUniform1i(image_.uniform("uDistrict"), -1);  // the filter is in the image too
  glUniform4f(image_.uniform("uRect"), static_cast<float>(im.extent.minx - kRenderOrigin.x),
              static_cast<float>(im.extent.miny - kRenderOrigin.y),
              static_cast<float>(im.extent.maxx - kRenderOrigin.x),
              static_cast<float>(im.extent.maxy - kRenderOrigin.y));
  glUniform4f(image_.uniform("uUv"), 0, 1, 1, 0);  // a framebuffer's first row is its southern edge
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, im.texture.id());
  glBlendFuncSeparate(GL_ONE, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);  // premultiplied
  glBindVertexArray(imageVao_);
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  ++drawCalls_;
}

void MapRenderer::drawShapes(const GpuLayer& g, const Layer& l, const Camera& c, const Viewport& vp, bool outlines,
                             bool outlinesAtAnySize) {
  const LayerStyle& s = l.style;
  // Tiled shapes: the runs of tiles in view that lie together in the buffers, each one draw call.
  const Bounds view = c.visibleBounds();
  const float margin = static_cast<float>((s.strokeWidthPx + 2) / c.pixelsPerMetre());
  const auto& tiles = g.shapeTiles();
  auto inView = [&](const ShapeTile& t) {
    return t.maxx >= static_cast<float>(view.minx - kRenderOrigin.x) - margin &&
           t.minx <= static_cast<float>(view.maxx - kRenderOrigin.x) + margin &&
           t.maxy >= static_cast<float>(view.miny - kRenderOrigin.y) - margin &&
           t.miny <= static_cast<float>(view.maxy - kRenderOrigin.y) + margin;
  };
  // Calls draw(first tile, last tile + 1) for each run of tiles in view; once for all when not tiled.
  auto forRuns = [&](auto&& draw) {
    if (tiles.empty()) return draw(std::size_t{0}, std::size_t{0});
    for (size_t i = 0; i < tiles.size();) {
      if (!inView(tiles[i])) {
        ++i;
        continue;
      }
      const size_t first = i;
      while (i < tiles.size() && inView(tiles[i])) ++i;
      draw(first, i);
    }
  };
  if (g.fill().count > 0) {
    fill_.use();
    setCamera(fill_, c, vp);
    glUniform1f(fill_.uniform("uOpacity"), s.opacity);
    glBindVertexArray(g.fill().vao);
    forRuns([&](size_t a, size_t b) {
      const GLint first = tiles.empty() ? 0 : static_cast<GLint>(tiles[a].fillFirst);
      const GLsizei count = tiles.empty()
                                ? g.fill().count
                                : static_cast<GLsizei>(tiles[b - 1].fillFirst + tiles[b - 1].fillCount) - first;
      glDrawArrays(GL_TRIANGLES, first, count);
      ++drawCalls_;
    });
  }
  // Outlines of polygons that are mostly smaller than a few pixels (building footprints over the whole ward)
  // are left out until the map is zoomed in: the fill still shows each one.
  outlines = outlines && (outlinesAtAnySize || g.outlinedMedianSize * c.pixelsPerMetre() >= kMinOutlinedPixels ||
                          g.outlinedMedianSize == 0);
  if (g.segments().count > 0 && outlines) {
    segment_.use();
    setCamera(segment_, c, vp);
    glUniform1f(segment_.uniform("uWidth"), s.strokeWidthPx);
    glUniform1f(segment_.uniform("uOpacity"), std::min(1.0f, s.opacity + 0.3f));
    glBindVertexArray(g.segments().vao);
    forRuns([&](size_t a, size_t b) {
      if (tiles.empty()) {
        glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, g.segments().count);
      } else {
        const std::uint32_t first = tiles[a].segmentFirst;
        g.segmentAttributesFrom(first);
        glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4,
                              static_cast<GLsizei>(tiles[b - 1].segmentFirst + tiles[b - 1].segmentCount - first));
      }
      ++drawCalls_;
    });
    if (!tiles.empty()) g.segmentAttributesFrom(0);
  }
}

// Points: all at once when few; else only the tiles in view, or the density image when even those are more
// than a frame can draw. The cost per frame is the tiles (at most 1024), never the points.
void MapRenderer::drawPoints(const GpuLayer& g, const Layer& l, const Camera& c, const Viewport& vp) {
  const LayerStyle& s = l.style;
  Bounds view = c.visibleBounds();
  const float vx0 = static_cast<float>(view.minx - kRenderOrigin.x),
              vx1 = static_cast<float>(view.maxx - kRenderOrigin.x);
  const float vy0 = static_cast<float>(view.miny - kRenderOrigin.y),
              vy1 = static_cast<float>(view.maxy - kRenderOrigin.y);
  const float margin = static_cast<float>((s.pointSizePx + 4) / c.pixelsPerMetre());  // a symbol's half width and more
  auto inView = [&](const PointTile& t) {
    return t.maxx >= vx0 - margin && t.minx <= vx1 + margin && t.maxy >= vy0 - margin && t.miny <= vy1 + margin;
  };
  std::size_t visible = 0;
  for (std::size_t i = 0; i < g.tiles().size(); ++i)
    if (inView(g.tiles()[i])) visible += g.tileShown(i, g.districtCode);
  const PointDensity& d = g.density();
  if (d.width > 0 && visible > pointBudget_) {
    image_.use();
    setCamera(image_, c, vp);
    glUniform4f(image_.uniform("uRect"), d.minx, d.maxy - static_cast<float>(d.height) * d.cell,
                d.minx + static_cast<float>(d.width) * d.cell, d.maxy);
    glUniform1f(image_.uniform("uOpacity"), s.opacity);
    glUniform4f(image_.uniform("uUv"), 0, 0, 1, 1);
    glUniform1i(image_.uniform("uImage"), 0);
    glUniform1i(image_.uniform("uDistrict"), g.districtCode);
    glUniform1i(image_.uniform("uCellDistrict"), 1);
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, g.cellDistrictTexture().id());
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, g.densityTexture().id());
    glBindVertexArray(g.points().vao);  // attribute 0 is the shared quad
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    ++drawCalls_;
    densityShown_[l.id] = {d.maxCount, d.cell};
    return;
  }
  point_.use();
  setCamera(point_, c, vp);
  glUniform1f(point_.uniform("uSize"), s.pointSizePx);
  glUniform1f(point_.uniform("uOpacity"), s.opacity);
  glUniform1i(point_.uniform("uShape"), static_cast<int>(shapeIndex(s.shape)));
  glUniform1f(point_.uniform("uOutline"), 1.3f);
  glUniform1i(point_.uniform("uDistrict"), g.districtCode);
  glUniform4f(point_.uniform("uStroke"), s.stroke.r / 255.f, s.stroke.g / 255.f, s.stroke.b / 255.f, 1.f);
  bindPalette(g);
  glBindVertexArray(g.points().vao);
  if (g.tiles().empty()) {
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, g.points().count);
    ++drawCalls_;
    return;
  }
  const auto& tiles = g.tiles();
  if (g.districtCode >= 0 && g.hasDistrictRuns()) {  // a district chosen: its run in each tile in view
    for (size_t i = 0; i < tiles.size(); ++i) {
      if (!inView(tiles[i])) continue;
      const auto [first, count] = g.tileDistrictRun(i, g.districtCode);
      if (count == 0) continue;
      g.pointAttributesFrom(first);
      glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(count));
      ++drawCalls_;
    }
    g.pointAttributesFrom(0);
    return;
  }
  // Runs of tiles in view that lie together in the buffer: one draw call each.
  for (size_t i = 0; i < tiles.size();) {
    if (!inView(tiles[i])) {
      ++i;
      continue;
    }
    std::uint32_t first = tiles[i].first, count = 0;
    for (; i < tiles.size() && inView(tiles[i]) && tiles[i].first == first + count; ++i) count += tiles[i].count;
    g.pointAttributesFrom(first);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(count));
    ++drawCalls_;
  }
  g.pointAttributesFrom(0);
}

void MapRenderer::setRasterPicture(const std::string& layerId, int slot, const RgbaImage& image,
                                   std::uint64_t styleVersion) {
  RasterPicture& p = rasters_[layerId].slots[static_cast<size_t>(slot)];
  if (image.empty()) {
    p = {};
    return;
  }
  if (!p.texture) p.texture = std::make_unique<Texture>();
  // Cells stay square when magnified: a hazard's class edges are where the data says, not blurred.
  p.texture->upload(image.width, image.height, image.pixels, /*nearest=*/true, /*nearestMin=*/true);
  p.extent = image.extent;
  p.styleVersion = styleVersion;
  p.width = image.width;
  p.height = image.height;
}

const RasterPictures* MapRenderer::rasterPictures(const std::string& layerId) const {
  auto it = rasters_.find(layerId);
  return it == rasters_.end() ? nullptr : &it->second;
}

// A few quads: the view's picture, and the whole raster's picture around it. Nothing here grows with the raster, and
// no pixel is filled twice (a software renderer's cost is the pixels filled).
void MapRenderer::drawRaster(const Layer& l, const Camera& c, const Viewport& vp) {
  auto it = rasters_.find(l.id);
  if (it == rasters_.end()) return;
  const RasterPicture& whole = it->second.slots[0];
  const RasterPicture& view = it->second.slots[1];
  const bool hasWhole = whole.texture && whole.styleVersion == l.styleVersion;
  const bool hasView = view.texture && view.styleVersion == l.styleVersion;
  if (!hasWhole && !hasView) return;
  image_.use();
  setCamera(image_, c, vp);
  glUniform1f(image_.uniform("uOpacity"), l.style.opacity);
  glUniform1i(image_.uniform("uImage"), 0);
  glUniform1i(image_.uniform("uDistrict"), -1);  // a raster is not filtered by district
  glActiveTexture(GL_TEXTURE0);
  glBindVertexArray(imageVao_);
  // Part `b` of picture `p`: the world rectangle and the matching part of its texture.
  auto drawPart = [&](const RasterPicture& p, const Bounds& b) {
    if (b.minx >= b.maxx || b.miny >= b.maxy) return;
    const Bounds& e = p.extent;
    glUniform4f(image_.uniform("uRect"), static_cast<float>(b.minx - kRenderOrigin.x),
                static_cast<float>(b.miny - kRenderOrigin.y), static_cast<float>(b.maxx - kRenderOrigin.x),
                static_cast<float>(b.maxy - kRenderOrigin.y));
    glUniform4f(image_.uniform("uUv"), static_cast<float>((b.minx - e.minx) / e.width()),
                static_cast<float>((e.maxy - b.maxy) / e.height()), static_cast<float>((b.maxx - e.minx) / e.width()),
                static_cast<float>((e.maxy - b.miny) / e.height()));
    glBindTexture(GL_TEXTURE_2D, p.texture->id());
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    ++drawCalls_;
  };
  const Bounds seen = c.visibleBounds();
  auto clip = [](const Bounds& a, const Bounds& b) {
    return Bounds{std::max(a.minx, b.minx), std::max(a.miny, b.miny), std::min(a.maxx, b.maxx),
                  std::min(a.maxy, b.maxy)};
  };
  if (hasWhole) {
    const Bounds w = clip(whole.extent, seen);
    if (!hasView) {
      drawPart(whole, w);
    } else {  // around the view's picture: the strips west and east of it, then south and north between them
      const Bounds v = clip(view.extent, w);
      if (v.minx >= v.maxx || v.miny >= v.maxy) {
        drawPart(whole, w);
      } else {
        drawPart(whole, {w.minx, w.miny, v.minx, w.maxy});
        drawPart(whole, {v.maxx, w.miny, w.maxx, w.maxy});
        drawPart(whole, {v.minx, w.miny, v.maxx, v.miny});
        drawPart(whole, {v.minx, v.maxy, v.maxx, w.maxy});
      }
    }
  }
  if (hasView) drawPart(view, clip(view.extent, seen));
}

void MapRenderer::draw(const Project& project, const Camera& camera, const Viewport& vp) {
  drawCalls_ = 0;
  densityShown_.clear();
  imageShown_.clear();
  glViewport(vp.x, vp.y, vp.width, vp.height);
  glEnable(GL_BLEND);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_DEPTH_TEST);
  for (const auto& lp : project.layers()) {
    if (!lp->style.visible) continue;
    if (lp->isRaster()) {
      drawRaster(*lp, camera, vp);
      continue;
    }
    auto it = layers_.find(lp->id);
    if (it != layers_.end()) drawLayer(*it->second, *lp, camera, vp);
  }
  // Highlight: a white halo under a dark line, and a ring around a selected point.
  segment_.use();
  setCamera(segment_, camera, vp);
  glUniform1f(segment_.uniform("uOpacity"), 1.0f);
  if (highlightHalo_.segments().count) {
    glUniform1f(segment_.uniform("uWidth"), 6.0f);
    glBindVertexArray(highlightHalo_.segments().vao);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, highlightHalo_.segments().count);
    glUniform1f(segment_.uniform("uWidth"), 3.0f);
    glBindVertexArray(highlight_.segments().vao);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, highlight_.segments().count);
    drawCalls_ += 2;
  }
  if (highlight_.points().count) {
    point_.use();
    setCamera(point_, camera, vp);
    glUniform1f(point_.uniform("uSize"), highlightPointSize_);
    glUniform1f(point_.uniform("uOpacity"), 1.0f);
    glUniform1i(point_.uniform("uShape"), 0);
    glUniform1f(point_.uniform("uOutline"), 3.0f);
    glUniform4f(point_.uniform("uStroke"), 0.05f, 0.05f, 0.05f, 1.f);
    bindPalette(highlight_);
    glBindVertexArray(highlight_.points().vao);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, highlight_.points().count);
    ++drawCalls_;
  }
  glBindVertexArray(0);
}

int MapRenderer::drawnFeatures(const std::string& id) const {
  auto it = layers_.find(id);
  return it == layers_.end() ? 0 : it->second->drawnIn(it->second->districtCode);
}

}  // namespace safetymap::render
