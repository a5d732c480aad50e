// Raster layers: warping into the working CRS (each pixel where PROJ puts it), nodata, the ramps, the overviews
// chosen and built into the cache (never into the file), the bad files; and the tsunami depth classes and rule.
#include <gdal.h>
#include <ogr_srs_api.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "analysis/tsunami_impact.hpp"
#include "core/depth_range.hpp"
#include "core/raster.hpp"
#include "io/crs.hpp"
#include "io/layer_reader.hpp"
#include "io/project_file.hpp"
#include "io/raster_source.hpp"
#include "test_support.hpp"

using namespace safetymap;
namespace fs = std::filesystem;

namespace {

// A GeoTIFF written through GDAL: w × h cells of `type`, value(x, y) per cell, in `crs` with the geotransform.
std::string writeTiff(const std::string& path, int w, int h, GDALDataType type, const char* crs, const double gt[6],
                      double (*value)(int, int), std::optional<double> nodata = std::nullopt, int bands = 1) {
  GDALAllRegister();
  GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), path.c_str(), w, h, bands, type, nullptr);
  REQUIRE(ds);
  if (crs) {
    OGRSpatialReferenceH s = OSRNewSpatialReference(nullptr);
    OSRSetFromUserInput(s, crs);
    GDALSetSpatialRef(ds, s);
    OSRDestroySpatialReference(s);
  }
  if (gt) GDALSetGeoTransform(ds, const_cast<double*>(gt));
  std::vector<double> row(static_cast<size_t>(w));
  for (int b = 1; b <= bands; ++b) {
    GDALRasterBandH band = GDALGetRasterBand(ds, b);
    if (nodata) GDALSetRasterNoDataValue(band, *nodata);
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) row[static_cast<size_t>(x)] = value(x, y);
      REQUIRE(GDALRasterIO(band, GF_Write, 0, y, w, 1, row.data(), w, 1, GDT_Float64, 0, 0) == CE_None);
    }
  }
  GDALClose(ds);
  return path;
}

double cellIndex(int x, int y) { return y * 40 + x; }

}  // namespace

TEST_CASE("a raster in lon/lat is warped into EPSG:6674: each cell's centre lies where PROJ puts it") {
  test::TempDir dir;
  // 40 × 30 cells of 0.0005° over the ward, each holding its own index.
  const double gt[6] = {135.43, 0.0005, 0, 34.67, 0, -0.0005};
  const std::string path = writeTiff(dir.file("lonlat.tif"), 40, 30, GDT_Float32, "EPSG:4326", gt, cellIndex);
  Diagnostics diag(false);
  auto r = io::openRaster(path, diag);
  REQUIRE(r);
  auto e0 = [&] { return r->info().extent; };
  CHECK(r->info().crs.find("4326") != std::string::npos);
  CHECK(!r->info().rgb);
  int checked = 0;
  for (int y = 2; y < 30; y += 7)
    for (int x = 3; x < 40; x += 9) {
      const Vec2 lonlat{gt[0] + (x + 0.5) * gt[1], gt[3] + (y + 0.5) * gt[5]};
      const Vec2 plane = io::fromLonLat(lonlat);  // PROJ, not GDAL's warper
      auto v = r->valueAt(plane);
      REQUIRE(v);
      CHECK(*v == Approx(cellIndex(x, y)));
      ++checked;
    }
  CHECK(checked == 20);
  CHECK(r->info().warped);
  // The file's own pixels: the warped grid's corners lie beyond them (the meridians lean in the plane).
  REQUIRE(r->info().footprint.size() == 128);
  int outside = 0;
  for (Vec2 corner : {Vec2{e0().minx, e0().miny}, Vec2{e0().minx, e0().maxy}, Vec2{e0().maxx, e0().miny},
                      Vec2{e0().maxx, e0().maxy}})
    outside += !rasterCovers(r->info(), corner);
  CHECK(outside >= 2);
  CHECK(rasterCovers(r->info(), r->info().extent.center()));
  // The extent in the working CRS holds the corners PROJ gives.
  const Bounds e = e0();
  for (Vec2 corner : {Vec2{135.43, 34.67}, Vec2{135.45, 34.655}}) {
    const Vec2 p = io::fromLonLat(corner);
    CHECK(p.x >= e.minx - 50);
    CHECK(p.x <= e.maxx + 50);
    CHECK(p.y >= e.miny - 50);
    CHECK(p.y <= e.maxy + 50);
  }
}

TEST_CASE("nodata and the outside read as no value and paint transparent") {
  test::TempDir dir;
  const double gt[6] = {-50000, 10, 0, -148000, 0, -10};
  auto value = [](int x, int) { return x < 5 ? -9999.0 : 2.5; };
  const std::string path = writeTiff(dir.file("nd.tif"), 10, 10, GDT_Float32, "EPSG:6674", gt, value, -9999.0);
  Diagnostics diag(false);
  auto r = io::openRaster(path, diag);
  REQUIRE(r);
  CHECK(!r->info().warped);  // already in EPSG:6674, whatever order its CRS lists the axes in
  CHECK(r->info().nodata == Approx(-9999));
  CHECK(!r->valueAt({-49995, -148005}));           // a nodata cell
  CHECK(r->valueAt({-49935, -148005}) == Approx(2.5));
  CHECK(!r->valueAt({-50100, -148005}));           // outside the file
  // A grid twice as wide as the file: the left half outside, then nodata, then values.
  const Bounds e{-50100, -148100, -49900, -148000};
  RasterGrid g = r->values(e, 20, 10);
  CHECK(std::isnan(g.at(2, 3)));
  CHECK(std::isnan(g.at(12, 3)));
  CHECK(g.at(17, 3) == Approx(2.5));
  RgbaImage img = paintGrid(g, depthRamp());
  CHECK(img.pixels[(3 * 20 + 2) * 4 + 3] == 0);
  CHECK(img.pixels[(3 * 20 + 12) * 4 + 3] == 0);
  const Rgba c = depthRamp().colorOf(2.5);
  CHECK(img.pixels[(3 * 20 + 17) * 4 + 0] == c.r);
  CHECK(img.pixels[(3 * 20 + 17) * 4 + 3] == 255);
}

TEST_CASE("ramps: classes, a smooth blend, and new breaks keep the colours in order") {
  const ColorRamp d = depthRamp();
  REQUIRE(d.stops.size() == 7);
  CHECK(d.colorOf(0.005).a == 0);  // under the first class: not inundated, nothing drawn
  CHECK(d.classOf(0.01) == 0);
  CHECK(d.classOf(0.29) == 0);
  CHECK(d.classOf(0.3) == 1);
  CHECK(d.classOf(4.99) == 5);
  CHECK(d.classOf(12) == 6);
  CHECK(d.stops[2].labelJa == "1–2 m");
  CHECK(d.stops[6].labelJa == "5 m以上");
  CHECK(d.stops[6].labelEn == "5 m and more");
  // Deeper is darker: the sum of the channels falls class by class.
  for (size_t i = 1; i < d.stops.size(); ++i) {
    const auto sum = [](Rgba c) { return c.r + c.g + c.b; };
    CHECK(sum(d.stops[i].color) < sum(d.stops[i - 1].color));
  }
  const ColorRamp v = valueRamp(0, 10);
  const Rgba mid = v.colorOf(5), lo = v.colorOf(0), hi = v.colorOf(10);
  CHECK(mid.r == (lo.r + hi.r + 1) / 2);
  const ColorRamp b = withBreaks(d, {0.5, 2, 4});
  REQUIRE(b.stops.size() == 3);
  CHECK(b.stops[0].color == d.stops[0].color);
  CHECK(b.stops[1].labelJa == "2–4 m");
  CHECK(b.classOf(3) == 1);
}

TEST_CASE("a big raster without overviews gets them in the cache, once, and the file is never written") {
  test::TempDir dir;
  const double gt[6] = {-52000, 1, 0, -147000, 0, -1};
  const std::string path =
      writeTiff(dir.file("big.tif"), 3000, 2500, GDT_Byte, "EPSG:6674", gt, [](int x, int) { return double(x / 100); });
  const auto before = fs::last_write_time(path);
  const auto size = fs::file_size(path);
  io::RasterOpenOptions o;
  o.cacheDir = dir.file("cache");
  double progress = 0;
  o.progress = [&](double f) { progress = f; };
  Diagnostics diag(false);
  auto r = io::openRaster(path, diag, o);
  REQUIRE(r);
  CHECK(r->info().overviewsBuilt);
  CHECK(r->info().overviews >= 3);
  CHECK(progress == Approx(1.0));
  CHECK(r->valueAt({-52000 + 1550.5, -147100.5}) == Approx(15));
  CHECK(r->values(r->info().extent, 300, 250).at(155, 10) == Approx(15));
  CHECK(fs::last_write_time(path) == before);
  CHECK(fs::file_size(path) == size);
  CHECK(!fs::exists(path + ".ovr"));
  CHECK(!fs::exists(dir.file("big.tif.aux.xml")));
  int cached = 0;
  fs::file_time_type builtAt;
  for (const auto& e : fs::directory_iterator(o.cacheDir))
    if (e.path().extension() == ".ovr") ++cached, builtAt = e.last_write_time();
  CHECK(cached == 1);
  // A second open takes the cache as it is.
  progress = 0;
  auto again = io::openRaster(path, diag, o);
  REQUIRE(again);
  CHECK(again->info().overviewsBuilt);
  CHECK(progress == 0);
  for (const auto& e : fs::directory_iterator(o.cacheDir))
    if (e.path().extension() == ".ovr") CHECK(e.last_write_time() == builtAt);
  // The values through the overviews are the file's.
  CHECK(again->valueAt({-52000 + 1550.5, -147100}) == Approx(15));
  CHECK(diag.count(Severity::Error) == 0);
}

TEST_CASE("a picture smaller than the file is read from the overview nearest its resolution") {
  test::TempDir dir;
  const double gt[6] = {-52000, 1, 0, -147000, 0, -1};
  const std::string path = writeTiff(dir.file("ov.tif"), 1024, 1024, GDT_Byte, "EPSG:6674", gt,
                                     [](int, int) { return 10.0; });
  {  // The file's own overviews, then the 1/8 level overwritten with a value the full image does not have.
    GDALDatasetH ds = GDALOpen(path.c_str(), GA_Update);
    int levels[] = {2, 4, 8};
    REQUIRE(GDALBuildOverviews(ds, "NEAREST", 3, levels, 0, nullptr, nullptr, nullptr) == CE_None);
    GDALRasterBandH ov = GDALGetOverview(GDALGetRasterBand(ds, 1), 2);
    REQUIRE(GDALGetRasterBandXSize(ov) == 128);
    REQUIRE(GDALFillRaster(ov, 77, 0) == CE_None);
    GDALClose(ds);
  }
  Diagnostics diag(false);
  auto r = io::openRaster(path, diag);
  REQUIRE(r);
  CHECK(r->info().overviews == 3);
  CHECK(!r->info().overviewsBuilt);
  const Bounds all = r->info().extent;
  CHECK(r->values(all, 128, 128).at(64, 64) == Approx(77));   // the 1/8 overview
  CHECK(r->values(all, 1024, 1024).at(64, 64) == Approx(10));  // the full image
  CHECK(*r->valueAt({-51500, -147500}) == Approx(10));
}

TEST_CASE("bad rasters: one clear message naming the file") {
  test::TempDir dir;
  Diagnostics diag(false);
  const double gt[6] = {-50000, 10, 0, -148000, 0, -10};
  auto one = [](int, int) { return 1.0; };
  const std::string nocrs = writeTiff(dir.file("nocrs.tif"), 8, 8, GDT_Float32, nullptr, nullptr, one);
  CHECK(!io::openRaster(nocrs, diag));
  CHECK(test::allMessages(diag).find("nocrs.tif: has no position or coordinate reference system") != std::string::npos);
  diag.clear();
  const std::string complex = writeTiff(dir.file("complex.tif"), 8, 8, GDT_CFloat32, "EPSG:6674", gt, one);
  CHECK(!io::openRaster(complex, diag));
  CHECK(test::allMessages(diag).find("complex.tif: band 1 holds CFloat32 values") != std::string::npos);
  diag.clear();
  const std::string good = writeTiff(dir.file("good.tif"), 300, 300, GDT_Float32, "EPSG:6674", gt, one);
  {  // cut short: the header promises strips that are not there
    std::ifstream in(good, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    std::ofstream(dir.file("cut.tif"), std::ios::binary) << bytes.substr(0, bytes.size() / 3);
  }
  CHECK(!io::openRaster(dir.file("cut.tif"), diag));
  CHECK(test::allMessages(diag).find("cut.tif: the raster is damaged or truncated") != std::string::npos);
  diag.clear();
  std::ofstream(dir.file("junk.tif")) << "II*\0 not a tiff at all";
  CHECK(!io::isRasterFile(dir.file("missing.tif")));
  CHECK(!io::openRaster(dir.file("junk.tif"), diag));
  CHECK(test::allMessages(diag).find("junk.tif") != std::string::npos);
  CHECK(io::isRasterFile(good));
  CHECK(!io::isRasterFile(test::sourceFile("geodata/layers.json")));
}

TEST_CASE("depth classes as the hazard files write them") {
  auto r = parseDepthRange("1.0m以上2.0m未満");
  REQUIRE(r);
  CHECK(r->lo == 1.0);
  CHECK(r->hi == 2.0);
  r = parseDepthRange("０．３ｍ以上１．０ｍ未満");  // full-width
  REQUIRE(r);
  CHECK(r->lo == Approx(0.3));
  CHECK(r->hi == Approx(1.0));
  r = parseDepthRange("0.3m未満");
  REQUIRE(r);
  CHECK(r->lo == 0);
  CHECK(r->hi == Approx(0.3));
  r = parseDepthRange("5m以上");
  REQUIRE(r);
  CHECK(r->lo == 5);
  CHECK(std::isinf(r->hi));
  CHECK(r->worst() == 5);
  r = parseDepthRange("30cm～50cm");
  REQUIRE(r);
  CHECK(r->lo == Approx(0.3));
  CHECK(r->hi == Approx(0.5));
  r = parseDepthRange("2.78");
  REQUIRE(r);
  CHECK(r->lo == r->hi);
  CHECK(!parseDepthRange("浸水なし"));
  CHECK(!parseDepthRange(""));
}

TEST_CASE("Osaka City's rule: 3 storeys or more, a floor from the 3rd up above the depth") {
  using analysis::BuildingDepth;
  using analysis::ShelterVerdict;
  auto judge = [](int storeys, std::optional<double> depth, bool known = true, double storeyHeight = 3.0) {
    BuildingDepth b;
    b.storeys = storeys;
    if (depth) b.depth = DepthRange{*depth, *depth};
    b.depthKnown = known;
    b.storeyHeight = storeyHeight;
    analysis::judgeShelter(b);
    return b;
  };
  CHECK(judge(5, 2.0).verdict == ShelterVerdict::Meets);
  CHECK(judge(5, 2.0).shelterFloor == 3);             // the 3rd floor's level is 6 m
  CHECK(judge(5, 7.0).shelterFloor == 4);             // 6 m is under 7 m: the 4th (9 m)
  CHECK(judge(3, 7.0).verdict == ShelterVerdict::BelowDepth);
  CHECK(judge(2, 0.5).verdict == ShelterVerdict::TooFewStoreys);
  CHECK(judge(-1, 1.0).verdict == ShelterVerdict::Unknown);
  CHECK(judge(4, std::nullopt).verdict == ShelterVerdict::NotFlooded);
  CHECK(judge(4, std::nullopt, false).verdict == ShelterVerdict::Unknown);  // no hazard reaches it
  CHECK(judge(3, 4.0, true, 1.9).verdict == ShelterVerdict::BelowDepth);   // low storeys: 3.8 m
}

TEST_CASE("a block's area by depth class: exact for polygons, by cells for a raster") {
  Layer polys;
  polys.role = LayerRole::TsunamiDepth;
  polys.fields = {{"A40_003"}};
  auto square = [](double x0, double y0, double x1, double y1) {
    Geometry g;
    g.type = GeometryType::Polygon;
    g.polygons.push_back({{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}, {}});
    return g;
  };
  Feature a;
  a.geometry = square(0, 0, 50, 100);
  a.values.resize(1);
  a.values.set(0, "1.0m以上2.0m未満");
  Feature b;
  b.geometry = square(50, 0, 80, 100);
  b.values.resize(1);
  b.values.set(0, "2.0m以上5.0m未満");
  polys.features = {a, b};
  const auto classes = analysis::hazardClasses(polys);
  REQUIRE(classes.size() == 2);
  CHECK(classes[0].labelJa == "1–2 m");
  analysis::DepthHazard h(polys);
  const auto areas = h.areas(square(0, 0, 100, 100), classes);
  CHECK(areas.byClass[0] == Approx(5000));
  CHECK(areas.byClass[1] == Approx(3000));
  CHECK(areas.dry == Approx(2000));
  CHECK(h.at({60, 50})->hi == 5.0);
  CHECK(!h.at({90, 50}));

  test::TempDir dir;
  const double gt[6] = {-50000, 10, 0, -148000, 0, -10};
  // 20 × 20 cells: the left half 1.5 m, the right half dry (nodata).
  const std::string path = writeTiff(dir.file("d.tif"), 20, 20, GDT_Float32, "EPSG:6674", gt,
                                     [](int x, int) { return x < 10 ? 1.5 : -9999.0; }, -9999.0);
  Diagnostics diag(false);
  Layer raster;
  raster.role = LayerRole::TsunamiDepth;
  raster.raster = io::openRaster(path, diag);
  REQUIRE(raster.raster);
  raster.style.ramp = depthRamp();
  analysis::DepthHazard rh(raster);
  const auto rc = analysis::hazardClasses(raster);
  REQUIRE(rc.size() == 7);
  // A block over the middle: 60 % of it on the wet half, and a strip beyond the file's edge.
  const auto ra = rh.areas(square(-49960, -148120, -49860, -148020), rc);
  CHECK(ra.byClass[2] == Approx(6000).epsilon(0.01));
  CHECK(ra.dry == Approx(4000).epsilon(0.01));
  CHECK(ra.uncovered == Approx(0).margin(1));
  const auto edge = rh.areas(square(-49850, -148100, -49750, -148000), rc);
  CHECK(edge.uncovered == Approx(5000).epsilon(0.01));
}

TEST_CASE("a project keeps a raster as a reference to its file, with its role and its breaks") {
  test::TempDir dir;
  const double gt[6] = {-50000, 10, 0, -148000, 0, -10};
  const std::string path = writeTiff(dir.file("depth.tif"), 20, 20, GDT_Float32, "EPSG:6674", gt,
                                     [](int x, int) { return x * 0.25; }, -9999.0);
  Diagnostics diag(false);
  auto l = io::readLayers(path, diag);
  REQUIRE(l.size() == 1);
  REQUIRE(l[0]->isRaster());
  l[0]->id = "tsunami_depth";
  l[0]->role = LayerRole::TsunamiDepth;
  l[0]->style.ramp = withBreaks(depthRamp(), {0.5, 1.5, 3});
  l[0]->style.opacity = 0.4f;
  Project p;
  p.addLayer(l[0]);
  const std::string gpkg = dir.file("p.gpkg");
  REQUIRE(io::saveProject(p, {}, gpkg, diag));
  {  // without the user's word the file outside the project is named, not read
    Project q;
    auto view = io::openProject(gpkg, q, diag);
    REQUIRE(view);
    CHECK(q.layers().empty());
    REQUIRE(view->outsideReferences.size() == 1);
    CHECK(view->outsideReferences[0] == fs::path(path).lexically_normal().string());
  }
  Project q;
  io::OpenOptions o;
  o.confirmedReferences = {path};
  REQUIRE(io::openProject(gpkg, q, diag, o));
  const Layer* r = q.layerByRole(LayerRole::TsunamiDepth);
  REQUIRE(r);
  CHECK(r->isRaster());
  CHECK(r->style.opacity == Approx(0.4));
  REQUIRE(r->style.ramp.stops.size() == 3);
  CHECK(r->style.ramp.stops[1].value == 1.5);
  CHECK(r->style.ramp.stops[1].labelJa == "1.5–3 m");
  CHECK(r->raster->valueAt({-49945, -148005}) == Approx(1.25));
}

TEST_CASE("rasters GDAL might take for something else, or that say little") {
  test::TempDir dir;
  Diagnostics diag(false);
  // A table of numbers is a point file, not a grid (GDAL's XYZ driver would claim it).
  std::ofstream(dir.file("points.csv")) << "id,lon,lat\n1,135.45,34.65\n2,135.46,34.66\n";
  CHECK(!io::isRasterFile(dir.file("points.csv")));
  auto pts = io::readLayers(dir.file("points.csv"), diag);
  REQUIRE(pts.size() == 1);
  CHECK(pts[0]->features.size() == 2);
  // All nodata: it opens, its range unknown.
  const double gt[6] = {-50000, 10, 0, -148000, 0, -10};
  const std::string empty = writeTiff(dir.file("empty.tif"), 50, 50, GDT_Float32, "EPSG:6674", gt,
                                      [](int, int) { return -9999.0; }, -9999.0);
  auto r = io::openRaster(empty, diag);
  REQUIRE(r);
  CHECK(!r->valueAt({-49750, -148250}));
  // Three bands with a nodata value: those pixels see-through, the others opaque.
  const std::string rgb = writeTiff(dir.file("rgb.tif"), 10, 10, GDT_Byte, "EPSG:6674", gt,
                                    [](int x, int) { return x < 5 ? 0.0 : 200.0; }, 0.0, 3);
  auto pic = io::openRaster(rgb, diag);
  REQUIRE(pic);
  CHECK(pic->info().rgb);
  RgbaImage img = pic->colours(pic->info().extent, 10, 10);
  CHECK(img.pixels[(4 * 10 + 2) * 4 + 3] == 0);
  CHECK(img.pixels[(4 * 10 + 7) * 4 + 3] == 255);
  CHECK(img.pixels[(4 * 10 + 7) * 4 + 0] == 200);
  CHECK(diag.count(Severity::Error) == 0);
}

TEST_CASE("depth-class polygons take their class's colour, and the legend their file's classes") {
  Layer polys;
  polys.role = LayerRole::TsunamiDepth;
  polys.fields = {{"A40_003"}};
  for (const char* label : {"3.0m以上5.0m未満", "0.3m以上1.0m未満", "", "3.0m以上5.0m未満"}) {
    Feature f;
    f.geometry.type = GeometryType::Polygon;
    f.geometry.polygons.push_back({{{0, 0}, {10, 0}, {10, 10}}, {}});
    f.values.resize(1);
    f.values.set(0, label);
    polys.features.push_back(f);
  }
  analysis::paintDepthClasses(polys);
  REQUIRE(polys.style.ramp.stops.size() == 2);
  CHECK(polys.style.ramp.stops[0].labelJa == "0.3–1 m");
  CHECK(polys.style.ramp.stops[1].labelJa == "3–5 m");
  REQUIRE(polys.style.featureFills.size() == 4);
  CHECK(polys.style.featureFills[0] == polys.style.ramp.stops[1].color);
  CHECK(polys.style.featureFills[1] == polys.style.ramp.stops[0].color);
  CHECK(polys.style.featureFills[2].a == 0);  // no depth: not filled
  CHECK(polys.style.featureFills[3] == polys.style.featureFills[0]);
}
