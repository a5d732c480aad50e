// Layers become vertex arrays once; the district filter and hidden categories leave features out.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <random>

#include "render/layer_mesh.hpp"

using namespace safetymap;

namespace {
std::shared_ptr<Layer> crimes() {
  auto l = std::make_shared<Layer>();
  l->id = "crimes";
  l->role = LayerRole::Crimes;
  l->fields = {{"手口"}};
  l->style.categoryField = "手口";
  const char* kinds[] = {"自転車盗", "車上ねらい", "自転車盗"};
  for (int i = 0; i < 3; ++i) {
    Feature f;
    f.geometry.type = GeometryType::Point;
    f.geometry.points = {{render::kRenderOrigin.x + i * 10.0, render::kRenderOrigin.y}};
    f.values = {kinds[i]};
    f.district = i == 2 ? 1 : 0;
    l->features.push_back(f);
  }
  l->assignCategories();
  return l;
}
}  // namespace

TEST_CASE("points become one instance each, coloured by category", "[mesh]") {
  Project p;
  auto l = crimes();
  p.addLayer(l);
  auto m = render::buildMesh(*l, p, nullptr);
  REQUIRE(m.points.size() == 3);
  CHECK(render::drawnFeatureCount(m.drawnFeatures, m.pointFeaturesPerSlot, m.palette) == 3);
  CHECK(m.points[1].x == Approx(10.0f));
  Rgba bicycle = l->style.categories[0].color;
  auto colour = [&](size_t i) { return m.palette.at(m.points[i].slot); };
  CHECK(colour(0) == bicycle);
  CHECK(colour(2) == bicycle);
  CHECK_FALSE(colour(1) == bicycle);
  CHECK(colour(1) == l->style.categories[1].color);
}

TEST_CASE("recolouring points changes their palette, not their instances", "[mesh]") {
  Project p;
  auto l = crimes();
  p.addLayer(l);
  const auto key = render::pointLayoutKey(*l, p);
  const auto before = render::buildMesh(*l, p, nullptr);
  l->style.categories[0].color = {1, 2, 3, 255};
  l->style.fill = {4, 5, 6, 255};
  CHECK(render::pointLayoutKey(*l, p) == key);  // the renderer uploads only the palette
  const auto palette = render::pointPalette(*l, p);
  CHECK(palette.at(before.points[0].slot) == Rgba{1, 2, 3, 255});
  CHECK(palette.at(0) == Rgba{4, 5, 6, 255});
  const auto after = render::buildMesh(*l, p, nullptr);  // and a full rebuild agrees with the palette
  for (size_t i = 0; i < after.points.size(); ++i) CHECK(after.points[i].slot == before.points[i].slot);
  CHECK(after.palette == palette);

  l->style.categories[1].visible = false;  // hiding a category is a palette change too
  CHECK(render::pointLayoutKey(*l, p) == key);
  CHECK(render::pointPalette(*l, p).at(before.points[1].slot).a == 0);
  l->style.categories[1].visible = true;
  l->style.categories[1].color.a = 0;  // a transparent fill is still shown (its outline): alpha 0 means hidden
  CHECK(render::pointPalette(*l, p).at(before.points[1].slot).a == 1);
  l->style.featureFills = {{9, 9, 9, 255}};  // a thematic colour of its own for the first record
  CHECK(render::pointLayoutKey(*l, p) != key);
  const auto themed = render::buildMesh(*l, p, nullptr);
  CHECK(themed.palette.at(themed.points[0].slot) == Rgba{9, 9, 9, 255});
  CHECK(themed.palette.at(themed.points[2].slot) == Rgba{1, 2, 3, 255});
}

TEST_CASE("the district filter and hidden categories leave features out", "[mesh]") {
  Project p;
  auto l = crimes();
  p.addLayer(l);
  District a, b;
  a.nameJa = "築港", b.nameJa = "港晴";
  p.setDistricts({a, b});
  p.selectedDistrict = 1;
  // Points stay, each with its district's code: the renderer filters them with a uniform, and the counts per
  // district say what is drawn, so choosing a district needs no rebuild.
  const auto chosen = render::buildMesh(*l, p, nullptr);
  REQUIRE(chosen.points.size() == 3);
  CHECK(chosen.points[0].district == render::districtCode(0));
  CHECK(chosen.points[2].district == render::districtCode(1));
  CHECK(render::districtCode(1) == 2);
  CHECK(render::districtCode(-1) == 0);
  auto drawnIn = [&](const render::LayerMesh& m, int district) {
    return render::drawnFeatureCount(m.drawnFeatures, m.pointFeaturesPerSlot, m.pointFeaturesPerSlotDistrict,
                                     m.districtCodes, m.countedSlots, m.palette,
                                     district < 0 ? -1 : render::districtCode(district));
  };
  CHECK(drawnIn(chosen, 1) == 1);
  CHECK(drawnIn(chosen, 0) == 2);
  CHECK(drawnIn(chosen, -1) == 3);
  // The shader reads the slot from the low 24 bits of the word and the district from the high 8.
  std::uint32_t word = 0;
  std::memcpy(&word, reinterpret_cast<const char*>(&chosen.points[2]) + 2 * sizeof(float), sizeof word);
  CHECK((word & 0xFFFFFFu) == chosen.points[2].slot);
  CHECK((word >> 24) == render::districtCode(1));
  p.selectedDistrict = -1;
  l->style.categories[0].visible = false;
  // A hidden category's points stay in the buffer with a transparent colour: showing it again is a palette.
  const auto m = render::buildMesh(*l, p, nullptr);
  REQUIRE(m.points.size() == 3);
  CHECK(m.palette.at(m.points[0].slot).a == 0);
  CHECK(m.palette.at(m.points[1].slot).a > 0);
  CHECK(render::drawnFeatureCount(m.drawnFeatures, m.pointFeaturesPerSlot, m.palette) == 1);
  CHECK(drawnIn(m, 0) == 1);  // the hidden 自転車盗 of 築港 not counted, its 車上ねらい counted
  CHECK(drawnIn(m, 1) == 0);
}

TEST_CASE("polygons become triangles and outline strips", "[mesh]") {
  Project p;
  auto l = std::make_shared<Layer>();
  l->id = "d";
  l->role = LayerRole::Districts;
  Feature f;
  f.geometry.type = GeometryType::Polygon;
  Vec2 o = render::kRenderOrigin;
  f.geometry.polygons.push_back(
      {{{o.x, o.y}, {o.x + 100, o.y}, {o.x + 100, o.y + 100}, {o.x, o.y + 100}},
       {{{o.x + 40, o.y + 40}, {o.x + 40, o.y + 60}, {o.x + 60, o.y + 60}, {o.x + 60, o.y + 40}}}});
  l->features.push_back(f);
  p.addLayer(l);
  auto tri = render::triangulateLayer(*l);
  auto m = render::buildMesh(*l, p, tri.get());
  CHECK(m.fill.size() == tri->vertices.size());
  CHECK(m.fill.size() >= 8 * 3);  // a square with a square hole needs at least 8 triangles
  CHECK(m.strokes.size() == 24);  // per ring: 2 sides × (4 corners + the first again) + 2 joins
}

namespace {
std::vector<render::StrokeVertex> strip(std::vector<Vec2> points, bool closed) {
  Geometry g;
  const Vec2 o = render::kRenderOrigin;
  for (auto& p : points) p = {p.x + o.x, p.y + o.y};
  if (closed) {
    g.type = GeometryType::Polygon;
    g.polygons.push_back({points, {}});
  } else {
    g.type = GeometryType::Line;
    g.lines.push_back(points);
  }
  std::vector<render::StrokeVertex> out;
  render::appendOutline(g, {1, 2, 3, 255}, out);
  return out;
}
Vec2 offsetOf(const render::StrokeVertex& v) {
  return {v.dx / render::kStrokeUnit, v.dy / render::kStrokeUnit};
}
bool same(const render::StrokeVertex& a, const render::StrokeVertex& b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}
}  // namespace

TEST_CASE("an outline is a strip of its two sides: a miter at each corner, square ends on a line", "[mesh]") {
  SECTION("a square: each corner's sides lie one half width from both its edges") {
    const auto s = strip({{0, 0}, {100, 0}, {100, 100}, {0, 100}}, true);
    REQUIRE(s.size() == 12);
    CHECK(same(s[0], s[1]));    // the join from the strip before
    CHECK(same(s[10], s[11]));  // and to the strip after
    CHECK(same(s[1], s[9]));    // closed: the first corner again
    CHECK(same(s[2], s[10]));
    for (std::size_t i = 1; i + 1 < s.size(); ++i) CHECK(s[i].side == (i % 2 == 1 ? 1 : -1));
    // The corner at the origin: the left side (inside this anticlockwise ring) one half width from x = 0 and y = 0.
    CHECK(s[1].x == Approx(0).margin(1e-3));
    CHECK(offsetOf(s[1]).x == Approx(1).margin(1e-3));
    CHECK(offsetOf(s[1]).y == Approx(1).margin(1e-3));
    CHECK(offsetOf(s[2]).x == Approx(-1).margin(1e-3));
    CHECK(s[1].rgba[3] == 255);
  }
  SECTION("a ring given closed, or with a repeated point, makes the same strip") {
    const auto open = strip({{0, 0}, {100, 0}, {100, 100}, {0, 100}}, true);
    const auto closed = strip({{0, 0}, {100, 0}, {100, 0}, {100, 100}, {0, 100}, {0, 0}}, true);
    REQUIRE(open.size() == closed.size());
    for (std::size_t i = 0; i < open.size(); ++i) CHECK(same(open[i], closed[i]));
  }
  SECTION("a line: square ends half a width past its points, a miter where it turns") {
    const auto s = strip({{0, 0}, {10, 0}, {10, 10}}, false);
    REQUIRE(s.size() == 8);                              // 2 sides × 3 points + 2 joins
    CHECK(offsetOf(s[1]).x == Approx(-1).margin(1e-3));  // the start: back along the line, to its left
    CHECK(offsetOf(s[1]).y == Approx(1).margin(1e-3));
    CHECK(offsetOf(s[2]).y == Approx(-1).margin(1e-3));
    CHECK(offsetOf(s[3]).x == Approx(-1).margin(1e-3));  // the left turn at (10, 0): its miter inside it
    CHECK(offsetOf(s[3]).y == Approx(1).margin(1e-3));
    CHECK(offsetOf(s[5]).x == Approx(-1).margin(1e-3));  // the end: on along the line (north), to its left
    CHECK(offsetOf(s[5]).y == Approx(1).margin(1e-3));
  }
  SECTION("any corner: both sides one half width from both edges, or past the miter limit two square caps") {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> u(-50, 50);
    int capped = 0;
    for (int t = 0; t < 400; ++t) {
      const Vec2 a{u(rng), u(rng)}, b{u(rng), u(rng)}, c{u(rng), u(rng)};
      const auto s = strip({a, b, c}, false);
      auto unitOf = [](Vec2 p, Vec2 q) {
        const double l = std::hypot(q.x - p.x, q.y - p.y);
        return Vec2{(q.x - p.x) / l, (q.y - p.y) / l};
      };
      const Vec2 d0 = unitOf(a, b), d1 = unitOf(b, c), n0{-d0.y, d0.x}, n1{-d1.y, d1.x};
      const double cosHalf = std::hypot(n0.x + n1.x, n0.y + n1.y) / 2;
      if (cosHalf < 1 / render::kMiterLimit - 1e-6) {  // the two legs' caps: half a width past the corner each
        ++capped;
        REQUIRE(s.size() == 10);
        CHECK(offsetOf(s[3]).x == Approx(n0.x + d0.x).margin(1e-3));
        CHECK(offsetOf(s[3]).y == Approx(n0.y + d0.y).margin(1e-3));
        CHECK(offsetOf(s[6]).x == Approx(-n1.x - d1.x).margin(1e-3));
        CHECK(offsetOf(s[6]).y == Approx(-n1.y - d1.y).margin(1e-3));
        continue;
      }
      if (cosHalf < 1 / render::kMiterLimit + 1e-6) continue;  // too near the limit to tell
      REQUIRE(s.size() == 8);
      const Vec2 m = offsetOf(s[3]);
      CHECK(std::hypot(m.x, m.y) <= render::kMiterLimit + 1e-3);
      CHECK(m.x * n0.x + m.y * n0.y == Approx(1).margin(2e-3));
      CHECK(m.x * n1.x + m.y * n1.y == Approx(1).margin(2e-3));
      CHECK(offsetOf(s[4]).x == Approx(-m.x).margin(1e-3));
    }
    CHECK(capped > 10);  // the random corners include sharp ones
  }
  SECTION("a line that turns right back ends in a square cap, both legs' sides on their own sides") {
    const auto s = strip({{0, 0}, {10, 0}, {-5, 0}}, false);
    REQUIRE(s.size() == 10);
    CHECK(offsetOf(s[3]).x == Approx(1).margin(1e-3));  // the first leg's end: half a width past the tip
    CHECK(offsetOf(s[3]).y == Approx(1).margin(1e-3));  // its left, north
    CHECK(s[3].side == 1);
    CHECK(offsetOf(s[5]).y == Approx(-1).margin(1e-3));  // the way back: its left is south
    CHECK(s[5].side == 1);
    // The pairs at the tip lie on each other with their sides swapped: the triangles between them are empty.
    CHECK((s[5].dx == s[4].dx && s[5].dy == s[4].dy && s[6].dx == s[3].dx && s[6].dy == s[3].dy));
  }
  SECTION("rings, holes and lines one after another: every triangle joining two of them is empty") {
    std::vector<render::StrokeVertex> all;
    std::vector<std::size_t> ringOf;
    auto add = [&](const std::vector<render::StrokeVertex>& s) {
      for (const auto& v : s) all.push_back(v), ringOf.push_back(ringOf.empty() ? 0 : ringOf.back() + (&v == &s[0]));
    };
    add(strip({{0, 0}, {100, 0}, {100, 100}, {0, 100}}, true));
    add(strip({{0, 0}, {10, 0}, {10, 10}, {20, 10}}, false));
    add(strip({{0, 0}, {10, 0}, {-5, 0}}, false));
    add(strip({{5, 5}, {8, 5}, {8, 8}}, true));
    for (std::size_t i = 0; i + 2 < all.size(); ++i) {
      if (ringOf[i] == ringOf[i + 2]) continue;
      auto at = [&](std::size_t k) { return std::pair{all[k].x, all[k].y}; };
      auto off = [&](std::size_t k) { return std::pair{all[k].dx, all[k].dy}; };
      auto same = [&](std::size_t p, std::size_t q) { return at(p) == at(q) && off(p) == off(q); };
      CHECK((same(i, i + 1) || same(i + 1, i + 2) || same(i, i + 2)));
    }
  }
  SECTION("a point, or a ring of two points, has no outline ring") {
    CHECK(strip({{5, 5}, {5, 5}}, false).empty());
    CHECK(strip({{0, 0}, {10, 0}}, true).size() == 6);  // drawn as the line it is
  }
}

TEST_CASE("many points: kept in tiles that hold exactly their points, and counted in a density image", "[mesh][lod]") {
  Project p;
  auto l = std::make_shared<Layer>();
  l->id = "many";
  l->role = LayerRole::Crimes;
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> u(-2000, 2000);
  const size_t n = render::kDensityPoints + 1234;
  for (size_t i = 0; i < n; ++i) {
    Feature f;
    f.geometry.type = GeometryType::Point;
    // Half of them in one 40 m square: a hot spot the density must show as its darkest.
    f.geometry.points = {i % 2 ? Vec2{render::kRenderOrigin.x + u(rng) / 100, render::kRenderOrigin.y + u(rng) / 100}
                               : Vec2{render::kRenderOrigin.x + u(rng), render::kRenderOrigin.y + u(rng)}};
    f.values = {i % 2 ? "hot" : "spread"};
    f.district = f.geometry.points[0].x < render::kRenderOrigin.x ? 0 : 1;  // west and east of the origin
    l->features.push_back(f);
  }
  l->fields = {{"kind"}};
  l->style.categoryField = "kind";
  l->assignCategories();
  p.addLayer(l);
  auto m = render::buildMesh(*l, p, nullptr);
  REQUIRE(m.points.size() == n);
  REQUIRE_FALSE(m.tiles.empty());
  size_t total = 0, outside = 0;
  std::uint32_t expectFirst = 0;
  for (const auto& t : m.tiles) {
    CHECK(t.first == expectFirst);  // tiles follow each other in the buffer, none overlaps another
    expectFirst += t.count;
    total += t.count;
    for (auto i = t.first; i < t.first + t.count; ++i)
      outside += !(m.points[i].x >= t.minx - 1e-3f && m.points[i].x <= t.maxx + 1e-3f &&
                   m.points[i].y >= t.miny - 1e-3f && m.points[i].y <= t.maxy + 1e-3f);
  }
  CHECK(total == n);
  CHECK(outside == 0);
  const auto& d = m.density;
  REQUIRE(d.width > 0);
  CHECK(d.cell >= 10.0f);
  CHECK(d.rgba.size() == size_t(d.width) * size_t(d.height) * 4);
  // The hot spot's cells hold far more than a uniform cell: the darkest colour is there.
  CHECK(d.maxCount > 100);
  int cx = int((0 - d.minx) / d.cell), cy = int((d.maxy - 0) / d.cell);
  size_t at = (size_t(cy) * size_t(d.width) + size_t(cx)) * 4;
  Rgba dark = render::densityColor(1.0);
  CHECK(std::abs(int(d.rgba[at]) - int(dark.r)) < 60);
  CHECK(d.rgba[at + 3] > 0);
  // Hiding the hot spot's kind repaints the image from the other kind's counts alone: the hot spot is gone.
  auto repainted = d;
  auto palette = m.palette;
  palette
      .at(m.points[std::find_if(m.points.begin(), m.points.end(),
                                [&](auto& q) { return std::abs(q.x) < 20 && std::abs(q.y) < 20; }) -
                   m.points.begin()]
              .slot)
      .a = 0;
  render::paintDensity(repainted, palette);
  CHECK(repainted.maxCount < d.maxCount / 10);
  size_t tileShown = 0;
  for (size_t t = 0; t < m.tiles.size(); ++t)
    for (size_t s = 0; s < palette.size(); ++s)
      if (palette[s].a > 0) tileShown += m.tileSlotCounts.at(t * palette.size() + s);
  CHECK(tileShown == (n + 1) / 2);  // the spread half: records 0, 2, 4, …
  // Per district: each tile's instances by district code add up to the districts' records, and each density
  // cell knows its district, or that it holds both (on the line x = 0).
  REQUIRE(m.districtCodes == 3);
  std::vector<size_t> byCode(3, 0), expected(3, 0);
  for (size_t t = 0; t < m.tiles.size(); ++t)
    for (size_t c = 0; c < 3; ++c) byCode[c] += m.tileDistrictCounts.at(t * 3 + c);
  for (const auto& f : l->features) ++expected[render::districtCode(f.district)];
  CHECK(byCode == expected);
  REQUIRE(d.cellDistrict.size() == size_t(d.width) * size_t(d.height));
  size_t west = 0, east = 0, mixed = 0, wrong = 0;
  for (int y = 0; y < d.height; ++y)
    for (int x = 0; x < d.width; ++x) {
      const auto owner = d.cellDistrict[size_t(y) * size_t(d.width) + size_t(x)];
      const float x0 = d.minx + float(x) * d.cell, x1 = x0 + d.cell;
      if (owner == render::districtCode(0)) ++west, wrong += x0 >= 0.01f;
      if (owner == render::districtCode(1)) ++east, wrong += x1 <= -0.01f;
      if (owner == render::kMixedCell) ++mixed, wrong += !(x0 < 0.01f && x1 > -0.01f);
    }
  CHECK(west > 100);
  CHECK(east > 100);
  CHECK(mixed > 0);
  CHECK(wrong == 0);
  // Fewer points: no tiles, no density (they are drawn all at once).
  l->features.resize(100);
  l->touchData();
  auto small = render::buildMesh(*l, p, nullptr);
  CHECK(small.tiles.empty());
  CHECK(small.density.width == 0);
}

TEST_CASE("many polygons are laid out in tiles that hold every triangle and outline", "[mesh]") {
  Project p;
  auto l = std::make_shared<Layer>();
  l->id = "footprints";
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> u(0, 3000);
  const size_t n = render::kTiledShapes + 500;
  for (size_t i = 0; i < n; ++i) {
    const double x = render::kRenderOrigin.x + u(rng), y = render::kRenderOrigin.y + u(rng), s = 5 + u(rng) / 300;
    Feature f;
    f.geometry.type = GeometryType::Polygon;
    f.geometry.polygons = {Polygon{{{x, y}, {x + s, y}, {x + s, y + s}, {x, y + s}}, {}}};
    l->features.push_back(f);
  }
  p.addLayer(l);
  auto tri = render::triangulateLayer(*l);
  auto m = render::buildMesh(*l, p, tri.get());
  REQUIRE(m.fill.size() == n * 6);
  REQUIRE(m.strokes.size() == n * 12);
  REQUIRE(m.shapeTiles.size() > 100);
  std::uint32_t fillAt = 0, strokeAt = 0;
  size_t outside = 0;
  auto in = [](const auto& v, const render::ShapeTile& t) {
    return v.x >= t.minx - 1e-3f && v.x <= t.maxx + 1e-3f && v.y >= t.miny - 1e-3f && v.y <= t.maxy + 1e-3f;
  };
  for (const auto& t : m.shapeTiles) {
    CHECK(t.fillFirst == fillAt);  // tiles follow each other in the buffers, with nothing between
    CHECK(t.strokeFirst == strokeAt);
    CHECK(t.strokeCount % 12 == 0);  // whole strips only
    fillAt += t.fillCount, strokeAt += t.strokeCount;
    for (auto v = t.fillFirst; v < t.fillFirst + t.fillCount; ++v) outside += !in(m.fill[v], t);
    for (auto v = t.strokeFirst; v < t.strokeFirst + t.strokeCount; ++v) outside += !in(m.strokes[v], t);
  }
  CHECK(fillAt == m.fill.size());
  CHECK(strokeAt == m.strokes.size());
  CHECK(outside == 0);  // a tile's box holds its features whole, so culling by it never drops one in view
  CHECK(m.outlinedMedianSize == Approx(10).margin(1.5));  // the typical footprint: outlines drop below 8 px
}

TEST_CASE("points with colours of their own are counted in one slot, and hiding a category rebuilds them",
          "[mesh][lod]") {
  // 70 thematic colours make a palette too long to count apart per tile and cell (60k points × 10 m cells).
  Project p;
  auto l = std::make_shared<Layer>();
  l->id = "themed";
  l->fields = {{"kind"}};
  l->style.categoryField = "kind";
  std::mt19937 rng(9);
  std::uniform_real_distribution<double> u(-2000, 2000);
  const size_t n = render::kDensityPoints + 10000;
  for (size_t i = 0; i < n; ++i) {
    Feature f;
    f.geometry.type = GeometryType::Point;
    f.geometry.points = {{render::kRenderOrigin.x + u(rng), render::kRenderOrigin.y + u(rng)}};
    f.values = {i % 4 ? "shown" : "hidden"};
    l->features.push_back(f);
  }
  l->assignCategories();
  l->style.featureFills.assign(70, Rgba{1, 2, 3, 255});
  p.addLayer(l);
  const auto key = render::pointLayoutKey(*l, p);
  auto m = render::buildMesh(*l, p, nullptr);
  REQUIRE(m.palette.size() > 64);
  CHECK(m.countedSlots == 1);
  CHECK(m.tileSlotCounts.size() == m.tiles.size());
  CHECK(m.density.slotCounts.size() == size_t(m.density.width) * size_t(m.density.height));
  std::uint64_t all = 0;
  for (auto c : m.tileSlotCounts) all += c;
  CHECK(all == n);
  for (auto& c : l->style.categories) c.visible = c.value == "shown";
  CHECK(render::pointLayoutKey(*l, p) != key);  // no per-slot counts to repaint from: the renderer rebuilds
  m = render::buildMesh(*l, p, nullptr);
  all = 0;
  for (auto c : m.tileSlotCounts) all += c;
  std::uint64_t inDensity = 0;
  for (auto c : m.density.slotCounts) inDensity += c;
  const auto hidden = static_cast<std::uint64_t>((n + 3) / 4);  // records 0, 4, 8, …
  CHECK(all == n - hidden);
  CHECK(inDensity == n - hidden);
}

namespace {
// What outlined_fill.vert and .frag compute, at ppm 1 and the fill widened by `out` metres: each triangle's vertices
// moved out along their miters, and a point's distance to the nearest edge, interpolated; nullopt when no widened
// triangle holds the point.
std::optional<double> shaderDistance(const render::LayerMesh& m, Vec2 q, double out) {
  const Vec2 o = render::kRenderOrigin;
  for (std::size_t t = 0; t + 3 <= m.fill.size(); t += 3) {
    Vec2 p[3];
    for (int k = 0; k < 3; ++k) {
      const auto& e = m.fillEdges[t + static_cast<std::size_t>(k)];
      const auto& v = m.fill[t + static_cast<std::size_t>(k)];
      p[k] = {v.x + o.x + e.dx / render::kStrokeUnit * out, v.y + o.y + e.dy / render::kStrokeUnit * out};
    }
    const double det = (p[1].y - p[2].y) * (p[0].x - p[2].x) + (p[2].x - p[1].x) * (p[0].y - p[2].y);
    if (std::abs(det) < 1e-12) continue;
    double l[3];
    l[0] = ((p[1].y - p[2].y) * (q.x - p[2].x) + (p[2].x - p[1].x) * (q.y - p[2].y)) / det;
    l[1] = ((p[2].y - p[0].y) * (q.x - p[2].x) + (p[0].x - p[2].x) * (q.y - p[2].y)) / det;
    l[2] = 1 - l[0] - l[1];
    if (l[0] < -1e-9 || l[1] < -1e-9 || l[2] < -1e-9) continue;
    double d = std::numeric_limits<double>::infinity();
    for (int s = 0; s < render::kFillLines; ++s) {
      double sum = 0;
      for (int k = 0; k < 3; ++k) {
        const auto& e = m.fillEdges[t + static_cast<std::size_t>(k)];
        sum += l[k] * (e.d[s] + e.shift[s] / render::kStrokeUnit * out);
      }
      d = std::min(d, sum);
    }
    return d;
  }
  return std::nullopt;
}

render::LayerMesh outlinedMesh(const Polygon& poly) {
  Project p;
  auto l = std::make_shared<Layer>();
  l->id = "footprints";
  Feature f;
  f.geometry.type = GeometryType::Polygon;
  f.geometry.polygons = {poly};
  l->features.push_back(f);
  p.addLayer(l);
  auto tri = render::triangulateLayer(*l);
  return render::buildMesh(*l, p, tri.get());
}
}  // namespace

TEST_CASE("small polygons' outlines in the fill: distances to the edges, and a fill widened along the miters",
          "[mesh]") {
  const Vec2 o = render::kRenderOrigin;
  auto at = [&](std::vector<Vec2> r) {
    for (auto& v : r) v = {v.x + o.x, v.y + o.y};
    return r;
  };
  SECTION("a square: each corner moves out one unit across both of its edges; inside, the distance to the nearest") {
    const auto m = outlinedMesh({at({{0, 0}, {10, 0}, {10, 10}, {0, 10}}), {}});
    REQUIRE(m.fill.size() == 6);
    REQUIRE(m.fillEdges.size() == m.fill.size());
    for (std::size_t i = 0; i < 6; ++i) {
      const auto& v = m.fill[i];
      const auto& e = m.fillEdges[i];
      CHECK(std::abs(e.dx) == 4096);  // the corner's miter: one unit across both edges
      CHECK(std::abs(e.dy) == 4096);
      CHECK((e.dx > 0) == (v.x > 5));  // outwards
      CHECK((e.dy > 0) == (v.y > 5));
      for (int j = 0; j < render::kFillLines; ++j) {
        REQUIRE(e.d[j] != render::kNotEdge);  // both triangles know all four edges: their own and their corners'
        CHECK((e.d[j] == Approx(0).margin(1e-4) || e.d[j] == Approx(10)));
        if (std::abs(e.d[j]) < 1e-4) CHECK(e.shift[j] == -4096);  // moving out crosses the edges through it
      }
    }
    // Near the corners too, where a fan's triangle holds only one of the two edges.
    for (double x = 0.25; x < 10; x += 0.5)
      for (double y = 0.25; y < 10; y += 0.5) {
        const auto d = shaderDistance(m, {o.x + x, o.y + y}, 1.5);
        REQUIRE(d.has_value());
        CHECK(*d == Approx(std::min(std::min(x, 10 - x), std::min(y, 10 - y))).margin(1e-3));
      }
  }
  SECTION("a square with a hole, either way round: the signed distance to the nearest edge, outside too") {
    const Ring outer = at({{0, 0}, {100, 0}, {100, 100}, {0, 100}});
    const Ring hole = at({{40, 40}, {40, 60}, {60, 60}, {60, 40}});
    for (bool reversed : {false, true}) {
      Polygon poly{outer, {hole}};
      if (reversed) {
        std::reverse(poly.outer.begin(), poly.outer.end());
        std::reverse(poly.holes[0].begin(), poly.holes[0].end());
      }
      const auto m = outlinedMesh(poly);
      REQUIRE(m.fill.size() >= 8 * 3);  // GEOS's triangles: the fan takes no holes
      REQUIRE(m.fillEdges.size() == m.fill.size());
      const double out = 1.5;  // metres at ppm 1: the outline's half width and its antialiased edge
      for (const Ring* ring : {&poly.outer, &poly.holes[0]})
        for (std::size_t i = 0; i < ring->size(); ++i) {
          const Vec2 a = (*ring)[i], b = (*ring)[(i + 1) % ring->size()];
          const double len = distance(a, b);
          Vec2 inward{-(b.y - a.y) / len, (b.x - a.x) / len};
          const Vec2 mid{(a.x + b.x) / 2, (a.y + b.y) / 2};
          if (!contains(poly, {mid.x + inward.x * 0.01, mid.y + inward.y * 0.01})) inward = {-inward.x, -inward.y};
          for (double along : {0.2, 0.5, 0.8})
            for (double across : {-1.4, -0.7, 0.0, 0.5, 1.0, 3.0}) {  // < 0: outside the polygon
              const Vec2 q{a.x + (b.x - a.x) * along + inward.x * across, a.y + (b.y - a.y) * along + inward.y * across};
              const auto d = shaderDistance(m, q, out);
              REQUIRE(d.has_value());  // the widened fill reaches past every edge: no crack
              CHECK(*d == Approx(across).margin(1e-3));
            }
        }
      CHECK_FALSE(shaderDistance(m, {o.x + 50, o.y + 50}, out).has_value());  // the hole stays empty
      CHECK_FALSE(shaderDistance(m, {o.x - 3, o.y + 50}, out).has_value());
    }
  }
  SECTION("an L with nodes along its walls, either way round: the distance near every edge, in and out") {
    // GEOS's triangles (the L is not convex); nodes along a wall are straight corners, convex to the triangles.
    Ring ring = at({{0, 0}, {10, 0}, {20, 0}, {20, 10}, {10, 10}, {10, 20}, {0, 20}, {0, 10}});
    const Vec2 reflex{o.x + 10, o.y + 10};
    for (bool reversed : {false, true}) {
      if (reversed) std::reverse(ring.begin(), ring.end());
      const Polygon poly{ring, {}};
      const auto m = outlinedMesh(poly);
      REQUIRE(m.fillEdges.size() == m.fill.size());
      const double out = 1.5;
      int checked = 0;
      for (double x = -1.125; x < 21.2; x += 0.25)
        for (double y = -1.125; y < 21.2; y += 0.25) {
          const Vec2 q{o.x + x, o.y + y};
          double truth = std::numeric_limits<double>::infinity();
          for (std::size_t i = 0; i < ring.size(); ++i)
            truth = std::min(truth, distanceToSegment(q, ring[i], ring[(i + 1) % ring.size()]));
          if (!contains(poly, q)) truth = -truth;
          // Within the outline's reach of an edge; outside, only along the walls (past a corner the lines' least is
          // not the distance to the corner, which the shader needs no better than to fade a pixel).
          if (truth > 2 || truth < -1 || distance(q, reflex) < 2.5) continue;
          bool nearCorner = false;
          for (const Vec2& c : ring) nearCorner = nearCorner || (distance(q, c) < 1.5 && truth < 0);
          if (nearCorner) continue;
          const auto d = shaderDistance(m, q, out);
          REQUIRE(d.has_value());
          CHECK(*d == Approx(truth).margin(1e-3));
          ++checked;
        }
      CHECK(checked > 1000);
    }
  }
  SECTION("no outline, no distances") {
    Project p;
    auto l = std::make_shared<Layer>();
    l->id = "plain";
    l->style.drawStroke = false;
    Feature f;
    f.geometry.type = GeometryType::Polygon;
    f.geometry.polygons = {Polygon{at({{0, 0}, {10, 0}, {10, 10}, {0, 10}}), {}}};
    l->features.push_back(f);
    p.addLayer(l);
    auto tri = render::triangulateLayer(*l);
    CHECK(render::buildMesh(*l, p, tri.get()).fillEdges.empty());
  }
}
