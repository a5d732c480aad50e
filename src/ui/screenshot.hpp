#pragma once
// --screenshot FILE: the frame just drawn (the back buffer), written as a PNG.
#include <string>

#include "core/status.hpp"

namespace safetymap::ui {

Status writeScreenshot(const std::string& path, int width, int height);

}  // namespace safetymap::ui
