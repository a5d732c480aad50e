#include "ui/screenshot.hpp"

#include <epoxy/gl.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "io/png_writer.hpp"

namespace safetymap::ui {

Status writeScreenshot(const std::string& path, int w, int h) {
  std::vector<std::uint8_t> px(static_cast<size_t>(w) * h * 4), flipped(px.size());
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
  size_t row = static_cast<size_t>(w) * 4;
  for (int y = 0; y < h; ++y)
    std::copy_n(&px[static_cast<size_t>(h - 1 - y) * row], row, &flipped[static_cast<size_t>(y) * row]);
  for (size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;  // the window is opaque
  return io::writePng(path, w, h, flipped);
}

}  // namespace safetymap::ui
