#pragma once
// Writes an RGBA image as PNG through GDAL (MEM dataset → PNG driver), atomically.
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.hpp"

namespace safetymap::io {

// pixels: width*height*4 bytes, top row first.
Status writePng(const std::string& path, int width, int height, const std::vector<std::uint8_t>& rgba);

}  // namespace safetymap::io
