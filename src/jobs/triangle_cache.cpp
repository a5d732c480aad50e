#include "jobs/triangle_cache.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string_view>
#include <vector>

#include "io/commit_file.hpp"

namespace fs = std::filesystem;

namespace safetymap::jobs {

namespace {

constexpr char kMagic[8] = {'S', 'M', 'T', 'R', 'I', '0', '0', '1'};

struct Header {
  char magic[8];
  std::uint64_t key, features, vertices;
};

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  return (h ^ v) * 1099511628211ull;
}

// This build: the executable's size and modification time (a new build may triangulate differently).
std::uint64_t buildIdentity() {
  struct stat st {};
  if (stat("/proc/self/exe", &st) != 0) return 0;
  return mix(
      mix(1469598103934665603ull, static_cast<std::uint64_t>(st.st_size)),
      static_cast<std::uint64_t>(st.st_mtim.tv_sec) * 1000000000ull + static_cast<std::uint64_t>(st.st_mtim.tv_nsec));
}

// The key, or 0 when the source cannot be read.
std::uint64_t keyOf(const std::string& sourceFile, const Layer& layer, std::size_t vertices) {
  std::ifstream in(sourceFile, std::ios::binary);
  if (!in) return 0;
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::uint64_t k = mix(buildIdentity(), std::hash<std::string_view>{}(bytes));
  k = mix(k, std::hash<std::string>{}(layer.id));
  k = mix(k, layer.features.size());
  k = mix(k, vertices);
  // Every vertex the triangles are made from, holes too: the same file read into another working CRS is another
  // layer, and the file may have changed since it was read.
  auto ring = [&](const Ring& r) {
    for (const Vec2& v : r) k = mix(mix(k, std::bit_cast<std::uint64_t>(v.x)), std::bit_cast<std::uint64_t>(v.y));
  };
  for (const auto& f : layer.features)
    for (const auto& p : f.geometry.polygons) {
      ring(p.outer);
      for (const auto& h : p.holes) ring(h);
    }
  return k == 0 ? 1 : k;
}

std::size_t vertexCount(const Layer& layer) {
  std::size_t n = 0;
  for (const auto& f : layer.features)
    for (const auto& p : f.geometry.polygons) {
      n += p.outer.size();
      for (const auto& h : p.holes) n += h.size();
    }
  return n;
}

// One file per source and layer: a new key replaces the old file rather than piling up beside it.
fs::path entryFor(const std::string& sourceFile, const Layer& layer) {
  const std::string abs = fs::absolute(sourceFile).lexically_normal().string();
  return fs::path(cacheDir()) /
         fmt::format("triangles-{:016x}.bin", mix(std::hash<std::string>{}(abs), std::hash<std::string>{}(layer.id)));
}

std::shared_ptr<render::Triangulation> read(const fs::path& file, std::uint64_t key, const Layer& layer) {
  std::ifstream in(file, std::ios::binary);
  Header h{};
  if (!in || !in.read(reinterpret_cast<char*>(&h), sizeof h)) return nullptr;
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || h.key != key || h.features != layer.features.size())
    return nullptr;
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec || h.vertices > size / sizeof(Vec2) || h.features > size / sizeof(std::uint32_t) ||
      size != sizeof h + (h.features + 1) * sizeof(std::uint32_t) + h.vertices * sizeof(Vec2))
    return nullptr;
  auto t = std::make_shared<render::Triangulation>();
  t->starts.resize(h.features + 1);
  t->vertices.resize(h.vertices);
  in.read(reinterpret_cast<char*>(t->starts.data()),
          static_cast<std::streamsize>(t->starts.size() * sizeof(std::uint32_t)));
  in.read(reinterpret_cast<char*>(t->vertices.data()), static_cast<std::streamsize>(t->vertices.size() * sizeof(Vec2)));
  if (!in || t->starts.front() != 0 || t->starts.back() != h.vertices) return nullptr;
  for (std::size_t i = 1; i < t->starts.size(); ++i)
    if (t->starts[i] < t->starts[i - 1]) return nullptr;
  t->dataVersion = layer.dataVersion;
  return t;
}

void write(const fs::path& file, std::uint64_t key, const render::Triangulation& t) {
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.key = key, h.features = t.starts.size() - 1, h.vertices = t.vertices.size();
  (void)io::writeFileAtomically(
      file.string(),
      {std::string_view(reinterpret_cast<const char*>(&h), sizeof h),
       std::string_view(reinterpret_cast<const char*>(t.starts.data()), t.starts.size() * sizeof(std::uint32_t)),
       std::string_view(reinterpret_cast<const char*>(t.vertices.data()), t.vertices.size() * sizeof(Vec2))});
}

}  // namespace

std::string cacheDir() {
  if (const char* d = std::getenv("SAFETYMAP_CACHE_DIR"); d && *d) return d;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return (fs::path(x) / "safetymap").string();
  const char* home = std::getenv("HOME");
  return (fs::path(home ? home : ".") / ".cache/safetymap").string();
}

CachedTriangles cachedTriangles(const std::string& sourceFile, const Layer& layer) {
  if (layer.features.size() < kCachedPolygons) return {render::triangulateLayer(layer), false};
  const std::uint64_t key = keyOf(sourceFile, layer, vertexCount(layer));
  if (key == 0) return {render::triangulateLayer(layer), false};
  const fs::path file = entryFor(sourceFile, layer);
  if (auto t = read(file, key, layer)) {
    std::error_code ec;
    fs::last_write_time(file, fs::file_time_type::clock::now(), ec);  // used: pruned last
    return {std::move(t), true};
  }
  auto t = render::triangulateLayer(layer);
  if (t->starts.size() == layer.features.size() + 1) {
    write(file, key, *t);
    pruneCache(cacheDir(), file.string());
  }
  return {std::move(t), false};
}

void pruneCache(const std::string& dir, const std::string& keep, std::uintmax_t maxBytes) {
  struct Entry {
    fs::file_time_type used;
    std::uintmax_t bytes;
    fs::path path;
  };
  std::vector<Entry> entries;
  std::uintmax_t total = 0;
  std::error_code ec;
  const auto now = fs::file_time_type::clock::now();
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("triangles-", 0) != 0) continue;  // only our entries
    std::error_code fe;
    if (e.path().extension() == ".tmp") {  // a write cut short (the program killed): gone after a day
      if (const auto t = e.last_write_time(fe); !fe && now - t > std::chrono::hours(24)) fs::remove(e.path(), fe);
      continue;
    }
    if (e.path().extension() != ".bin") continue;
    const auto used = e.last_write_time(fe);
    const auto bytes = e.file_size(fe);
    if (fe) continue;
    total += bytes;
    if (e.path() == fs::path(keep)) continue;
    if (now - used > std::chrono::hours(24 * kCacheDays)) {
      if (fs::remove(e.path(), fe)) total -= bytes;
      continue;
    }
    entries.push_back({used, bytes, e.path()});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.used < b.used; });
  for (const Entry& e : entries) {
    if (total <= maxBytes) break;
    std::error_code fe;
    if (fs::remove(e.path, fe)) total -= e.bytes;
  }
}

}  // namespace safetymap::jobs
