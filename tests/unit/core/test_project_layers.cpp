// The project's layers are shared copy on write: a job's copy costs a pointer per layer, and a change on either
// side copies only the layer it changes, so neither sees the other's change.
#include <catch2/catch.hpp>

#include "core/project.hpp"

using namespace safetymap;

namespace {
std::shared_ptr<Layer> pointLayer(const std::string& id, LayerRole role, int features) {
  auto l = std::make_shared<Layer>();
  l->id = id;
  l->role = role;
  for (int i = 0; i < features; ++i) {
    Feature f;
    f.geometry.type = GeometryType::Point;
    f.geometry.points = {Vec2{double(i), double(i)}};
    l->features.push_back(std::move(f));
  }
  return l;
}
}  // namespace

TEST_CASE("a copy of the project shares its layers until one side changes one", "[core][project]") {
  Project p;
  p.addLayer(pointLayer("crimes", LayerRole::Crimes, 3));
  p.addLayer(pointLayer("ward", LayerRole::Ward, 1));
  const Project copy = p;  // what a job takes
  REQUIRE(copy.layers().size() == 2);
  for (size_t i = 0; i < p.layers().size(); ++i) CHECK(copy.layers()[i].get() == p.layers()[i].get());

  const Layer* before = p.layer("crimes");
  Layer* crimes = p.edit("crimes");  // the copy holds it: this project gets its own
  CHECK(crimes != before);
  crimes->features.pop_back();
  CHECK(p.layer("crimes")->features.size() == 2);
  CHECK(copy.layer("crimes")->features.size() == 3);              // the job's copy is as it was
  CHECK(copy.layer("ward") == p.layer("ward"));                    // the other layer is still shared
  CHECK(p.edit("crimes") == crimes);                               // now its own: no second copy
  REQUIRE(p.layers()[0]->id == "ward");  // drawn first: the base map
  const auto version = p.layer("ward")->styleVersion;
  p.setVisible(0, !p.layers()[0]->style.visible);
  CHECK(p.layers()[0]->styleVersion != version);
  CHECK(copy.layer("ward")->style.visible != p.layer("ward")->style.visible);
}

TEST_CASE("a layer nobody else holds is changed in place", "[core][project]") {
  Project p;
  p.addLayer(pointLayer("crimes", LayerRole::Crimes, 1));
  const Layer* before = p.layer("crimes");
  CHECK(p.edit("crimes") == before);
  CHECK(p.edit("nothing") == nullptr);
}

TEST_CASE("replacing a layer by id adds, swaps and removes", "[core][project]") {
  Project p;
  p.addLayer(pointLayer("ward", LayerRole::Ward, 1));
  auto crimes = pointLayer("crimes", LayerRole::Crimes, 2);
  CHECK(p.replaceLayer("crimes", crimes));  // not there: added at its role's place (points above the ward)
  REQUIRE(p.layers().size() == 2);
  CHECK(p.layers()[1]->id == "crimes");
  auto fewer = pointLayer("crimes", LayerRole::Crimes, 1);
  CHECK(p.replaceLayer("crimes", fewer));
  CHECK(p.layer("crimes")->features.size() == 1);
  CHECK(p.replaceLayer("crimes", nullptr));
  CHECK(p.layer("crimes") == nullptr);
  CHECK_FALSE(p.replaceLayer("crimes", nullptr));
}
