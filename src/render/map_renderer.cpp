#include "render/map_renderer.hpp"

namespace safetymap::render {

namespace {
float shapeIndex(PointShape s) {
  return static_cast<float>(static_cast<int>(s));
}
}  // namespace

void MapRenderer::init() {
  fill_ = GlProgram("fill.vert", "fill.frag");
  segment_ = GlProgram("segment.vert", "segment.frag");
  point_ = GlProgram("point.vert", "point.frag");
  const float seg[] = {0, -1, 0, 1, 1, -1, 1, 1};
  const float pt[] = {-1, -1, 1, -1, -1, 1, 1, 1};
  glGenBuffers(1, &segmentQuad_);
  glBindBuffer(GL_ARRAY_BUFFER, segmentQuad_);
  glBufferData(GL_ARRAY_BUFFER, sizeof seg, seg, GL_STATIC_DRAW);
  glGenBuffers(1, &pointQuad_);
  glBindBuffer(GL_ARRAY_BUFFER, pointQuad_);
  glBufferData(GL_ARRAY_BUFFER, sizeof pt, pt, GL_STATIC_DRAW);
}

void MapRenderer::shutdown() {
  layers_.clear();
  if (segmentQuad_) glDeleteBuffers(1, &segmentQuad_);
  if (pointQuad_) glDeleteBuffers(1, &pointQuad_);
  segmentQuad_ = pointQuad_ = 0;
  fill_ = {};
  segment_ = {};
  point_ = {};
}

void MapRenderer::setTriangulation(const std::string& id, std::shared_ptr<const Triangulation> t) {
  triangulations_[id] = std::move(t);
}

void MapRenderer::sync(const Project& project, std::uint64_t filterVersion) {
  rebuilds_ = 0;
  // Forget layers that were removed.
  for (auto it = layers_.begin(); it != layers_.end();)
    it = project.layer(it->first) ? std::next(it) : layers_.erase(it);
  for (const auto& lp : project.layers()) {
    const Layer& l = *lp;
    auto& g = layers_[l.id];
    if (!g) g = std::make_unique<GpuLayer>();
    bool filtered = !isContextRole(l.role) || l.role == LayerRole::Districts;
    if (g->dataVersion == l.dataVersion && g->styleVersion == l.styleVersion &&
        (!filtered || g->filterVersion == filterVersion))
      continue;
    auto& tri = triangulations_[l.id];
    if (l.geometryType() == GeometryType::Polygon && (!tri || tri->dataVersion != l.dataVersion))
      tri = triangulateLayer(l);  // a user edit; the loader triangulates big layers off the UI thread
    g->upload(buildMesh(l, project, tri.get()), segmentQuad_, pointQuad_);
    g->dataVersion = l.dataVersion;
    g->styleVersion = l.styleVersion;
    g->filterVersion = filterVersion;
    ++rebuilds_;
  }
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
    if (l && static_cast<size_t>(project.selection.feature) < l->features.size()) {
      const Geometry& g = l->features[static_cast<size_t>(project.selection.feature)].geometry;
      outline(g);
      for (auto p : g.points) {
        PointInstance pi{
            static_cast<float>(p.x - kRenderOrigin.x), static_cast<float>(p.y - kRenderOrigin.y), {0, 0, 0, 0}};
        mesh.points.push_back(pi);
      }
      highlightPointSize_ = l->style.pointSizePx + 12;
    }
  }
  highlightHalo_.upload(halo, segmentQuad_, pointQuad_);
  highlight_.upload(mesh, segmentQuad_, pointQuad_);
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
  const LayerStyle& s = l.style;
  if (g.fill().count > 0) {
    fill_.use();
    setCamera(fill_, c, vp);
    glUniform1f(fill_.uniform("uOpacity"), s.opacity);
    glBindVertexArray(g.fill().vao);
    glDrawArrays(GL_TRIANGLES, 0, g.fill().count);
    ++drawCalls_;
  }
  if (g.segments().count > 0) {
    segment_.use();
    setCamera(segment_, c, vp);
    glUniform1f(segment_.uniform("uWidth"), s.strokeWidthPx);
    glUniform1f(segment_.uniform("uOpacity"), std::min(1.0f, s.opacity + 0.3f));
    glBindVertexArray(g.segments().vao);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, g.segments().count);
    ++drawCalls_;
  }
  if (g.points().count > 0) {
    point_.use();
    setCamera(point_, c, vp);
    glUniform1f(point_.uniform("uSize"), s.pointSizePx);
    glUniform1f(point_.uniform("uOpacity"), s.opacity);
    glUniform1i(point_.uniform("uShape"), static_cast<int>(shapeIndex(s.shape)));
    glUniform1f(point_.uniform("uOutline"), 1.3f);
    glUniform4f(point_.uniform("uStroke"), s.stroke.r / 255.f, s.stroke.g / 255.f, s.stroke.b / 255.f, 1.f);
    glBindVertexArray(g.points().vao);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, g.points().count);
    ++drawCalls_;
  }
}

void MapRenderer::draw(const Project& project, const Camera& camera, const Viewport& vp) {
  drawCalls_ = 0;
  glViewport(vp.x, vp.y, vp.width, vp.height);
  glEnable(GL_BLEND);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_DEPTH_TEST);
  for (const auto& lp : project.layers()) {
    if (!lp->style.visible) continue;
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
    glBindVertexArray(highlight_.points().vao);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, highlight_.points().count);
    ++drawCalls_;
  }
  glBindVertexArray(0);
}

int MapRenderer::drawnFeatures(const std::string& id) const {
  auto it = layers_.find(id);
  return it == layers_.end() ? 0 : it->second->drawnFeatures;
}

}  // namespace safetymap::render
