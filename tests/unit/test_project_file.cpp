// The project file: import → edit → save → reopen gives every record and attribute back; undo and redo
// walk the edits exactly; a failed save never damages the previous file.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "jobs/load.hpp"
#include "core/edit_history.hpp"
#include "io/project_file.hpp"
#include "test_support.hpp"

using namespace safetymap;

namespace {
Project bundled() {
  Diagnostics d(false);
  return jobs::loadProjectNow(test::sourceFile("geodata"), {}, d, false);
}

void requireSameLayers(const Project& a, const Project& b) {
  REQUIRE(a.layers().size() == b.layers().size());
  for (size_t i = 0; i < a.layers().size(); ++i) {
    const Layer& x = *a.layers()[i];
    const Layer& y = *b.layers()[i];
    INFO(x.id);
    CHECK(x.id == y.id);
    CHECK(x.nameJa == y.nameJa);
    CHECK(x.role == y.role);
    CHECK(x.style.visible == y.style.visible);
    CHECK(x.style.fill == y.style.fill);
    CHECK(x.style.categories.size() == y.style.categories.size());
    CHECK(x.provenance.synthetic == y.provenance.synthetic);
    REQUIRE(x.features.size() == y.features.size());
    REQUIRE(x.fields.size() == y.fields.size());
    for (size_t f = 0; f < x.features.size(); ++f) {
      const Feature& fx = x.features[f];
      const Feature& fy = y.features[f];
      for (size_t k = 0; k < x.fields.size(); ++k) {
        INFO(x.fields[k].name << " of feature " << f);
        std::string vx = k < fx.values.size() ? fx.values[k] : "", vy = k < fy.values.size() ? fy.values[k] : "";
        if (x.fields[k].type == Field::Type::Boolean)
          CHECK(isTruthy(vx) == isTruthy(vy));
        else
          CHECK(vx == vy);
      }
      Bounds bx = fx.geometry.bounds(), by = fy.geometry.bounds();
      CHECK(std::abs(bx.minx - by.minx) < 1e-6);
      CHECK(std::abs(bx.maxy - by.maxy) < 1e-6);
      CHECK(area(fx.geometry) == Approx(area(fy.geometry)).margin(1e-3));
    }
  }
}
}  // namespace

TEST_CASE("edit, save, reopen: every record and attribute is equal", "[project]") {
  Project p = bundled();
  EditHistory h;
  Layer* crimes = p.editByRole(LayerRole::Crimes);
  Layer* buildings = p.editByRole(LayerRole::TsunamiBuildings);
  Layer* centres = p.editByRole(LayerRole::SafetyCentres);
  REQUIRE(crimes);
  REQUIRE(centres);
  size_t crimes0 = crimes->features.size();
  const size_t centres0 = centres->features.size();  // the two mapped in OpenStreetMap
  Feature nf;
  nf.geometry.type = GeometryType::Point;
  nf.geometry.points = {{-49372.67, -148122.30}};
  nf.values.resize(crimes->fields.size());
  nf.values.set(size_t(crimes->fieldIndex("手口")), "ひったくり");
  nf.values.set(size_t(crimes->fieldIndex("発生年月日（始期）")), "20250301");
  REQUIRE(h.apply(p, addFeatureEdit(*crimes, nf, "add")));
  REQUIRE(h.apply(p, moveFeatureEdit(*buildings, 3, {-49000, -148000})));
  REQUIRE(h.apply(p, deleteFeatureEdit(*crimes, 0)));
  REQUIRE(h.apply(p, setValueEdit(*crimes, 5, crimes->fieldIndex("発生場所の属性"), "道路上（入力）")));
  // A community safety centre placed by hand, beside the two mapped in OpenStreetMap.
  Feature centre;
  centre.geometry.type = GeometryType::Point;
  centre.geometry.points = {{-49500, -148300}};
  centre.values.resize(centres->fields.size());
  if (centres->fieldIndex("name") < 0) centres->fields.push_back({"name"});
  centre.values.resize(centres->fields.size());
  centre.values.set(size_t(centres->fieldIndex("name")), "市岡老人憩の家");
  REQUIRE(h.apply(p, addFeatureEdit(*centres, centre, "add centre")));
  Edit act;
  act.kind = Edit::Kind::SetActivity;
  act.district = "市岡";
  act.statusAfter = ActivityStatus::Done;
  REQUIRE(h.apply(p, act));
  CHECK(h.dirty());
  CHECK(crimes->features.size() == crimes0);

  test::TempDir tmp;
  std::string path = tmp.file("project.gpkg");
  Diagnostics d(false);
  io::ProjectView view{{-49400, -148200}, 0.25, 3, "2-2"};
  REQUIRE(io::saveProject(p, view, path, d));
  h.markSaved();
  CHECK_FALSE(h.dirty());
  CHECK(io::isProjectFile(path));

  Project q;
  auto v = jobs::openProjectNow(path, test::sourceFile("geodata"), q, d);
  INFO(test::allMessages(d));
  REQUIRE(v);
  CHECK(v->center.x == Approx(-49400));
  CHECK(v->pixelsPerMetre == Approx(0.25));
  CHECK(v->district == 3);
  CHECK(v->policyItem == "2-2");
  CHECK(q.activities == p.activities);
  CHECK(q.districts().size() == 11);
  // The roads are referenced, not copied; everything else is in the file.
  Project withoutRoads = p;
  while (const Layer* roads = withoutRoads.layerByRole(LayerRole::Roads)) withoutRoads.removeLayer(roads->id);
  requireSameLayers(withoutRoads, q);
  CHECK(q.layerByRole(LayerRole::SafetyCentres)->features.size() == centres0 + 1);

  // ogrinfo, GDAL's own tool, reads the project too.
  FILE* pipe = popen(("ogrinfo -ro -so '" + path + "' 2>&1").c_str(), "r");
  std::string out;
  char buf[512];
  while (fgets(buf, sizeof buf, pipe)) out += buf;
  CHECK(pclose(pipe) == 0);
  CHECK_THAT(out, Catch::Contains("crimes") && Catch::Contains("safetymap_project"));
}

TEST_CASE("undo and redo walk the edits exactly", "[project][undo]") {
  Project p = bundled();
  Layer* crimes = p.editByRole(LayerRole::Crimes);
  auto snapshot = [&] { return crimes->features; };
  auto same = [](const std::vector<Feature>& a, const std::vector<Feature>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (a[i].values != b[i].values || !(a[i].geometry.points == b[i].geometry.points)) return false;
    return true;
  };
  EditHistory h;
  std::vector<std::vector<Feature>> states{snapshot()};
  int typeField = crimes->fieldIndex("手口");
  REQUIRE(h.apply(p, setValueEdit(*crimes, 1, typeField, "自動車盗")));
  states.push_back(snapshot());
  REQUIRE(h.apply(p, deleteFeatureEdit(*crimes, 2)));
  states.push_back(snapshot());
  REQUIRE(h.apply(p, moveFeatureEdit(*crimes, 0, {-49100, -148100})));
  states.push_back(snapshot());
  Feature f = crimes->features[4];
  REQUIRE(h.apply(p, addFeatureEdit(*crimes, f, "copy")));
  states.push_back(snapshot());
  REQUIRE(h.apply(p, deleteFeatureEdit(*crimes, int(crimes->features.size()) - 1)));
  states.push_back(snapshot());

  for (int i = 4; i >= 0; --i) {
    REQUIRE(h.undo(p));
    CHECK(same(snapshot(), states[size_t(i)]));
  }
  CHECK_FALSE(h.undo(p));
  CHECK_FALSE(h.dirty());  // back at the state it started from (never saved = position 0)
  for (int i = 1; i <= 3; ++i) {
    REQUIRE(h.redo(p));
    CHECK(same(snapshot(), states[size_t(i)]));
  }
  // A new edit after undo drops what was undone.
  REQUIRE(h.apply(p, setValueEdit(*crimes, 0, typeField, "部品ねらい")));
  CHECK_FALSE(h.canRedo());
  CHECK(h.size() == 4);
  CHECK(crimes->features[0].category >= 0);  // categories follow the edited value
  CHECK(crimes->style.categories[size_t(crimes->features[0].category)].value == "部品ねらい");
}

TEST_CASE("a layer's style, its place and its removal are undoable steps", "[project][undo]") {
  Project p = bundled();
  Layer* ward = p.edit("ward");
  REQUIRE(ward);
  EditHistory h;
  const LayerStyle original = ward->style;
  const auto styleVersion = ward->styleVersion;
  LayerStyle hidden = ward->style;
  hidden.visible = false;
  REQUIRE(h.apply(p, setStyleEdit(*ward, hidden, "visible")));
  CHECK_FALSE(ward->style.visible);
  CHECK(ward->styleVersion != styleVersion);  // the renderer sees the change
  CHECK(h.dirty());
  // One drag of the opacity slider: three edits of one gesture are one step.
  for (float o : {0.8f, 0.6f, 0.4f}) {
    LayerStyle s = ward->style;
    s.opacity = o;
    REQUIRE(h.apply(p, setStyleEdit(*ward, s, "opacity", 42.0)));
  }
  CHECK(ward->style.opacity == Approx(0.4f));
  CHECK(h.size() == 2);
  // What analysis paints is not the user's style: an undo leaves it as it is now.
  ward->style.featureFills = {{1, 2, 3, 255}};
  REQUIRE(h.undo(p));
  CHECK(ward->style.opacity == Approx(original.opacity));
  CHECK_FALSE(ward->style.visible);
  CHECK(ward->style.featureFills.size() == 1);
  REQUIRE(h.undo(p));
  CHECK(ward->style.visible == original.visible);
  REQUIRE(h.redo(p));
  CHECK_FALSE(ward->style.visible);

  // The drawing order.
  auto position = [&](const std::string& id) {
    const auto& ls = p.layers();
    return std::find_if(ls.begin(), ls.end(), [&](const auto& l) { return l->id == id; }) - ls.begin();
  };
  const auto at = position("ward");
  REQUIRE(h.apply(p, moveLayerEdit(*ward, +1)));
  CHECK(position("ward") == at + 1);
  REQUIRE(h.undo(p));
  CHECK(position("ward") == at);

  // Removing a layer, and undoing it.
  std::shared_ptr<const Layer> shared;
  for (const auto& l : p.layers())
    if (l->id == "ward") shared = l;
  const size_t layers = p.layers().size();
  REQUIRE(h.apply(p, removeLayerEdit(shared)));
  CHECK(p.layer("ward") == nullptr);
  CHECK(p.layers().size() == layers - 1);
  REQUIRE(h.undo(p));
  CHECK(p.layer("ward") != nullptr);
  CHECK(p.layers().size() == layers);
}

TEST_CASE("each table of a saved project declares its geometry type and CRS, an empty one too", "[project][qgis]") {
  Project p = bundled();
  p.editByRole(LayerRole::SafetyCentres)->features.clear();  // none mapped yet: QGIS must still see points
  test::TempDir tmp;
  const std::string path = tmp.file("declared.gpkg");
  Diagnostics d(false);
  REQUIRE(io::saveProject(p, io::ProjectView{}, path, d));
  GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR));
  REQUIRE(ds);
  for (auto [table, type] : {std::pair{"safety_centres", wkbPoint}, {"crimes", wkbPoint}, {"districts", wkbMultiPolygon},
                             {"chome", wkbMultiPolygon}, {"ward", wkbMultiPolygon}, {"tsunami_buildings", wkbPoint}}) {
    OGRLayer* l = ds->GetLayerByName(table);
    INFO(table);
    REQUIRE(l);
    CHECK(l->GetGeomType() == type);
    REQUIRE(l->GetSpatialRef());
    CHECK(std::string(l->GetSpatialRef()->GetAuthorityCode(nullptr)) == "6674");
  }
  CHECK(ds->GetLayerByName("safety_centres")->GetFeatureCount() == 0);
  // And it reads back: the one-polygon districts, written as multipolygons, are still polygons of the same area.
  Project q;
  REQUIRE(io::openProject(path, q, d));
  REQUIRE(q.layerByRole(LayerRole::Districts));
  CHECK(q.layerByRole(LayerRole::Districts)->features.size() == p.layerByRole(LayerRole::Districts)->features.size());
  CHECK(q.layerByRole(LayerRole::Districts)->geometryType() == GeometryType::Polygon);
}

TEST_CASE("a failed save leaves the previous project intact", "[project]") {
  Project p = bundled();
  test::TempDir tmp;
  std::string path = tmp.file("keep.gpkg");
  Diagnostics d(false);
  REQUIRE(io::saveProject(p, {}, path, d));
  auto before = std::filesystem::file_size(path);
  // Failures injected at many points of the write: the file on disk is always the previous project.
  p.editByRole(LayerRole::Crimes)->features.pop_back();
  for (int after : {0, 1, 50, 300, 600}) {
    Diagnostics d2(false);
    io::SaveOptions so;
    so.failAfterFeatures = after;
    CHECK_FALSE(io::saveProject(p, {}, path, d2, so));
    CHECK(std::filesystem::file_size(path) == before);
    CHECK_THAT(test::allMessages(d2), Catch::Contains("keep.gpkg"));
    Project q;
    Diagnostics d3(false);
    REQUIRE(io::openProject(path, q, d3));
    CHECK(q.layerByRole(LayerRole::Crimes)->features.size() == p.layerByRole(LayerRole::Crimes)->features.size() + 1);
  }
  Project q;
  Diagnostics d3(false);
  CHECK(io::openProject(path, q, d3));  // whichever happened, the file opens
  size_t tmpFiles = 0;
  for (auto& e : std::filesystem::directory_iterator(tmp.path))
    tmpFiles += e.path().filename().string().find(".tmp") != std::string::npos;
  CHECK(tmpFiles == 0);
}

TEST_CASE("opening something that is not a project says so", "[project][bad]") {
  Project q;
  Diagnostics d(false);
  CHECK_FALSE(io::openProject(test::dataFile("good/ward-office.gpkg"), q, d));
  CHECK_THAT(test::allMessages(d), Catch::Contains("not a safetymap project"));
  Diagnostics d2(false);
  CHECK_FALSE(io::openProject(test::dataFile("bad/junk.geojson"), q, d2));
  CHECK(d2.count(Severity::Error) == 1);
}
