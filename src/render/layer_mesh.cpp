#include "render/layer_mesh.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <utility>

#include "analysis/triangulate.hpp"
#include "core/feature_style.hpp"

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

Vec2 unit(Vec2 from, Vec2 to) {
  const double len = distance(from, to);
  return {(to.x - from.x) / len, (to.y - from.y) / len};
}
Vec2 leftOf(Vec2 d) {
  return {-d.y, d.x};
}
// A length in half widths as a StrokeVertex or FillEdges stores it.
std::int16_t strokeUnits(double x) {
  return static_cast<std::int16_t>(std::lround(x * kStrokeUnit));
}
// The corner of two edges whose unit normals a and b point to the same side: the offset that lies one unit from both
// edges' lines (1 / cos(half the turn) out along the bisector), and cos(half the turn): small for a sharp corner,
// whose miter reaches far.
struct Miter {
  Vec2 offset;
  double cosHalf;
};
Miter miter(Vec2 a, Vec2 b) {
  const Vec2 m{a.x + b.x, a.y + b.y};
  const double cosHalf = std::hypot(m.x, m.y) / 2;
  const double scale = cosHalf > 0 ? 1 / (2 * cosHalf * cosHalf) : 0;  // m / |m| / cosHalf
  return {{m.x * scale, m.y * scale}, cosHalf};
}

// A ring's or line's strip (see StrokeVertex), begun and ended with a repeat of its first and last vertex.
void appendRing(const std::vector<Vec2>& ring, bool closed, Rgba c, std::vector<StrokeVertex>& out) {
  // Without repeated points (within a millimetre, far below a pixel): they have no direction of their own.
  auto same = [](Vec2 u, Vec2 v) { return std::abs(u.x - v.x) < 1e-3 && std::abs(u.y - v.y) < 1e-3; };
  thread_local std::vector<Vec2> p;  // kept between rings: no allocation per footprint
  p.clear();
  for (const Vec2& v : ring)
    if (p.empty() || !same(v, p.back())) p.push_back(v);
  if (closed && p.size() > 1 && same(p.front(), p.back())) p.pop_back();
  const std::size_t n = p.size();
  if (n < 2) return;
  closed = closed && n > 2;  // two points make a line, not a ring
  auto side = [&](Vec2 at, Vec2 d, std::int16_t s) {
    StrokeVertex v{fx(at.x), fy(at.y), strokeUnits(d.x), strokeUnits(d.y), s, 0, {}};
    put(v.rgba, c);
    out.push_back(v);
  };
  auto both = [&](Vec2 at, Vec2 left, Vec2 right) { side(at, left, 1), side(at, right, -1); };
  const std::size_t join = out.size();
  out.emplace_back();  // the join from the strip before: a repeat of the first vertex
  const std::size_t first = out.size();
  // A square cap half a width past a leg's end (along = +1) or before its start (-1).
  auto cap = [&](Vec2 at, Vec2 d, double along) {
    const Vec2 l = leftOf(d);
    both(at, {l.x + along * d.x, l.y + along * d.y}, {-l.x + along * d.x, -l.y + along * d.y});
  };
  for (std::size_t i = 0; i < n; ++i) {
    const bool start = !closed && i == 0, end = !closed && i == n - 1;
    const Vec2 in = start ? Vec2{} : unit(p[(i + n - 1) % n], p[i]);
    const Vec2 outward = end ? Vec2{} : unit(p[i], p[(i + 1) % n]);
    if (start || end) {
      cap(p[i], start ? outward : in, start ? -1 : 1);
      continue;
    }
    // Where the two sides' edges meet. Past kMiterLimit (a sharp turn, or the line turning right back) each leg
    // ends in its own square cap instead.
    const Miter corner = miter(leftOf(in), leftOf(outward));
    if (corner.cosHalf < 1 / kMiterLimit) {
      cap(p[i], in, 1), cap(p[i], outward, -1);
      continue;
    }
    both(p[i], corner.offset, {-corner.offset.x, -corner.offset.y});
  }
  if (closed) {
    const StrokeVertex left = out[first], right = out[first + 1];
    out.push_back(left), out.push_back(right);
  }
  out[join] = out[first];
  const StrokeVertex last = out.back();
  out.push_back(last);  // the join to the strip after
}

// The FillEdges of a feature's triangles. A side is an edge when its two ends are consecutive points of one of the
// feature's rings (the triangulation keeps the rings' coordinates exactly); a vertex moves out along the miter of its
// ring's corner, the same for every triangle that holds it, so the widened triangles still meet.
void appendFillEdges(const Geometry& g, const Vec2* tri, std::size_t count, std::vector<FillEdges>& out) {
  using Side = std::pair<Vec2, Vec2>;
  auto less = [](Vec2 a, Vec2 b) { return a.x < b.x || (a.x == b.x && a.y < b.y); };
  auto side = [&](Vec2 a, Vec2 b) { return less(b, a) ? Side{b, a} : Side{a, b}; };
  auto dot = [](Vec2 a, Vec2 b) { return a.x * b.x + a.y * b.y; };
  struct Corner {
    Vec2 at, miter;  // the miter in half widths, outwards
    Vec2 ends[2];    // the other ends of its two edges
    Vec2 inward[2];  // their normals into the polygon
    bool convex;
  };
  thread_local std::vector<Corner> corners;  // kept between features: no allocation per footprint
  corners.clear();
  auto addRing = [&](const Ring& r, bool insideOnLeft) {
    const std::size_t n = r.size();
    for (std::size_t i = 0; i < n; ++i) {
      const Vec2 p = r[i];
      std::size_t a = (i + n - 1) % n, b = (i + 1) % n;  // its neighbours, past repeats of itself
      while (a != i && r[a] == p) a = (a + n - 1) % n;
      while (b != i && r[b] == p) b = (b + 1) % n;
      if (a == i || b == i) continue;
      const Vec2 prev = unit(r[a], p), next = unit(p, r[b]);
      auto into = [&](Vec2 d) { return insideOnLeft ? leftOf(d) : Vec2{d.y, -d.x}; };
      const Vec2 n1 = into(prev), n2 = into(next);
      Miter out = miter({-n1.x, -n1.y}, {-n2.x, -n2.y});
      // Past the miter limit (a spike), the miter's direction at the limit's length: the tip's outline is cut short
      // there (a strip caps it), a fraction of a pixel at these sizes.
      if (out.cosHalf < 1 / kMiterLimit) {
        const double length = std::hypot(out.offset.x, out.offset.y);
        out.offset = length > 0 ? Vec2{out.offset.x / length * kMiterLimit, out.offset.y / length * kMiterLimit}
                                : Vec2{prev.x * kMiterLimit, prev.y * kMiterLimit};
      }
      const double turn = prev.x * next.y - prev.y * next.x;  // > 0: a left turn
      corners.push_back({p, out.offset, {r[a], r[b]}, {n1, n2}, insideOnLeft ? turn >= 0 : turn <= 0});
    }
  };
  for (const auto& p : g.polygons) {
    addRing(p.outer, signedArea(p.outer) > 0);
    for (const auto& h : p.holes) addRing(h, signedArea(h) < 0);  // the polygon lies outside its hole
  }
  std::sort(corners.begin(), corners.end(), [&](const Corner& a, const Corner& b) { return less(a.at, b.at); });
  // The corner of `v[k]` whose inside holds the rest of the triangle: a point where rings touch has one per ring.
  auto cornerOf = [&](const Vec2* v, int k) -> const Corner* {
    auto it = std::lower_bound(corners.begin(), corners.end(), v[k],
                               [&](const Corner& c, Vec2 q) { return less(c.at, q); });
    const Corner* best = nullptr;
    int bestScore = -1;
    for (; it != corners.end() && it->at == v[k]; ++it) {
      int score = 0;
      for (int u = 1; u < 3; ++u)
        for (int e = 0; e < 2; ++e)
          score += dot({v[(k + u) % 3].x - v[k].x, v[(k + u) % 3].y - v[k].y}, it->inward[e]) >= 0;
      if (score > bestScore) best = &*it, bestScore = score;
    }
    return best;
  };
  auto unitShort = [](double x) { return strokeUnits(std::clamp(x, -7.99, 7.99)); };
  struct Line {
    Side key;
    Vec2 on, inward;
  };
  for (std::size_t t = 0; t + 3 <= count; t += 3) {
    const Vec2 v[3] = {tri[t], tri[t + 1], tri[t + 2]};
    const Corner* c[3] = {cornerOf(v, 0), cornerOf(v, 1), cornerOf(v, 2)};
    Line lines[kFillLines];
    int n = 0;
    auto taken = [&](const Side& k) {
      for (int j = 0; j < n; ++j)
        if (lines[j].key == k) return true;
      return false;
    };
    // Its own sides that are edges, with the ring's normal (a flat triangle has none of its own).
    for (int k = 0; k < 3; ++k)
      for (int e = 0; c[k] && e < 2; ++e)
        if (c[k]->ends[e] == v[(k + 1) % 3] || c[k]->ends[e] == v[(k + 2) % 3]) {
          const Side key = side(v[k], c[k]->ends[e]);
          if (!taken(key)) lines[n++] = {key, v[k], c[k]->inward[e]};
        }
    // The other edges at its corners: a point near a corner may lie in this triangle and nearest that edge (a widened
    // corner moves the diagonals through it). At a convex corner the edge's line runs outside the polygon past it;
    // at a reflex one it runs inside, so it is taken only where the triangle keeps 30 degrees from it there, else it
    // would draw a line that is not. The corners without a side of their own first: theirs are missing most.
    for (int pass = 0; pass < 2; ++pass)
      for (int k = 0; k < 3 && n < kFillLines; ++k) {
        if (!c[k]) continue;
        const bool ownSide = taken(side(v[k], c[k]->ends[0])) || taken(side(v[k], c[k]->ends[1]));
        if (ownSide != (pass == 1)) continue;
        for (int e = 0; e < 2 && n < kFillLines; ++e) {
          const Side key = side(v[k], c[k]->ends[e]);
          if (taken(key)) continue;
          bool clear = true;
          const Vec2 beyond = c[k]->convex ? Vec2{} : unit(c[k]->ends[e], v[k]);
          for (int u = 1; u < 3 && !c[k]->convex; ++u) {
            const Vec2 d{v[(k + u) % 3].x - v[k].x, v[(k + u) % 3].y - v[k].y};
            const double across = dot(d, c[k]->inward[e]), length = std::hypot(d.x, d.y);
            clear = clear && across >= -1e-9 * length && (dot(d, beyond) <= 0 || across >= 0.5 * length);
          }
          if (clear) lines[n++] = {key, v[k], c[k]->inward[e]};
        }
      }
    for (int k = 0; k < 3; ++k) {
      const Vec2 m = c[k] ? c[k]->miter : Vec2{};
      FillEdges f{};
      f.dx = unitShort(m.x), f.dy = unitShort(m.y);
      for (int j = 0; j < kFillLines; ++j) {
        if (j >= n) {
          f.d[j] = kNotEdge;
          continue;
        }
        f.d[j] = static_cast<float>(dot({v[k].x - lines[j].on.x, v[k].y - lines[j].on.y}, lines[j].inward));
        f.shift[j] = unitShort(dot(m, lines[j].inward));
      }
      out.push_back(f);
    }
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

void appendOutline(const Geometry& g, Rgba c, std::vector<StrokeVertex>& out) {
  for (const auto& p : g.polygons) {
    appendRing(p.outer, true, c, out);
    for (const auto& h : p.holes) appendRing(h, true, c, out);
  }
  for (const auto& l : g.lines) appendRing(l, false, c, out);
}

namespace {
// Features with a colour of their own: thematic fills, or the districts' colours.
std::size_t ownColours(const Layer& layer, const Project& project) {
  const std::size_t districts = layer.role == LayerRole::Districts ? project.districts().size() : 0;
  return std::max(layer.style.featureFills.size(), std::min(districts, layer.features.size()));
}

std::uint32_t slotOf(const Layer& layer, std::size_t i, std::size_t own) {
  const LayerStyle& s = layer.style;
  if (i < own) return static_cast<std::uint32_t>(1 + s.categories.size() + i);
  const int c = layer.features[i].category;
  return c >= 0 && static_cast<std::size_t>(c) < s.categories.size() ? static_cast<std::uint32_t>(1 + c) : 0;
}
}  // namespace

std::vector<Rgba> pointPalette(const Layer& layer, const Project& project) {
  const LayerStyle& s = layer.style;
  std::vector<Rgba> p{shownColour(s.fill)};
  for (const auto& c : s.categories)
    p.push_back(c.visible ? shownColour(c.color) : Rgba{c.color.r, c.color.g, c.color.b, 0});
  const std::size_t own = ownColours(layer, project);
  for (std::size_t i = 0; i < own; ++i)
    p.push_back(shownColour(featureColour(layer, i, project)));  // a colour of its own, or its district's
  return p;
}

std::uint64_t pointLayoutKey(const Layer& layer, const Project& project) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a over the inputs of the layout
  auto mixIn = [&](std::uint64_t v) { h = (h ^ v) * 1099511628211ull; };
  mixIn(layer.style.categories.size());  // not their visibility: a hidden category is a transparent colour
  const std::size_t own = ownColours(layer, project);
  mixIn(own);
  // Colours of a feature's own hide nothing per category, and past 64 slots only shown points are counted:
  // then a category's visibility changes the instances, and the renderer rebuilds.
  if (own > 0 || countedSlots(1 + layer.style.categories.size() + own) == 1)
    for (const auto& c : layer.style.categories) mixIn(c.visible);
  mixIn(std::hash<std::string>{}(layer.style.categoryField));
  return h;
}

LayerMesh buildMesh(const Layer& layer, const Project& project, const Triangulation* tri) {
  LayerMesh m;
  const LayerStyle& s = layer.style;
  const bool districts = layer.role == LayerRole::Districts;
  m.palette = pointPalette(layer, project);
  m.pointFeaturesPerSlot.assign(m.palette.size(), 0);
  const std::size_t own = ownColours(layer, project);
  if (layer.geometryType() == GeometryType::Point) m.points.reserve(layer.features.size());
  const bool useTri = tri && tri->dataVersion == layer.dataVersion && tri->starts.size() == layer.features.size() + 1;
  // A point layer keeps all its points, each with its district code; the renderer filters them.
  const bool gpuFilter = pointsFilteredOnGpu(layer);
  const std::size_t counted = countedSlots(m.palette.size());
  for (const auto& f : layer.features)
    if (!f.geometry.points.empty())
      m.districtCodes = std::max<std::size_t>(m.districtCodes, districtCode(f.district) + 1u);
  m.pointFeaturesPerSlotDistrict.assign(counted * m.districtCodes, 0);
  m.countedSlots = counted;
  // Many polygons or lines are laid out tile by tile (features by the tile of their centre), so that a frame
  // draws only the tiles in view, as for points.
  const size_t n = layer.features.size();
  std::vector<std::uint32_t> order;
  std::vector<Bounds> boxes;
  std::vector<int> tileOfFeature;
  constexpr int kTiles = 32;
  if (n >= kTiledShapes && layer.geometryType() != GeometryType::Point) {
    Bounds all;
    boxes.reserve(n);
    for (const auto& f : layer.features) boxes.push_back(f.geometry.bounds()), all.add(boxes.back());
    const double tw = std::max(1e-3, all.width() / kTiles), th = std::max(1e-3, all.height() / kTiles);
    tileOfFeature.resize(n);
    std::vector<std::uint32_t> start(kTiles * kTiles + 1, 0);
    for (size_t i = 0; i < n; ++i) {
      const Vec2 c = boxes[i].empty() ? all.center() : boxes[i].center();
      const int tx = std::clamp(static_cast<int>((c.x - all.minx) / tw), 0, kTiles - 1);
      const int ty = std::clamp(static_cast<int>((c.y - all.miny) / th), 0, kTiles - 1);
      tileOfFeature[i] = ty * kTiles + tx;
      ++start[static_cast<size_t>(tileOfFeature[i]) + 1];
    }
    for (size_t t = 1; t < start.size(); ++t) start[t] += start[t - 1];
    order.resize(n);
    for (size_t i = 0; i < n; ++i)
      order[start[static_cast<size_t>(tileOfFeature[i])]++] = static_cast<std::uint32_t>(i);
  }
  ShapeTile tile{};
  int currentTile = -1;
  bool outlinesInFill = true;
  auto closeTile = [&] {
    tile.fillCount = static_cast<std::uint32_t>(m.fill.size()) - tile.fillFirst;
    tile.strokeCount = static_cast<std::uint32_t>(m.strokes.size()) - tile.strokeFirst;
    if (currentTile >= 0 && (tile.fillCount || tile.strokeCount)) m.shapeTiles.push_back(tile);
  };
  for (size_t k = 0; k < n; ++k) {
    const size_t i = order.empty() ? k : order[k];
    const Feature& f = layer.features[i];
    if (!order.empty() && tileOfFeature[i] != currentTile) {
      closeTile();
      currentTile = tileOfFeature[i];
      constexpr float inf = std::numeric_limits<float>::infinity();
      tile = {inf,
              inf,
              -inf,
              -inf,
              static_cast<std::uint32_t>(m.fill.size()),
              0,
              static_cast<std::uint32_t>(m.strokes.size()),
              0};
    }
    if (!order.empty() && !boxes[i].empty()) {  // a tile's box holds all of its features, not only their centres
      tile.minx = std::min(tile.minx, fx(boxes[i].minx)), tile.miny = std::min(tile.miny, fy(boxes[i].miny));
      tile.maxx = std::max(tile.maxx, fx(boxes[i].maxx)), tile.maxy = std::max(tile.maxy, fy(boxes[i].maxy));
    }
    if (!gpuFilter && !project.passesFilter(layer, f)) continue;
    // A thematic colouring (e.g. drill status) overrides the district's colour, which overrides the category.
    const std::uint32_t slot = slotOf(layer, i, own);
    const bool hiddenCategory = f.category >= 0 && static_cast<size_t>(f.category) < s.categories.size() &&
                                !s.categories[static_cast<size_t>(f.category)].visible;
    // Points of a hidden category stay, their palette colour hides them; one with a colour of its own cannot
    // be hidden that way and is left out (pointLayoutKey then includes the visibility).
    if (!f.geometry.points.empty() && hiddenCategory && slot >= 1 + s.categories.size()) continue;
    if (!f.geometry.points.empty()) {
      const std::uint8_t code = districtCode(f.district);
      for (auto p : f.geometry.points) m.points.push_back({fx(p.x), fy(p.y), slot, code});
      ++m.pointFeaturesPerSlot[slot];
      if (counted > 1)
        ++m.pointFeaturesPerSlotDistrict[std::min<std::size_t>(slot, counted - 1) * m.districtCodes + code];
      else if (slot >= m.palette.size() || m.palette[slot].a > 0)  // one counted slot: the shown points only
        ++m.pointFeaturesPerSlotDistrict[code];
      continue;
    }
    if (hiddenCategory) continue;
    ++m.drawnFeatures;
    Rgba fill = m.palette[slot];
    if (districts && project.selectedDistrict >= 0 && static_cast<int>(i) != project.selectedDistrict)
      fill.a = 70;  // the chosen district stands out, the others fade
    if (s.drawFill && !f.geometry.polygons.empty() && useTri) {
      for (auto k = tri->starts[i]; k < tri->starts[i + 1]; ++k) {
        FillVertex v{fx(tri->vertices[k].x), fy(tri->vertices[k].y), {}};
        put(v.rgba, fill);
        m.fill.push_back(v);
      }
      if (s.drawStroke)
        appendFillEdges(f.geometry, tri->vertices.data() + tri->starts[i], tri->starts[i + 1] - tri->starts[i],
                        m.fillEdges);
    }
    // An outline the fill cannot carry (a polygon GEOS could not triangulate, a line): the layer's outlines stay strips.
    if (s.drawStroke && (!f.geometry.lines.empty() || !s.drawFill || !useTri ||
                         (!f.geometry.polygons.empty() && tri->starts[i] == tri->starts[i + 1])))
      outlinesInFill = false;
    if (s.drawStroke || !f.geometry.lines.empty())
      appendOutline(f.geometry, f.geometry.lines.empty() ? s.stroke : fill, m.strokes);
  }
  if (!order.empty()) closeTile();
  if (!outlinesInFill) m.fillEdges.clear();
  if (m.points.size() >= kTiledPoints) tilePoints(m);
  if (layer.geometryType() == GeometryType::Polygon && s.drawStroke && !m.strokes.empty()) {
    std::vector<float> sizes;
    sizes.reserve(layer.features.size());
    for (const Bounds& b : boxes)  // the tiling's boxes when it made them, else each feature's own
      if (!b.empty()) sizes.push_back(static_cast<float>(std::max(b.width(), b.height())));
    for (const auto& f : layer.features)
      if (boxes.empty() && !f.geometry.polygons.empty()) {
        const Bounds b = f.geometry.bounds();
        sizes.push_back(static_cast<float>(std::max(b.width(), b.height())));
      }
    if (!sizes.empty()) {
      std::nth_element(sizes.begin(), sizes.begin() + static_cast<long>(sizes.size() / 2), sizes.end());
      m.outlinedMedianSize = sizes[sizes.size() / 2];
    }
  }
  return m;
}

Rgba densityColor(double t) {
  static const Rgba stops[] = {
      {255, 255, 204, 255}, {254, 217, 118, 255}, {253, 141, 60, 255}, {227, 26, 28, 255}, {128, 0, 38, 255}};
  t = std::clamp(t, 0.0, 1.0) * 4;
  int i = std::min(3, static_cast<int>(t));
  double f = t - i;
  auto mix = [&](std::uint8_t a, std::uint8_t b) { return static_cast<std::uint8_t>(std::lround(a + (b - a) * f)); };
  return {mix(stops[i].r, stops[i + 1].r), mix(stops[i].g, stops[i + 1].g), mix(stops[i].b, stops[i + 1].b), 255};
}

void tilePoints(LayerMesh& m) {
  constexpr int kTiles = 32;  // per side
  // Counts are kept per palette slot so that hiding a category needs no rebuild; a layer with more slots than
  // that is sensible to keep (colours of its own per feature) counts only its shown points, in one slot.
  const size_t counted = countedSlots(m.palette.size());
  m.countedSlots = counted;
  constexpr size_t kSkip = ~size_t{0};
  auto slotOf = [&](const PointInstance& p) {
    if (counted > 1) return std::min<size_t>(p.slot, counted - 1);
    return p.slot < m.palette.size() && m.palette[p.slot].a == 0 ? kSkip : 0;
  };
  float minx = m.points[0].x, maxx = minx, miny = m.points[0].y, maxy = miny;
  for (const auto& p : m.points)
    minx = std::min(minx, p.x), maxx = std::max(maxx, p.x), miny = std::min(miny, p.y), maxy = std::max(maxy, p.y);
  const float tw = std::max(1e-3f, (maxx - minx) / kTiles), th = std::max(1e-3f, (maxy - miny) / kTiles);
  std::vector<std::uint16_t> tileOf(m.points.size());
  std::vector<std::uint32_t> start(kTiles * kTiles + 1, 0), perTileSlot(kTiles * kTiles * counted, 0);
  const std::size_t codes = m.districtCodes;
  std::vector<std::uint32_t> perTileDistrict(kTiles * kTiles * codes, 0);
  for (size_t i = 0; i < m.points.size(); ++i) {
    const int tx = std::min(kTiles - 1, static_cast<int>((m.points[i].x - minx) / tw));
    const int ty = std::min(kTiles - 1, static_cast<int>((m.points[i].y - miny) / th));
    tileOf[i] = static_cast<std::uint16_t>(ty * kTiles + tx);
    ++start[static_cast<size_t>(tileOf[i]) + 1];
    if (const size_t s = slotOf(m.points[i]); s != kSkip) ++perTileSlot[tileOf[i] * counted + s];
    ++perTileDistrict[tileOf[i] * codes + std::min<std::size_t>(m.points[i].district, codes - 1)];
  }
  for (size_t t = 1; t < start.size(); ++t) start[t] += start[t - 1];
  // Tile by tile, and within a tile district by district, so that a chosen district's points are one run per tile
  // (the others are never sent through the vertex shader, which a software renderer runs on the UI thread).
  std::vector<PointInstance> sorted(m.points.size());
  std::vector<std::uint32_t> next(perTileDistrict.size());
  for (size_t b = 1; b < next.size(); ++b) next[b] = next[b - 1] + perTileDistrict[b - 1];
  for (size_t i = 0; i < m.points.size(); ++i)  // stable: the draw order within a district is kept
    sorted[next[tileOf[i] * codes + std::min<std::size_t>(m.points[i].district, codes - 1)]++] = m.points[i];
  m.points.swap(sorted);
  m.tiles.clear();
  m.tileSlotCounts.clear();
  m.tileDistrictCounts.clear();
  for (int t = 0; t < kTiles * kTiles; ++t) {
    const std::uint32_t first = start[static_cast<size_t>(t)], count = start[static_cast<size_t>(t) + 1] - first;
    if (count == 0) continue;
    const float x0 = minx + (t % kTiles) * tw, y0 = miny + (t / kTiles) * th;
    m.tiles.push_back({x0, y0, x0 + tw, y0 + th, first, count});
    const auto from = perTileSlot.begin() + static_cast<long>(static_cast<size_t>(t) * counted);
    m.tileSlotCounts.insert(m.tileSlotCounts.end(), from, from + static_cast<long>(counted));
    const auto byDistrict = perTileDistrict.begin() + static_cast<long>(static_cast<size_t>(t) * codes);
    m.tileDistrictCounts.insert(m.tileDistrictCounts.end(), byDistrict, byDistrict + static_cast<long>(codes));
  }
  if (m.points.size() < kDensityPoints) return;
  // Counts on a grid of about 10 m cells (at most 1024 a side), per palette slot, so that hiding a category
  // repaints the image from the counts of the others without touching the points.
  PointDensity& d = m.density;
  d.cell = std::max({10.0f, (maxx - minx) / 1024, (maxy - miny) / 1024});
  d.width = static_cast<int>((maxx - minx) / d.cell) + 1;
  d.height = static_cast<int>((maxy - miny) / d.cell) + 1;
  d.minx = minx, d.maxy = maxy;
  const size_t cells = static_cast<size_t>(d.width) * static_cast<size_t>(d.height);
  d.slots = counted;
  d.slotCounts.assign(cells * counted, 0);
  d.cellDistrict.assign(cells, kEmptyCell);
  for (const auto& p : m.points) {
    const auto cx = static_cast<size_t>((p.x - minx) / d.cell), cy = static_cast<size_t>((maxy - p.y) / d.cell);
    const size_t cell = cy * static_cast<size_t>(d.width) + cx;
    std::uint8_t& owner = d.cellDistrict[cell];
    owner = owner == kEmptyCell || owner == p.district ? static_cast<std::uint8_t>(p.district) : kMixedCell;
    const size_t s = slotOf(p);
    if (s == kSkip) continue;
    ++d.slotCounts[cell * counted + s];
  }
  paintDensity(d, m.palette);
}

int drawnFeatureCount(int shapes, const std::vector<std::uint32_t>& perSlot, const std::vector<Rgba>& palette) {
  std::uint64_t n = static_cast<std::uint64_t>(shapes);
  for (size_t s = 0; s < perSlot.size(); ++s)
    if (s >= palette.size() || palette[s].a > 0) n += perSlot[s];
  return static_cast<int>(n);
}

int drawnFeatureCount(int shapes, const std::vector<std::uint32_t>& perSlot,
                      const std::vector<std::uint32_t>& perSlotDistrict, std::size_t codes, std::size_t counted,
                      const std::vector<Rgba>& palette, int code) {
  if (code < 0 || perSlotDistrict.size() < counted * codes) return drawnFeatureCount(shapes, perSlot, palette);
  std::uint64_t n = static_cast<std::uint64_t>(shapes);
  if (static_cast<std::size_t>(code) >= codes) return static_cast<int>(n);  // no point there
  for (std::size_t s = 0; s < counted; ++s)
    if (counted == 1 || s >= palette.size() || palette[s].a > 0)
      n += perSlotDistrict[s * codes + static_cast<std::size_t>(code)];
  return static_cast<int>(n);
}

void paintDensity(PointDensity& d, const std::vector<Rgba>& palette) {
  const size_t cells = static_cast<size_t>(d.width) * static_cast<size_t>(d.height);
  std::vector<std::uint32_t> counts(cells, 0);
  std::vector<std::size_t> shown;
  for (size_t s = 0; s < d.slots; ++s)
    if (d.slots == 1 || s >= palette.size() || palette[s].a > 0) shown.push_back(s);
  d.maxCount = 0;
  for (size_t c = 0; c < cells; ++c) {
    for (size_t s : shown) counts[c] += d.slotCounts[c * d.slots + s];
    d.maxCount = std::max(d.maxCount, counts[c]);
  }
  // Coloured on a square-root scale so that both the quiet streets and the hot spots read.
  d.rgba.assign(cells * 4, 0);
  for (size_t i = 0; i < cells; ++i) {
    if (counts[i] == 0) continue;
    Rgba c = densityColor(std::sqrt(static_cast<double>(counts[i]) / d.maxCount));
    d.rgba[i * 4] = c.r, d.rgba[i * 4 + 1] = c.g, d.rgba[i * 4 + 2] = c.b, d.rgba[i * 4 + 3] = 230;
  }
}

}  // namespace safetymap::render
