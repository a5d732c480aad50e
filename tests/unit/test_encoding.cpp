#include <iconv.h>

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

TEST_CASE("a Shift_JIS text longer than the converter's buffer converts whole", "[encoding]") {
  // Kanji (two bytes, three in UTF-8), half-width kana (one byte, three in UTF-8) and ASCII, repeated past the
  // 64 KiB the converter writes at a time, so characters straddle its buffer's end at many offsets.
  const std::string line = "港区,ｺｳﾊﾞﾝ,市岡元町三丁目,ab\n";  // 港区 ... in UTF-8
  std::string utf8;
  while (utf8.size() < 400 * 1024) utf8 += line;
  utf8 += "ｱ";  // ends on a half-width kana
  // The same text in Shift_JIS (CP932), made here by the same iconv the reader uses.
  const std::string sjis = [&] {
    iconv_t cd = iconv_open("CP932", "UTF-8");
    REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
    std::string out(utf8.size(), '\0');
    char* in = utf8.data();
    size_t inLeft = utf8.size(), outLeft = out.size();
    char* o = out.data();
    REQUIRE(iconv(cd, &in, &inLeft, &o, &outLeft) != static_cast<size_t>(-1));
    iconv_close(cd);
    out.resize(out.size() - outLeft);
    return out;
  }();
  REQUIRE(sjis.size() < utf8.size());
  DecodedText d = decodeText(sjis);
  CHECK(d.encoding == TextEncoding::Cp932);
  REQUIRE(d.utf8);
  CHECK(d.utf8->size() == utf8.size());
  CHECK(*d.utf8 == utf8);
  // A lead byte with nothing after it at the very end: not Shift_JIS, never half converted.
  CHECK(decodeText(sjis + "\x8D").encoding == TextEncoding::Unknown);
}
