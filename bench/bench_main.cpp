// safetymap-bench: measurements of safetymap's own work at scale, one line per measurement, for
// bench/run.sh to set beside the peers (ogr2ogr, ogrinfo -dialect SQLite) measured in the same run.
//   safetymap-bench generate N OUT.(geojson|gpkg)   synthetic crime points over the ward (marked synthetic)
//   safetymap-bench generate-polygons N OUT         synthetic building-sized squares (marked synthetic)
//   safetymap-bench generate-police N OUT.csv       a police-format CSV (Shift_JIS) of N synthetic Minato records
//   safetymap-bench load FILE                       file → layer in the working CRS (GDAL + PROJ)
//   safetymap-bench join FILE                       crimes per district (a grid of district ids; GEOS at boundaries)
//   safetymap-bench pick FILE                       the feature under a cursor, and a rectangle selection
//   safetymap-bench route                           the whole-ward walking field and both assignments
//   safetymap-bench walk-rasters OUT_DIR            cost.tif, doors.txt, ours.tif for GRASS r.cost to redo
//   safetymap-bench compare-rasters OURS THEIRS     the largest difference between two distance rasters
#include <cpl_string.h>
#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "analysis/area_grid.hpp"
#include "analysis/district_join.hpp"
#include "analysis/evacuation.hpp"
#include "analysis/picking.hpp"
#include "io/crs.hpp"
#include "io/layer_reader.hpp"
#include "io/layer_writer.hpp"
#include "jobs/drill.hpp"
#include "jobs/load.hpp"
#include "render/layer_mesh.hpp"
#include "walk_rasters.hpp"

using namespace safetymap;
using Clock = std::chrono::steady_clock;

namespace {
double since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

long peakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

std::string geodata() {
  return std::string(SAFETYMAP_SOURCE_DIR) + "/geodata";
}

std::shared_ptr<Layer> loadOne(const std::string& file) {
  Diagnostics d(false);
  auto layers = jobs::readLayers(file, d);
  if (layers.empty()) {
    std::fprintf(stderr, "cannot read %s\n", file.c_str());
    std::exit(1);
  }
  return layers.front();
}

std::shared_ptr<Layer> districts() {
  return loadOne(geodata() + "/derived/districts.geojson");
}

int write(const Layer& l, const std::string& out);

int generate(long n, const std::string& out) {
  // Uniform over the ward's bounding box, kept where a district is: the real ward's shape, synthetic points.
  auto d = districts();
  analysis::DistrictLocator locate(*d);
  Bounds b = d->bounds();
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> ux(b.minx, b.maxx), uy(b.miny, b.maxy);
  const char* kinds[] = {"自転車盗",         "車上ねらい", "部品ねらい", "オートバイ盗",
                         "自動販売機ねらい", "ひったくり", "自動車盗"};
  Layer l;
  l.id = "crimes";
  l.fields = {{"手口"}, {"発生年月日（始期）"}, {"synthetic", Field::Type::Boolean}};
  l.features.reserve(static_cast<size_t>(n));
  while (static_cast<long>(l.features.size()) < n) {
    Vec2 p{ux(rng), uy(rng)};
    if (locate.locate(p) < 0) continue;
    Feature f;
    f.geometry.type = GeometryType::Point;
    f.geometry.points = {p};
    f.values = {kinds[rng() % 7], "2024" + std::to_string(101 + rng() % 12 * 100 + rng() % 28), "1"};
    l.features.push_back(std::move(f));
  }
  return write(l, out);
}

int generatePolygons(long n, const std::string& out) {
  // Building-sized squares (10–40 m, turned at random) wherever a district is: synthetic footprints.
  auto d = districts();
  analysis::DistrictLocator locate(*d);
  Bounds b = d->bounds();
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> ux(b.minx, b.maxx), uy(b.miny, b.maxy), size(10, 40), turn(0, 3.14159);
  Layer l;
  l.id = "footprints";
  l.fields = {{"name"}, {"synthetic", Field::Type::Boolean}};
  l.features.reserve(static_cast<size_t>(n));
  while (static_cast<long>(l.features.size()) < n) {
    Vec2 c{ux(rng), uy(rng)};
    if (locate.locate(c) < 0) continue;
    const double h = size(rng) / 2, a = turn(rng), ca = std::cos(a), sa = std::sin(a);
    std::vector<Vec2> ring;
    for (auto [x, y] : {std::pair{-h, -h}, {h, -h}, {h, h}, {-h, h}, {-h, -h}})
      ring.push_back({c.x + x * ca - y * sa, c.y + x * sa + y * ca});
    Feature f;
    f.geometry.type = GeometryType::Polygon;
    f.geometry.polygons = {Polygon{ring, {}}};
    f.values = {"建物" + std::to_string(l.features.size() + 1), "1"};
    l.features.push_back(std::move(f));
  }
  return write(l, out);
}

// The police's columns and values (taken from the real Minato records as they are), each record given a real
// 町丁目 of the ward, a date and an hour at random: the import decodes, places by town and de-duplicates them
// as it would a year of every ward's records. Shift_JIS, as the police publish it. Never bundled.
int generatePolice(long n, const std::string& out) {
  const std::string ref = std::string(SAFETYMAP_SOURCE_DIR) + "/../shared/reference-data/osaka-police-crime-minato/";
  io::ReadOptions ro;
  ro.keepWithoutGeometry = true;  // the police give a 町丁目, not coordinates
  Diagnostics d(false);
  auto read = jobs::readLayers(ref + "osaka_2019zitensyatou_27107_minato.csv", d, ro);
  if (read.empty()) {
    std::fprintf(stderr, "generate-police: cannot read the Minato police records in %s\n", ref.c_str());
    return 1;
  }
  auto real = read.front();
  auto chome = loadOne(geodata() + "/derived/chome.geojson");
  std::vector<std::string> towns;
  for (const auto& f : chome->features)
    if (const std::string* t = chome->value(f, "census_name"); t && !t->empty()) towns.push_back(*t);
  const int townCol = real->fieldIndex("町丁目（発生地）"), dateCol = real->fieldIndex("発生年月日（始期）"),
            hourCol = real->fieldIndex("発生時（始期）");
  if (towns.empty() || townCol < 0 || dateCol < 0 || hourCol < 0 || real->features.empty()) {
    std::fprintf(stderr, "generate-police: the Minato police records or the 町丁目 layer are missing\n");
    return 1;
  }
  auto csvCell = [](const std::string& v) {
    return v.find_first_of(",\"\n") == std::string::npos ? v : "\"" + v + "\"";  // no quotes in these values
  };
  std::string text;
  for (size_t i = 0; i < real->fields.size(); ++i) text += (i ? "," : "") + real->fields[i].name;
  text += "\r\n";
  std::mt19937_64 rng(2021);
  for (long r = 0; r < n; ++r) {
    const Feature& t = real->features[rng() % real->features.size()];
    for (size_t i = 0; i < real->fields.size(); ++i) {
      if (i) text += ',';
      if (static_cast<int>(i) == townCol)
        text += towns[rng() % towns.size()];
      else if (static_cast<int>(i) == dateCol)
        text += fmt::format("{}-{:02}-{:02}", 2015 + rng() % 10, 1 + rng() % 12, 1 + rng() % 28);
      else if (static_cast<int>(i) == hourCol)
        text += std::to_string(rng() % 24);
      else
        text += csvCell(i < t.values.size() ? t.values[i] : std::string());
    }
    text += "\r\n";
  }
  char* sjis = CPLRecode(text.c_str(), CPL_ENC_UTF8, "CP932");
  FILE* f = std::fopen(out.c_str(), "wb");
  const bool ok = sjis && f && std::fwrite(sjis, 1, std::strlen(sjis), f) == std::strlen(sjis);
  if (f) std::fclose(f);
  CPLFree(sjis);
  return ok ? 0 : 1;
}

int write(const Layer& l, const std::string& out) {
  io::WriteOptions o;
  bool gpkg = out.size() > 5 && out.substr(out.size() - 5) == ".gpkg";
  o.driver = gpkg ? "GPKG" : "GeoJSON";
  o.crs = gpkg ? io::kWorkingCrs : io::kGeographicCrs;
  Diagnostics diag(true);
  return io::writeLayer(l, out, o, diag) ? 0 : 1;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: safetymap-bench generate|load|join|pick|route …\n");
    return 2;
  }
  std::string cmd = argv[1];
  if (cmd == "generate" && argc == 4) return generate(std::atol(argv[2]), argv[3]);
  if (cmd == "generate-polygons" && argc == 4) return generatePolygons(std::atol(argv[2]), argv[3]);
  if (cmd == "generate-police" && argc == 4) return generatePolice(std::atol(argv[2]), argv[3]);
  if (cmd == "walk-rasters" && argc == 3) return bench::writeWalkRasters(argv[2]);
  if (cmd == "compare-rasters" && argc == 4) return bench::compareDistanceRasters(argv[2], argv[3]);
  if (cmd == "load" && argc == 3) {
    // GDAL's drivers and PROJ's database cost ~20 MB once, whatever the file: load a small layer first so
    // the figure per feature is what the features themselves cost.
    const long cold = peakRssKb();
    districts();
    long before = peakRssKb();
    auto t0 = Clock::now();
    auto l = loadOne(argv[2]);
    double s = since(t0);
    const double perFeature = (peakRssKb() - before) * 1024.0 / std::max<size_t>(1, l->features.size());
    // Ready to draw: what the viewer does next, off the UI thread for polygons (triangles) and in the first
    // sync for the rest (vertex arrays, tiles, density); only the upload to the GPU is left out.
    t0 = Clock::now();
    Project project;
    auto tri = l->geometryType() == GeometryType::Polygon ? render::triangulateLayer(*l) : nullptr;
    const render::LayerMesh mesh = render::buildMesh(*l, project, tri.get());
    const double meshSeconds = since(t0);
    std::printf(
        "bench=load file=%s features=%zu seconds=%.4f features_per_s=%.0f rss_delta_bytes_per_feature=%.1f "
        "gdal_proj_start_mb=%.1f mesh_seconds=%.4f ready_seconds=%.4f\n",
        argv[2], l->features.size(), s, l->features.size() / s, perFeature, (before - cold) / 1024.0, meshSeconds,
        s + meshSeconds);
    return 0;
  }
  if (cmd == "join" && argc == 3) {
    auto l = loadOne(argv[2]);
    auto d = districts();
    auto t0 = Clock::now();
    analysis::DistrictLocator locate(*d);
    locate.tag(*l);
    double s = since(t0);
    long inside = 0;
    for (const auto& f : l->features) inside += f.district >= 0;
    // The grid alone (built inside tag() above): its share of the time.
    t0 = Clock::now();
    std::vector<const Geometry*> areas;
    for (const auto& f : d->features) areas.push_back(&f.geometry);
    const analysis::AreaGrid grid(areas, analysis::DistrictLocator::kGridCell);
    const double gridSeconds = since(t0);
    // The exact test alone on every point (GEOS prepared geometries + STRtree, as before the grid): its time,
    // and that the grid gave the same district to every point.
    t0 = Clock::now();
    long differ = 0;
    for (const auto& f : l->features) differ += locate.locate(f.geometry.anchor()) != f.district;
    const double geosSeconds = since(t0);
    std::printf(
        "bench=join file=%s features=%zu inside=%ld seconds=%.4f grid_build_seconds=%.4f "
        "grid_cell_m=%.2f grid_ask_cells=%zu geos_seconds=%.4f differ_from_geos=%ld\n",
        argv[2], l->features.size(), inside, s, gridSeconds, grid.cell(), grid.askCells(), geosSeconds, differ);
    return 0;
  }
  if (cmd == "pick" && argc == 3) {
    auto l = loadOne(argv[2]);
    auto t0 = Clock::now();
    analysis::PickIndex idx;
    idx.build(*l);
    double build = since(t0);
    Bounds b = l->bounds();
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> ux(b.minx, b.maxx), uy(b.miny, b.maxy);
    const int picks = 2000;
    int hits = 0;
    t0 = Clock::now();
    for (int i = 0; i < picks; ++i)
      hits += idx.pick(*l, {ux(rng), uy(rng)}, 5.0, [](const Feature&) { return true; }).has_value();
    double pick = since(t0) / picks;
    t0 = Clock::now();
    size_t selected = 0;
    for (int i = 0; i < 200; ++i) {
      Vec2 c{ux(rng), uy(rng)};
      selected += idx.inRect(*l, {c.x - 100, c.y - 100, c.x + 100, c.y + 100}).size();
    }
    double rect = since(t0) / 200;
    std::printf(
        "bench=pick file=%s features=%zu index_build_seconds=%.4f pick_ms=%.4f rect_200m_ms=%.4f hits=%d "
        "selected=%zu\n",
        argv[2], l->features.size(), build, pick * 1e3, rect * 1e3, hits, selected);
    return 0;
  }
  if (cmd == "route") {
    Diagnostics diag(false);
    Project p = jobs::loadProjectNow(geodata(), {}, diag, false, true);
    auto t0 = Clock::now();
    const analysis::GridSurface grid(jobs::buildWalkGrid(p, 2.0, diag));
    double raster = since(t0);
    analysis::EvacuationOptions o;
    t0 = Clock::now();
    auto plan = analysis::planEvacuation(p, grid, o);
    double nearest = since(t0);
    o.capacityAware = true;
    o.scenarioCapacity = 400;
    t0 = Clock::now();
    auto plan2 = analysis::planEvacuation(p, grid, o);
    double capacity = since(t0);
    std::printf(
        "bench=route cells=%dx%d street_cells=%zu rasterise_seconds=%.3f field_and_nearest_seconds=%.3f "
        "capacity_aware_seconds=%.3f origins=%zu shortfall_at_400=%.0f\n",
        grid.grid()->width, grid.grid()->height, grid.streetCount(), raster, nearest, capacity, plan.origins.size(),
        plan2.shortfall);
    return 0;
  }
  std::fprintf(stderr, "safetymap-bench: unknown command %s\n", cmd.c_str());
  return 2;
}
