#include <catch2/catch.hpp>

#include "io/encoding.hpp"

using namespace safetymap::io;

TEST_CASE("UTF-8, UTF-8 with BOM and Shift_JIS are told apart", "[encoding]") {
  std::string utf8 = "町丁目,手口\n港区弁天1丁目,自転車盗\n";
  CHECK(detectEncoding(utf8) == TextEncoding::Utf8);
  CHECK(detectEncoding("\xEF\xBB\xBF" + utf8) == TextEncoding::Utf8Bom);
  // 港区 in Shift_JIS: 8D60 8BE6.
  std::string sjis = "\x8D\x60\x8B\xE6,abc\n";
  CHECK_FALSE(isValidUtf8(sjis));
  CHECK(detectEncoding(sjis) == TextEncoding::Cp932);
  CHECK(decodeText("\xEF\xBB\xBF"
                   "abc")
            .utf8 == std::optional<std::string>("abc"));
  // Detected and converted in one pass: the text the reader gets.
  DecodedText d = decodeText(sjis);
  CHECK(d.encoding == TextEncoding::Cp932);
  CHECK(d.utf8 == std::optional<std::string>("港区,abc\n"));
  CHECK(decodeText("\xEF\xBB\xBF" + utf8).utf8 == std::optional<std::string>(utf8));
  CHECK_FALSE(decodeText(utf8).utf8);  // plain UTF-8 is read as it is
}

TEST_CASE("binary data is not text", "[encoding]") {
  std::string junk("ab\0cd", 5);
  CHECK(detectEncoding(junk) == TextEncoding::Binary);
  CHECK(std::string(encodingName(TextEncoding::Cp932)).find("Shift_JIS") != std::string::npos);
}
