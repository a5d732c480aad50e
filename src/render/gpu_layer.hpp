#pragma once
// One layer's GPU buffers (fill triangles, outline segments, point sprites). Rebuilt only when the
// layer's data or style, or the project's filter, changes; drawing is three draw calls at most.
#include <epoxy/gl.h>

#include <cstdint>

#include "render/layer_mesh.hpp"

namespace safetymap::render {

struct Buffers {
  GLuint vao = 0, vbo = 0;
  GLsizei count = 0;
};

class GpuLayer {
 public:
  GpuLayer() = default;
  ~GpuLayer();
  GpuLayer(const GpuLayer&) = delete;
  GpuLayer& operator=(const GpuLayer&) = delete;

  // Uploads a mesh (replacing the previous one).
  void upload(const LayerMesh& mesh, GLuint segmentQuad, GLuint pointQuad);
  const Buffers& fill() const { return fill_; }
  const Buffers& segments() const { return segments_; }
  const Buffers& points() const { return points_; }
  int drawnFeatures = 0;

  // What the buffers were built from.
  std::uint64_t dataVersion = ~0ull, styleVersion = ~0ull, filterVersion = ~0ull;

 private:
  Buffers fill_, segments_, points_;
};

}  // namespace safetymap::render
