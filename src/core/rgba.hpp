#pragma once
// A colour with alpha, 8 bits a channel.
#include <cstdint>

namespace safetymap {

struct Rgba {
  std::uint8_t r = 0, g = 0, b = 0, a = 255;
  friend bool operator==(const Rgba&, const Rgba&) = default;
};

}  // namespace safetymap
