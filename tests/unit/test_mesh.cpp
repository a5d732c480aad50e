// Layers become vertex arrays once; the district filter and hidden categories leave features out.
#include <catch2/catch.hpp>
#include <cstring>
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

TEST_CASE("polygons become triangles and outline segments", "[mesh]") {
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
  CHECK(m.segments.size() == 8);  // 4 outer + 4 hole edges
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
  REQUIRE(m.segments.size() == n * 4);
  REQUIRE(m.shapeTiles.size() > 100);
  std::uint32_t fillAt = 0, segAt = 0;
  size_t outside = 0;
  for (const auto& t : m.shapeTiles) {
    CHECK(t.fillFirst == fillAt);  // tiles follow each other in the buffers, with nothing between
    CHECK(t.segmentFirst == segAt);
    fillAt += t.fillCount, segAt += t.segmentCount;
    for (auto v = t.fillFirst; v < t.fillFirst + t.fillCount; ++v)
      outside += !(m.fill[v].x >= t.minx && m.fill[v].x <= t.maxx && m.fill[v].y >= t.miny && m.fill[v].y <= t.maxy);
    for (auto s = t.segmentFirst; s < t.segmentFirst + t.segmentCount; ++s)
      outside +=
          !(m.segments[s].ax >= t.minx && m.segments[s].bx <= t.maxx + 1e-3f && m.segments[s].ay >= t.miny - 1e-3f);
  }
  CHECK(fillAt == m.fill.size());
  CHECK(segAt == m.segments.size());
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
