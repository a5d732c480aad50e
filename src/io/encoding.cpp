#include "io/encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>

namespace safetymap::io {

const char* encodingName(TextEncoding e) {
  switch (e) {
    case TextEncoding::Utf8: return "UTF-8";
    case TextEncoding::Utf8Bom: return "UTF-8 (BOM)";
    case TextEncoding::Cp932: return "Shift_JIS (CP932)";
    case TextEncoding::Binary: return "binary (not text)";
    case TextEncoding::Unknown: return "unknown";
  }
  return "unknown";
}

bool isValidUtf8(std::string_view s) {
  size_t i = 0, n = s.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + static_cast<size_t>(len) > n) return false;
    if (len == 2 && c < 0xC2) return false;  // overlong
    for (int k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) >> 6) != 0x2) return false;
    i += static_cast<size_t>(len);
  }
  return true;
}

static std::optional<std::string> convert(std::string_view in, const char* from) {
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  // Through a small buffer into a string that grows: sized for the worst case (a half-width kana's one byte
  // is three in UTF-8) the output would be zeroed and held three times over.
  std::string out;
  out.reserve(in.size() + in.size() / 2 + 16);  // a two-byte kanji is three bytes in UTF-8
  char buffer[64 * 1024];
  char* inp = const_cast<char*>(in.data());
  size_t inLeft = in.size();
  bool ok = true;
  for (bool flushed = false; ok && !flushed;) {
    char* outp = buffer;
    size_t outLeft = sizeof buffer;
    // All the input, then the end of it (a stateful encoding's shift back), each as often as the buffer needs.
    size_t r = inLeft > 0 ? iconv(cd, &inp, &inLeft, &outp, &outLeft) : iconv(cd, nullptr, nullptr, &outp, &outLeft);
    if (r == static_cast<size_t>(-1) && errno != E2BIG) ok = false;
    out.append(buffer, static_cast<size_t>(outp - buffer));
    flushed = inLeft == 0 && r != static_cast<size_t>(-1) && outp == buffer;
  }
  iconv_close(cd);
  if (!ok) return std::nullopt;
  return out;
}

DecodedText decodeText(std::string_view bytes) {
  std::string_view head = bytes.substr(0, std::min<size_t>(bytes.size(), 1 << 20));
  if (std::find(head.begin(), head.end(), '\0') != head.end()) return {TextEncoding::Binary, std::nullopt};
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    if (!isValidUtf8(bytes.substr(3))) return {TextEncoding::Unknown, std::nullopt};
    return {TextEncoding::Utf8Bom, std::string(bytes.substr(3))};
  }
  if (isValidUtf8(bytes)) return {TextEncoding::Utf8, std::nullopt};
  if (auto text = convert(bytes, "CP932")) return {TextEncoding::Cp932, std::move(text)};
  return {TextEncoding::Unknown, std::nullopt};
}

TextEncoding detectEncoding(std::string_view bytes) {
  return decodeText(bytes).encoding;
}

}  // namespace safetymap::io
