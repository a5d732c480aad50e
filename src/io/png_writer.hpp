#pragma once
// Writes an RGBA image as PNG through GDAL (MEM dataset → PNG driver), atomically.
#include <cstdint>
#include <string>
#include <vector>

namespace safetymap::io {

// pixels: width*height*4 bytes, top row first.
bool writePng(const std::string& path, int width, int height, const std::vector<std::uint8_t>& rgba,
              std::string& error);

}  // namespace safetymap::io
