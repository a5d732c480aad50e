#pragma once

namespace safetymap::render {

struct Viewport {
  int x = 0, y = 0, width = 1, height = 1;  // OpenGL pixels, origin bottom-left
};

}  // namespace safetymap::render
