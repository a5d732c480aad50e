#include "core/depth_range.hpp"

#include <cstdlib>
#include <vector>

namespace safetymap {

namespace {
// Full-width ０-９ and ． (3 bytes each in UTF-8) as ASCII, so one scan reads both.
std::string asciiDigits(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xEF && i + 2 < s.size()) {
      const auto b = static_cast<unsigned char>(s[i + 1]), d = static_cast<unsigned char>(s[i + 2]);
      if (b == 0xBC && d >= 0x90 && d <= 0x99) {  // ０..９
        out += static_cast<char>('0' + (d - 0x90));
        i += 3;
        continue;
      }
      if (b == 0xBC && d == 0x8E) {  // ．
        out += '.';
        i += 3;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}
}  // namespace

std::optional<DepthRange> parseDepthRange(const std::string& text) {
  const std::string s = asciiDigits(text);
  std::vector<double> numbers;
  for (size_t i = 0; i < s.size();) {
    if ((s[i] >= '0' && s[i] <= '9') || (s[i] == '.' && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9')) {
      char* end = nullptr;
      numbers.push_back(std::strtod(s.c_str() + i, &end));
      i = static_cast<size_t>(end - s.c_str());
    } else {
      ++i;
    }
  }
  if (numbers.empty() || numbers.size() > 2) return std::nullopt;
  const double unit = s.find("cm") != std::string::npos ? 0.01 : 1.0;
  const bool below = s.find("未満") != std::string::npos || s.find("以下") != std::string::npos ||
                     s.find('<') != std::string::npos;
  const bool above = s.find("以上") != std::string::npos || s.find('>') != std::string::npos ||
                     s.find('+') != std::string::npos || s.find("超") != std::string::npos;
  constexpr double inf = std::numeric_limits<double>::infinity();
  if (numbers.size() == 2) return DepthRange{numbers[0] * unit, numbers[1] * unit};
  const double v = numbers[0] * unit;
  if (below && !above) return DepthRange{0, v};
  if (above && !below) return DepthRange{v, inf};
  return DepthRange{v, v};
}

std::string depthField(const Layer& layer) {
  for (const char* f : {"A40_003", "浸水深の区分", "浸水深区分", "浸水深", "depth_class", "depth_m", "depth",
                        "max_depth", "tsunami_depth_m", "DEPTH", "Depth"})
    if (layer.fieldIndex(f) >= 0) return f;
  return "";
}

std::optional<DepthRange> featureDepth(const Layer& layer, const Feature& f) {
  const std::string field = depthField(layer);
  if (field.empty()) return std::nullopt;
  const std::string* v = layer.value(f, field);
  if (!v || v->empty()) return std::nullopt;
  return parseDepthRange(*v);
}

}  // namespace safetymap
