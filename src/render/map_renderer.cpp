#include "render/map_renderer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace safetymap::render {

namespace {
// A run of layers over others is drawn from tiles from this many triangles and outline segments: each tile shown
// is a pass over its pixels, which costs a software renderer more than a few thousand triangles.
constexpr std::size_t kTiledPrimitives = 50000;

float shapeIndex(PointShape s) {
  return static_cast<float>(static_cast<int>(s));
}
}  // namespace

void MapRenderer::init() {
  fill_ = GlProgram("fill.vert", "fill.frag");
  outlinedFill_ = GlProgram("outlined_fill.vert", "outlined_fill.frag");
  stroke_ = GlProgram("stroke.vert", "stroke.frag");
  point_ = GlProgram("point.vert", "point.frag");
  image_ = GlProgram("image.vert", "image.frag");
  tile_ = GlProgram("image.vert", "tile.frag");  // image_ without opacity and filter: a cheaper pass over the map
  // Sprites a frame can afford before a layer turns into its density: a software renderer (llvmpipe on an
  // office PC without a GPU) draws about 10k at 30 fps at 1600×1000, a GPU hundreds of thousands (BENCHMARKS.md).
  const char* r = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  const bool software = r && (std::strstr(r, "llvmpipe") || std::strstr(r, "softpipe"));
  software_ = software;
  // SAFETYMAP_MAP_TILES=0 draws every layer every frame: to compare the tiles with what they stand for.
  const char* tiles = std::getenv("SAFETYMAP_MAP_TILES");
  tilesEnabled_ = !tiles || std::string(tiles) != "0";
  pointBudget_ = software ? 20000 : 500000;
  const float pt[] = {-1, -1, 1, -1, -1, 1, 1, 1};
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
  runs_.clear();  // their tiles and framebuffers, while the context is there
  rasters_.clear();
  if (imageVao_) glDeleteVertexArrays(1, &imageVao_);
  imageVao_ = 0;
  if (pointQuad_) glDeleteBuffers(1, &pointQuad_);
  pointQuad_ = 0;
  fill_ = {};
  outlinedFill_ = {};
  stroke_ = {};
  point_ = {};
  image_ = {};
  tile_ = {};
}

void MapRenderer::setTriangulation(const std::string& id, std::shared_ptr<const Triangulation> t) {
  triangulations_[id] = std::move(t);
}

void MapRenderer::sync(const Project& project, std::uint64_t filterVersion, std::uint64_t tagVersion) {
  // Forget layers that were removed (a raster replaced by another of the same id has other data).
  for (auto it = layers_.begin(); it != layers_.end();)
    it = project.layer(it->first) ? std::next(it) : layers_.erase(it);
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
    g->upload(buildMesh(l, project, tri.get()), pointQuad_);
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
    appendOutline(g, {255, 255, 255, 255}, halo.strokes);
    appendOutline(g, {20, 20, 20, 255}, mesh.strokes);
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
  highlightHalo_.upload(halo, pointQuad_);
  highlight_.upload(mesh, pointQuad_);
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
  drawShapes(g, l, c, vp);
  if (g.points().count > 0) drawPoints(g, l, c, vp);
}

bool MapRenderer::drawRun(const Run& run, bool opaque, const Camera& c, const Viewport& vp) {
  const double ratio = vp.width / std::max(1.0, c.width());  // device pixels per camera pixel (HiDPI)
  if (!MapTiles::serves(c.pixelsPerMetre() * ratio)) return false;
  auto& slot = runs_[{run.front().second->id, opaque}];
  if (!slot) slot = std::make_unique<RunTiles>();
  RunTiles& tiles = *slot;
  tilesDrawn_.push_back(&tiles.tiles);
  if (opaque) bottomTiles_ = &tiles.tiles;
  GLfloat clear[4];
  glGetFloatv(GL_COLOR_CLEAR_VALUE, clear);
  const std::array<float, 4> background =
      opaque ? std::array<float, 4>{clear[0], clear[1], clear[2], 1} : std::array<float, 4>{0, 0, 0, 0};
  // What the tiles show: the layers, their buffers (every upload counted) and styles, and the background.
  std::uint64_t key = 1469598103934665603ull;
  auto mix = [&](std::uint64_t v) { key = (key ^ v) * 1099511628211ull; };
  for (auto [g, l] : run) {
    mix(std::hash<std::string>{}(l->id));
    mix(g->uploads());
    mix(l->styleVersion);
  }
  for (float f : background) mix(static_cast<std::uint64_t>(f * 255.0f + 0.5f));
  mix(static_cast<std::uint64_t>(ratio * 1000));  // the outlines' threshold is in camera pixels
  if (key != tiles.contentKey) {                  // once per change: O(features)
    tiles.contentKey = key;
    tiles.content = {};
    tiles.stroke = 0;
    for (auto [g, l] : run) {
      tiles.content.add(l->bounds());
      tiles.stroke = std::max(tiles.stroke, l->style.strokeWidthPx);
    }
  }
  // Outlines past the edge, as wide as the coarsest level that may stand in paints them (2^1.5 times the view's).
  const double room = (strokeReachPx(tiles.stroke * 1.2) + 1) * 2.83 / c.pixelsPerMetre();
  const Bounds& b = tiles.content;
  const Bounds content{b.minx - room, b.miny - room, b.maxx + room, b.maxy + room};
  MapTiles::Painter painter;
  painter.paint = [&](const Camera& tc, const Viewport& tvp, float widthScale) {
    for (auto [g, l] : run) drawShapes(*g, *l, tc, tvp, widthScale, nullptr, tc.pixelsPerMetre() / ratio);
  };
  painter.direct = [&](const Bounds& world) {  // only there: the tiles around it may be transparent
    const Vec2 nw = c.worldToScreen({world.minx, world.maxy}), se = c.worldToScreen({world.maxx, world.miny});
    const double sx = vp.width / c.width(), sy = vp.height / c.height();
    const int x0 = std::max(vp.x, vp.x + static_cast<int>(std::lround(nw.x * sx)));
    const int x1 = std::min(vp.x + vp.width, vp.x + static_cast<int>(std::lround(se.x * sx)));
    const int y0 = std::max(vp.y, vp.y + vp.height - static_cast<int>(std::lround(se.y * sy)));
    const int y1 = std::min(vp.y + vp.height, vp.y + vp.height - static_cast<int>(std::lround(nw.y * sy)));
    if (x1 <= x0 || y1 <= y0) return;
    GLint box[4];
    glGetIntegerv(GL_SCISSOR_BOX, box);
    const GLboolean scissor = glIsEnabled(GL_SCISSOR_TEST);
    glEnable(GL_SCISSOR_TEST);
    glScissor(x0, y0, x1 - x0, y1 - y0);
    for (auto [g, l] : run) drawShapes(*g, *l, c, vp, 1, &world);
    glScissor(box[0], box[1], box[2], box[3]);
    if (!scissor) glDisable(GL_SCISSOR_TEST);
  };
  bool started = false;
  painter.show = [&](const Texture& t, const Bounds& world, const std::array<float, 4>& uv) {
    if (!started) {
      started = true;
      tile_.use();  // the layers' opacities and the district filter are in the tiles
      setCamera(tile_, c, vp);
      glUniform1i(tile_.uniform("uImage"), 0);
      glActiveTexture(GL_TEXTURE0);
      glBindVertexArray(imageVao_);
      if (opaque)
        glDisable(GL_BLEND);  // a tile of the bottom run holds the background too
      else
        glBlendFuncSeparate(GL_ONE, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);  // premultiplied
    }
    glUniform4f(tile_.uniform("uRect"), static_cast<float>(world.minx - kRenderOrigin.x),
                static_cast<float>(world.miny - kRenderOrigin.y), static_cast<float>(world.maxx - kRenderOrigin.x),
                static_cast<float>(world.maxy - kRenderOrigin.y));
    glUniform4f(tile_.uniform("uUv"), uv[0], uv[1], uv[2], uv[3]);
    glBindTexture(GL_TEXTURE_2D, t.id());
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    ++drawCalls_;
  };
  tiles.tiles.draw(key, content, c, ratio, background, painter);
  if (started) {
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  }
  if (!tiles.tiles.failed())
    for (auto [g, l] : run) tiledShown_.push_back(l->id);
  return true;
}

bool MapRenderer::tilesPending() const {
  for (const MapTiles* t : tilesDrawn_)
    if (t->pending()) return true;
  return false;
}

void MapRenderer::drawShapes(const GpuLayer& g, const Layer& l, const Camera& c, const Viewport& vp, float widthScale,
                             const Bounds* area, double outlinePpm) {
  const LayerStyle& s = l.style;
  // Tiled shapes: the runs of tiles in view that lie together in the buffers, each one draw call.
  const Bounds view = area ? *area : c.visibleBounds();
  const float margin = static_cast<float>((strokeReachPx(s.strokeWidthPx * widthScale) + 1) / c.pixelsPerMetre());
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
  // Outlines of polygons that are mostly smaller than a few pixels (building footprints over the whole ward)
  // are left out until the map is zoomed in: the fill still shows each one. While they are small, they are drawn
  // inside the fill, in its pass.
  const double ppm = outlinePpm > 0 ? outlinePpm : c.pixelsPerMetre();
  const bool outlines = g.outlinedMedianSize * ppm >= kMinOutlinedPixels || g.outlinedMedianSize == 0;
  const bool inFill = outlines && g.hasFillEdges() && g.outlinedMedianSize > 0 &&
                      g.outlinedMedianSize * ppm < kInFillOutlinePixels;
  const float strokeOpacity = std::min(1.0f, s.opacity + 0.3f);
  if (g.fill().count > 0) {
    const GlProgram& program = inFill ? outlinedFill_ : fill_;
    program.use();
    setCamera(program, c, vp);
    glUniform1f(program.uniform("uOpacity"), s.opacity);
    GLint blend[4] = {};  // the caller's, restored after
    if (inFill) {
      glGetIntegerv(GL_BLEND_SRC_RGB, &blend[0]), glGetIntegerv(GL_BLEND_DST_RGB, &blend[1]);
      glGetIntegerv(GL_BLEND_SRC_ALPHA, &blend[2]), glGetIntegerv(GL_BLEND_DST_ALPHA, &blend[3]);
      glBlendFuncSeparate(GL_ONE, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);  // it blends the two itself
      glUniform1f(program.uniform("uWidth"), s.strokeWidthPx * widthScale);
      glUniform4f(program.uniform("uStroke"), s.stroke.r / 255.0f, s.stroke.g / 255.0f, s.stroke.b / 255.0f,
                  s.stroke.a / 255.0f * strokeOpacity);
    }
    glBindVertexArray(g.fill().vao);
    forRuns([&](size_t a, size_t b) {
      const GLint first = tiles.empty() ? 0 : static_cast<GLint>(tiles[a].fillFirst);
      const GLsizei count = tiles.empty()
                                ? g.fill().count
                                : static_cast<GLsizei>(tiles[b - 1].fillFirst + tiles[b - 1].fillCount) - first;
      glDrawArrays(GL_TRIANGLES, first, count);
      ++drawCalls_;
    });
    if (inFill)
      glBlendFuncSeparate(static_cast<GLenum>(blend[0]), static_cast<GLenum>(blend[1]), static_cast<GLenum>(blend[2]),
                          static_cast<GLenum>(blend[3]));
  }
  if (g.strokes().count > 0 && outlines && !inFill) {
    stroke_.use();
    setCamera(stroke_, c, vp);
    glUniform1f(stroke_.uniform("uWidth"), s.strokeWidthPx * widthScale);
    glUniform1f(stroke_.uniform("uOpacity"), strokeOpacity);
    glBindVertexArray(g.strokes().vao);
    forRuns([&](size_t a, size_t b) {
      const GLint first = tiles.empty() ? 0 : static_cast<GLint>(tiles[a].strokeFirst);
      const GLsizei count = tiles.empty()
                                ? g.strokes().count
                                : static_cast<GLsizei>(tiles[b - 1].strokeFirst + tiles[b - 1].strokeCount) - first;
      glDrawArrays(GL_TRIANGLE_STRIP, first, count);
      ++drawCalls_;
    });
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
  if (hasWhole) {
    const Bounds w = whole.extent.overlap(seen);
    if (!hasView) {
      drawPart(whole, w);
    } else {  // around the view's picture: the strips west and east of it, then south and north between them
      const Bounds v = view.extent.overlap(w);
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
  if (hasView) drawPart(view, view.extent.overlap(seen));
}

void MapRenderer::draw(const Project& project, const Camera& camera, const Viewport& vp) {
  drawCalls_ = 0;
  densityShown_.clear();
  tiledShown_.clear();
  glViewport(vp.x, vp.y, vp.width, vp.height);
  glEnable(GL_BLEND);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_DEPTH_TEST);
  const auto& layers = project.layers();
  auto gpu = [&](const Layer& l) -> const GpuLayer* {
    auto it = layers_.find(l.id);
    return it == layers_.end() ? nullptr : it->second.get();
  };
  tilesDrawn_.clear();
  bottomTiles_ = nullptr;
  bool under = false;  // something drawn already: a run's tiles are transparent
  for (std::size_t i = 0; i < layers.size();) {
    const Layer& l = *layers[i];
    const GpuLayer* g = l.style.visible && !l.isRaster() ? gpu(l) : nullptr;
    if (l.style.visible && l.isRaster()) drawRaster(l, camera, vp), under = true;
    if (!g) {
      ++i;
      continue;
    }
    if (g->points().count > 0 || !software_ || !tilesEnabled_) {
      drawLayer(*g, l, camera, vp);
      under = true;
      ++i;
      continue;
    }
    // A run of polygon and line layers (hidden ones skipped): from tiles when at the bottom or costly to draw.
    Run run;
    std::size_t primitives = 0, j = i;
    for (; j < layers.size(); ++j) {
      const Layer& m = *layers[j];
      if (!m.style.visible) continue;
      const GpuLayer* h = m.isRaster() ? nullptr : gpu(m);
      if (m.isRaster() || (h && h->points().count > 0)) break;
      if (h && (h->fill().count > 0 || h->strokes().count > 0)) {
        run.emplace_back(h, &m);
        primitives += static_cast<std::size_t>(h->fill().count) / 3 + static_cast<std::size_t>(h->strokes().count) / 2;
      }
    }
    const bool tiled = !run.empty() && (!under || primitives >= kTiledPrimitives) && drawRun(run, !under, camera, vp);
    if (!tiled)
      for (auto [h, m] : run) drawShapes(*h, *m, camera, vp);
    under = under || !run.empty();
    i = j;
  }
  // Highlight: a white halo under a dark line, and a ring around a selected point.
  stroke_.use();
  setCamera(stroke_, camera, vp);
  glUniform1f(stroke_.uniform("uOpacity"), 1.0f);
  if (highlightHalo_.strokes().count) {
    glUniform1f(stroke_.uniform("uWidth"), 6.0f);
    glBindVertexArray(highlightHalo_.strokes().vao);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, highlightHalo_.strokes().count);
    glUniform1f(stroke_.uniform("uWidth"), 3.0f);
    glBindVertexArray(highlight_.strokes().vao);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, highlight_.strokes().count);
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
  // Runs not drawn in this frame (hidden, changed, zoomed closer than tiles serve): their tiles' memory back.
  for (auto it = runs_.begin(); it != runs_.end();)
    it = std::find(tilesDrawn_.begin(), tilesDrawn_.end(), &it->second->tiles) != tilesDrawn_.end() ? std::next(it)
                                                                                                    : runs_.erase(it);
}

int MapRenderer::drawnFeatures(const std::string& id) const {
  auto it = layers_.find(id);
  return it == layers_.end() ? 0 : it->second->drawnIn(it->second->districtCode);
}

}  // namespace safetymap::render
