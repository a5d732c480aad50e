#pragma once
// Text encodings of CSV files: UTF-8 (with or without BOM) or Shift_JIS / CP932, detected from
// the bytes, never guessed silently: the result says which it found.
#include <optional>
#include <string>
#include <string_view>

namespace safetymap::io {

enum class TextEncoding { Utf8, Utf8Bom, Cp932, Binary, Unknown };

const char* encodingName(TextEncoding e);  // "UTF-8", "UTF-8 (BOM)", "Shift_JIS (CP932)", …
bool isValidUtf8(std::string_view s);
TextEncoding detectEncoding(std::string_view bytes);
// The encoding and, where it is not plain UTF-8, the text converted: a Shift_JIS file is converted once, where
// detecting and then converting would do it twice.
struct DecodedText {
  TextEncoding encoding = TextEncoding::Unknown;
  std::optional<std::string> utf8;  // set for Shift_JIS and UTF-8 with BOM
};
DecodedText decodeText(std::string_view bytes);

}  // namespace safetymap::io
