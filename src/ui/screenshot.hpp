#pragma once
// --screenshot FILE: the frame just drawn (the back buffer), written as a PNG.
#include <string>

namespace safetymap::ui {

bool writeScreenshot(const std::string& path, int width, int height, std::string& error);

}  // namespace safetymap::ui
