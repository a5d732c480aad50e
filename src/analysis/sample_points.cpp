#include "analysis/sample_points.hpp"

namespace safetymap::analysis {

namespace {
// splitmix64: a tiny, well-known generator whose output does not depend on the standard library.
std::uint64_t next(std::uint64_t& s) {
  std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
double unit(std::uint64_t& s) {
  return static_cast<double>(next(s) >> 11) * 0x1.0p-53;
}
}  // namespace

Vec2 pointInside(const Geometry& g, std::uint64_t seed) {
  Bounds b = g.bounds();
  if (b.empty()) return {};
  std::uint64_t s = seed;
  for (int i = 0; i < 2000; ++i) {
    Vec2 p{b.minx + unit(s) * b.width(), b.miny + unit(s) * b.height()};
    if (contains(g, p)) return p;
  }
  return g.anchor();
}

}  // namespace safetymap::analysis
