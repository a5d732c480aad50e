// The triangles of a big polygon layer kept between starts (jobs/triangle_cache.hpp): a hit gives exactly what
// triangulating gives; a changed source, a changed layer or a damaged cache file misses and triangulates again.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "jobs/triangle_cache.hpp"
#include "test_support.hpp"

using namespace safetymap;
namespace fs = std::filesystem;

namespace {
Layer footprints(std::size_t n) {
  Layer l;
  l.id = "footprints";
  for (std::size_t i = 0; i < n; ++i) {
    const double x = -50000.0 + static_cast<double>(i % 100) * 20, y = -148000.0 + static_cast<double>(i / 100) * 20;
    Feature f;
    f.geometry.type = GeometryType::Polygon;
    // Every third one concave (an L): GEOS's triangles, the others a fan.
    if (i % 3 == 0)
      f.geometry.polygons.push_back(
          {{{x, y}, {x + 10, y}, {x + 10, y + 5}, {x + 5, y + 5}, {x + 5, y + 10}, {x, y + 10}}, {}});
    else
      f.geometry.polygons.push_back({{{x, y}, {x + 10, y}, {x + 10, y + 10}, {x, y + 10}}, {}});
    if (i == 1)  // one with a courtyard
      f.geometry.polygons.back().holes.push_back({{x + 2, y + 2}, {x + 2, y + 4}, {x + 4, y + 4}, {x + 4, y + 2}});
    l.features.push_back(std::move(f));
  }
  return l;
}

void writeText(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

std::size_t cacheFiles(const fs::path& dir) {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) n += e.path().extension() == ".bin";
  return n;
}
}  // namespace

TEST_CASE("a big layer's triangles come back from the cache equal, and any change misses", "[trianglecache]") {
  test::TempDir dir;
  const fs::path cache = dir.path / "cache";
  setenv("SAFETYMAP_CACHE_DIR", cache.c_str(), 1);
  const std::string source = dir.file("footprints.geojson");
  writeText(source, "the source file's bytes, version 1");
  const Layer layer = footprints(jobs::kCachedPolygons + 1000);
  const auto expected = render::triangulateLayer(layer);

  auto first = jobs::cachedTriangles(source, layer);
  CHECK_FALSE(first.fromCache);
  REQUIRE(cacheFiles(cache) == 1);
  auto second = jobs::cachedTriangles(source, layer);
  CHECK(second.fromCache);
  REQUIRE(second.triangles);
  CHECK(second.triangles->starts == expected->starts);
  CHECK(second.triangles->vertices == expected->vertices);
  CHECK(second.triangles->dataVersion == layer.dataVersion);

  SECTION("the source file changed") {
    writeText(source, "the source file's bytes, version 2");
    CHECK_FALSE(jobs::cachedTriangles(source, layer).fromCache);
    CHECK(jobs::cachedTriangles(source, layer).fromCache);
    CHECK(cacheFiles(cache) == 1);  // replaced, not piled up
  }
  SECTION("a vertex of the layer moved (the same file read otherwise)") {
    Layer moved = layer;
    moved.features[7].geometry.polygons[0].outer[1].x += 0.001;
    auto r = jobs::cachedTriangles(source, moved);
    CHECK_FALSE(r.fromCache);
    CHECK(r.triangles->vertices == render::triangulateLayer(moved)->vertices);
  }
  SECTION("a hole's vertex moved") {
    Layer moved = layer;
    moved.features[1].geometry.polygons[0].holes[0][2].y += 0.5;
    auto r = jobs::cachedTriangles(source, moved);
    CHECK_FALSE(r.fromCache);
    CHECK(r.triangles->vertices == render::triangulateLayer(moved)->vertices);
  }
  SECTION("the cache file is damaged") {
    const fs::path entry = fs::directory_iterator(cache)->path();
    fs::resize_file(entry, fs::file_size(entry) - 8);
    auto r = jobs::cachedTriangles(source, layer);
    CHECK_FALSE(r.fromCache);
    CHECK(r.triangles->vertices == expected->vertices);
    CHECK(jobs::cachedTriangles(source, layer).fromCache);  // written again whole
  }
  unsetenv("SAFETYMAP_CACHE_DIR");
}

TEST_CASE("a small layer is triangulated, not cached", "[trianglecache]") {
  test::TempDir dir;
  setenv("SAFETYMAP_CACHE_DIR", dir.file("cache").c_str(), 1);
  const std::string source = dir.file("small.geojson");
  writeText(source, "bytes");
  const Layer layer = footprints(100);
  CHECK_FALSE(jobs::cachedTriangles(source, layer).fromCache);
  CHECK_FALSE(jobs::cachedTriangles(source, layer).fromCache);
  CHECK_FALSE(fs::exists(dir.file("cache")));
  unsetenv("SAFETYMAP_CACHE_DIR");
}

TEST_CASE("the cache forgets entries unused for a month, then the least recently used past its size",
          "[trianglecache]") {
  test::TempDir dir;
  const fs::path cache = dir.path / "cache";
  fs::create_directories(cache);
  setenv("SAFETYMAP_CACHE_DIR", cache.c_str(), 1);
  const auto now = fs::file_time_type::clock::now();
  auto entry = [&](const std::string& name, int daysUnused, std::size_t bytes) {
    const fs::path p = cache / name;
    writeText(p.string(), std::string(bytes, 'x'));
    fs::last_write_time(p, now - std::chrono::hours(24 * daysUnused));
    return p;
  };
  const fs::path stale = entry("triangles-00000000000000aa.bin", jobs::kCacheDays + 5, 100);
  const fs::path older = entry("triangles-00000000000000bb.bin", 20, 100);
  const fs::path recent = entry("triangles-00000000000000cc.bin", 2, 100);
  const fs::path other = entry("notes.txt", jobs::kCacheDays + 5, 100);                 // not ours: never touched
  const fs::path cut = entry("triangles-00000000000000dd.bin.123-456.tmp", 2, 100);     // a write cut short
  const fs::path writing = entry("triangles-00000000000000ee.bin.789-12.tmp", 0, 100);  // another writer's, now

  // Writing an entry prunes: the stale one goes, the others fit.
  const std::string source = dir.file("footprints.geojson");
  writeText(source, "bytes");
  const Layer layer = footprints(jobs::kCachedPolygons + 10);
  CHECK_FALSE(jobs::cachedTriangles(source, layer).fromCache);
  CHECK_FALSE(fs::exists(stale));
  CHECK(fs::exists(older));
  CHECK(fs::exists(recent));
  CHECK(fs::exists(other));
  CHECK_FALSE(fs::exists(cut));
  CHECK(fs::exists(writing));
  fs::remove(writing);
  REQUIRE(cacheFiles(cache) == 3);

  // A hit marks its entry used: pruned after the ones not used since.
  fs::path written;
  for (const auto& e : fs::directory_iterator(cache))
    if (e.path() != older && e.path() != recent && e.path().extension() == ".bin") written = e.path();
  fs::last_write_time(written, now - std::chrono::hours(24 * 25));
  CHECK(jobs::cachedTriangles(source, layer).fromCache);
  CHECK(now - fs::last_write_time(written) < std::chrono::hours(1));

  // Past the size: the least recently used go first; the entry kept stays whatever its size.
  jobs::pruneCache(cache.string(), recent.string(), fs::file_size(written) + 150);
  CHECK_FALSE(fs::exists(older));
  CHECK(fs::exists(written));
  CHECK(fs::exists(recent));
  jobs::pruneCache(cache.string(), recent.string(), 0);
  CHECK_FALSE(fs::exists(written));
  CHECK(fs::exists(recent));
  CHECK(fs::exists(other));
  unsetenv("SAFETYMAP_CACHE_DIR");
}
