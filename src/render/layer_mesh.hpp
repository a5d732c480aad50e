#pragma once
// Turns a layer into vertex arrays for the GPU, on the CPU and without OpenGL, so it can run on
// the loader thread and be tested. Coordinates are stored relative to a fixed origin as floats
// (centimetre precision across Osaka) — the world coordinates themselves are too large for floats.
#include <cstdint>
#include <memory>
#include <vector>

#include "core/project.hpp"

namespace safetymap::render {

// The ward's centre in EPSG:6674: every GPU coordinate is relative to it.
inline constexpr Vec2 kRenderOrigin{-49500.0, -148500.0};

struct FillVertex {
  float x, y;
  std::uint8_t rgba[4];
};
struct SegmentInstance {  // one outline segment, expanded to a quad of pixel width on the GPU
  float ax, ay, bx, by;
  std::uint8_t rgba[4];
};
struct PointInstance {  // one point symbol, an instanced sprite
  float x, y;
  std::uint8_t rgba[4];
};

// Triangles of every feature, computed once per data version (style changes only recolour).
struct Triangulation {
  std::uint64_t dataVersion = 0;
  std::vector<Vec2> vertices;         // 3 per triangle
  std::vector<std::uint32_t> starts;  // per feature: first vertex; size = features + 1
};
std::shared_ptr<const Triangulation> triangulateLayer(const Layer& layer);

struct LayerMesh {
  std::vector<FillVertex> fill;
  std::vector<SegmentInstance> segments;
  std::vector<PointInstance> points;
  int drawnFeatures = 0;  // features that passed the district and category filters
};

// fill/stroke colours come from the style (per-feature fills for districts); features outside the
// selected district and hidden categories are left out.
LayerMesh buildMesh(const Layer& layer, const Project& project, const Triangulation* triangles);
// Outline segments of one feature (for highlights).
void appendOutline(const Geometry& g, Rgba color, std::vector<SegmentInstance>& out);

}  // namespace safetymap::render
