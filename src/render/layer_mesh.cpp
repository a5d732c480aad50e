#include "render/layer_mesh.hpp"

#include "analysis/triangulate.hpp"

namespace safetymap::render {

namespace {
void put(std::uint8_t* dst, Rgba c) {
  dst[0] = c.r, dst[1] = c.g, dst[2] = c.b, dst[3] = c.a;
}
float fx(double x) {
  return static_cast<float>(x - kRenderOrigin.x);
}
float fy(double y) {
  return static_cast<float>(y - kRenderOrigin.y);
}

void appendRing(const std::vector<Vec2>& r, bool closed, Rgba c, std::vector<SegmentInstance>& out) {
  size_t n = r.size();
  if (n < 2) return;
  size_t segs = closed ? n : n - 1;
  for (size_t i = 0; i < segs; ++i) {
    const Vec2& a = r[i];
    const Vec2& b = r[(i + 1) % n];
    SegmentInstance s{fx(a.x), fy(a.y), fx(b.x), fy(b.y), {}};
    put(s.rgba, c);
    out.push_back(s);
  }
}
}  // namespace

std::shared_ptr<const Triangulation> triangulateLayer(const Layer& layer) {
  auto t = std::make_shared<Triangulation>();
  t->dataVersion = layer.dataVersion;
  t->starts.reserve(layer.features.size() + 1);
  for (const auto& f : layer.features) {
    t->starts.push_back(static_cast<std::uint32_t>(t->vertices.size()));
    analysis::triangulate(f.geometry, t->vertices);
  }
  t->starts.push_back(static_cast<std::uint32_t>(t->vertices.size()));
  return t;
}

void appendOutline(const Geometry& g, Rgba c, std::vector<SegmentInstance>& out) {
  for (const auto& p : g.polygons) {
    appendRing(p.outer, true, c, out);
    for (const auto& h : p.holes) appendRing(h, true, c, out);
  }
  for (const auto& l : g.lines) appendRing(l, false, c, out);
}

LayerMesh buildMesh(const Layer& layer, const Project& project, const Triangulation* tri) {
  LayerMesh m;
  const LayerStyle& s = layer.style;
  const bool districts = layer.role == LayerRole::Districts;
  const bool useTri = tri && tri->dataVersion == layer.dataVersion && tri->starts.size() == layer.features.size() + 1;
  for (size_t i = 0; i < layer.features.size(); ++i) {
    const Feature& f = layer.features[i];
    if (!project.passesFilter(layer, f)) continue;
    if (f.category >= 0 && static_cast<size_t>(f.category) < s.categories.size() &&
        !s.categories[static_cast<size_t>(f.category)].visible)
      continue;
    ++m.drawnFeatures;
    Rgba fill = s.fill;
    if (i < s.featureFills.size())  // a thematic colouring (e.g. drill status) overrides the rest
      fill = s.featureFills[i];
    else if (districts && i < project.districts().size())
      fill = project.districts()[i].fill;
    else if (f.category >= 0 && static_cast<size_t>(f.category) < s.categories.size())
      fill = s.categories[static_cast<size_t>(f.category)].color;
    if (districts && project.selectedDistrict >= 0 && static_cast<int>(i) != project.selectedDistrict)
      fill.a = 70;  // the chosen district stands out, the others fade
    if (s.drawFill && !f.geometry.polygons.empty() && useTri) {
      for (auto k = tri->starts[i]; k < tri->starts[i + 1]; ++k) {
        FillVertex v{fx(tri->vertices[k].x), fy(tri->vertices[k].y), {}};
        put(v.rgba, fill);
        m.fill.push_back(v);
      }
    }
    if (s.drawStroke || !f.geometry.lines.empty())
      appendOutline(f.geometry, f.geometry.lines.empty() ? s.stroke : fill, m.segments);
    for (auto p : f.geometry.points) {
      PointInstance pi{fx(p.x), fy(p.y), {}};
      put(pi.rgba, fill);
      m.points.push_back(pi);
    }
  }
  return m;
}

}  // namespace safetymap::render
