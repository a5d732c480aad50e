#pragma once
// An RGBA image as an OpenGL texture, for pictures shown in panels (the print preview).
#include <epoxy/gl.h>

#include <cstdint>
#include <vector>

namespace safetymap::render {

class Texture {
 public:
  ~Texture();
  // Needs a current GL context. nearest: cells stay square when magnified (a density image); nearestMin: and one
  // texel per pixel when shrunk (a software renderer fills a screen of it a third faster).
  void upload(int width, int height, const std::vector<std::uint8_t>& rgba, bool nearest = false,
              bool nearestMin = false);
  // One byte of coverage per texel, read as white of that alpha (a glyph image for ImGui's shader).
  void uploadCoverage(int width, int height, const std::uint8_t* coverage);
  // Rows [y, y + rows) of a texture made by uploadCoverage, replaced.
  void updateCoverageRows(int y, int rows, const std::uint8_t* coverage);
  void release();  // the texture freed (while the GL context is still there)
  // Storage to draw into (a framebuffer's colour): filled by GL, not uploaded; shown no smaller than half its size.
  void allocate(int width, int height);
  GLuint id() const { return id_; }
  int width() const { return w_; }
  int height() const { return h_; }

 private:
  GLuint id_ = 0;
  int w_ = 0, h_ = 0;
};

}  // namespace safetymap::render
