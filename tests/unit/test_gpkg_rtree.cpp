// The GeoPackage R-tree packed in one pass: SQLite finds it sound, it holds every geometry, a box query through it
// gives what the coordinates say, and the triggers keep it right after the save (an edit in QGIS or GDAL).
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <random>
#include <set>

#include "io/crs.hpp"
#include "io/layer_writer.hpp"
#include "test_support.hpp"

using namespace safetymap;

namespace {
struct Db {
  sqlite3* db = nullptr;
  explicit Db(const std::string& path) { sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr); }
  ~Db() { sqlite3_close(db); }
  std::string text(const std::string& sql) const {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr);
    std::string out;
    if (s && sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
      out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    return out;
  }
};

// Points over the ward, some on float-rounding edges (values no float holds exactly), some without geometry,
// and polygons of several sizes: a tree of three levels.
Layer mixed(size_t n) {
  Layer l;
  l.id = "crimes";
  l.fields = {{"n", Field::Type::Integer}};
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> x(-52600, -48300), y(-150100, -146700);
  for (size_t i = 0; i < n; ++i) {
    Feature f;
    f.values = {std::to_string(i)};
    if (i % 97 == 0) {  // a record not yet placed: no geometry, never indexed
      l.features.push_back(f);
      continue;
    }
    f.geometry.type = GeometryType::Point;
    double px = x(rng), py = y(rng);
    if (i % 13 == 0) px = -50000.0 - 1.0 / 3.0, py = -148000.0 + 1.0 / 7.0;  // the same awkward spot, many times
    f.geometry.points = {{px, py}};
    l.features.push_back(f);
  }
  return l;
}

std::set<long long> viaIndex(GDALDataset& ds, const char* table, double x0, double y0, double x1, double y1) {
  OGRLayer* l = ds.GetLayerByName(table);
  l->SetSpatialFilterRect(x0, y0, x1, y1);
  std::set<long long> ids;
  for (auto& f : *l) ids.insert(f->GetFID());
  l->SetSpatialFilter(nullptr);
  return ids;
}
}  // namespace

TEST_CASE("a saved GeoPackage's R-tree is packed whole, sound, and answers box queries exactly", "[writer][rtree]") {
  test::TempDir tmp;
  const std::string path = tmp.file("packed.gpkg");
  Layer points = mixed(30000);
  Layer areas;
  areas.id = "areas";
  areas.fields = {{"n", Field::Type::Integer}};
  for (int i = 0; i < 60; ++i) {
    Feature f;
    f.values = {std::to_string(i)};
    f.geometry.type = GeometryType::Polygon;
    double x0 = -52000 + i * 50.0, y0 = -149000 + i * 20.0, s = 10.0 + i;
    f.geometry.polygons.push_back({{{x0, y0}, {x0 + s, y0}, {x0 + s, y0 + s}, {x0, y0 + s}}, {}});
    areas.features.push_back(f);
  }
  Diagnostics d(false);
  io::WriteOptions o;
  o.driver = "GPKG";
  o.crs = io::kWorkingCrs;  // metres, as a project is saved
  REQUIRE(io::writeLayers({&points, &areas}, path, o, d));

  {
    Db db(path);
    for (const char* t : {"crimes", "areas"}) {
      INFO(t);
      const std::string rtree = std::string("rtree_") + t + "_geom";
      CHECK(db.text("SELECT rtreecheck('" + rtree + "')") == "ok");
      CHECK(db.text("SELECT count(*) FROM " + rtree) ==
            db.text(std::string("SELECT count(*) FROM ") + t + " WHERE geom IS NOT NULL"));
      CHECK(db.text("SELECT count(*) FROM gpkg_extensions WHERE table_name = '" + std::string(t) +
                    "' AND extension_name = 'gpkg_rtree_index'") == "1");
      CHECK(db.text("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '" + rtree + "%'") != "0");
    }
    CHECK(db.text("SELECT count(*) FROM rtree_crimes_geom") == std::to_string(30000 - (30000 + 96) / 97));
    CHECK(std::stoi(db.text("SELECT count(*) FROM rtree_crimes_geom_parent")) > 10);  // more than one level
  }

  // Box queries through the index (GDAL's spatial filter) against the coordinates themselves.
  GDALAllRegister();
  std::unique_ptr<GDALDataset> ds(
      static_cast<GDALDataset*>(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr)));
  REQUIRE(ds);
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> x(-52600, -48300), y(-150100, -146700), side(1, 900);
  for (int q = 0; q < 40; ++q) {
    double x0 = x(rng), y0 = y(rng), x1 = x0 + side(rng), y1 = y0 + side(rng);
    if (q == 0) x0 = -50000.0 - 1.0 / 3.0, y0 = -148000.0 + 1.0 / 7.0, x1 = x0, y1 = y0;  // the edge spot exactly
    std::set<long long> expected;
    for (size_t i = 0; i < points.features.size(); ++i) {
      const auto& g = points.features[i].geometry;
      if (g.points.empty()) continue;
      Vec2 p = g.points[0];
      if (p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1) expected.insert(static_cast<long long>(i) + 1);
    }
    INFO("box " << q);
    CHECK(viaIndex(*ds, "crimes", x0, y0, x1, y1) == expected);
    if (q == 0) CHECK(expected.size() > 100);
  }

  // The triggers are back: an edit after the save keeps the index right.
  OGRLayer* l = ds->GetLayerByName("crimes");
  OGRFeature added(l->GetLayerDefn());
  added.SetGeometryDirectly(new OGRPoint(-40000, -140000));  // outside everything written
  REQUIRE(l->CreateFeature(&added) == OGRERR_NONE);
  REQUIRE(l->DeleteFeature(2) == OGRERR_NONE);
  CHECK(viaIndex(*ds, "crimes", -40001, -140001, -39999, -139999) == std::set<long long>{added.GetFID()});
  ds.reset();
  Db db(path);
  CHECK(db.text("SELECT rtreecheck('rtree_crimes_geom')") == "ok");
  CHECK(db.text("SELECT count(*) FROM rtree_crimes_geom WHERE id = 2") == "0");
}
