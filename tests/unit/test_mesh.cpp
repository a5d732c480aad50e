// Layers become vertex arrays once; the district filter and hidden categories leave features out.
#include <catch2/catch.hpp>

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
  CHECK(m.drawnFeatures == 3);
  CHECK(m.points[1].x == Approx(10.0f));
  Rgba bicycle = l->style.categories[0].color;
  CHECK(m.points[0].rgba[0] == bicycle.r);
  CHECK(m.points[2].rgba[2] == bicycle.b);
  CHECK((m.points[1].rgba[0] != bicycle.r || m.points[1].rgba[1] != bicycle.g || m.points[1].rgba[2] != bicycle.b));
}

TEST_CASE("the district filter and hidden categories leave features out", "[mesh]") {
  Project p;
  auto l = crimes();
  p.addLayer(l);
  District a, b;
  a.nameJa = "築港", b.nameJa = "港晴";
  p.setDistricts({a, b});
  p.selectedDistrict = 1;
  CHECK(render::buildMesh(*l, p, nullptr).points.size() == 1);
  p.selectedDistrict = -1;
  l->style.categories[0].visible = false;
  CHECK(render::buildMesh(*l, p, nullptr).points.size() == 1);
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
