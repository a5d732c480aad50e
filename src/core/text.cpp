#include "core/text.hpp"

#include <array>
#include <cctype>
#include <tuple>

namespace safetymap {

std::string dataValueName(const std::string& v, Lang lang) {
  if (lang == Lang::Ja) return v;
  static const std::pair<const char*, const char*> kNames[] = {
      {"自転車盗", "Bicycle theft"},
      {"車上ねらい", "Theft from vehicles"},
      {"部品ねらい", "Theft of vehicle parts"},
      {"オートバイ盗", "Motorcycle theft"},
      {"自動販売機ねらい", "Vending machine theft"},
      {"ひったくり", "Bag snatching"},
      {"自動車盗", "Car theft"},
      {"窃盗", "Theft"},
      {"道路上", "On the road"},
      {"駐車（輪）場", "Car / bicycle park"},
      {"４階建て以上共同住宅", "Apartment block (4+ storeys)"},
      {"共同住宅（４階建以上）", "Apartment block (4+ storeys)"},
      {"一戸建住宅", "Detached house"},
      {"その他", "Other"},
      {"施錠した", "Locked"},
      {"施錠せず", "Not locked"},
      {"施錠あり", "Locked"},
      {"施錠なし", "Not locked"},
      {"10歳未満", "Under 10"},
      {"10歳代", "Teens"},
      {"法人・団体、被害者なし", "Company / no individual victim"},
      {"警察署", "Police station"},
      {"交番", "Police box"},
      {"消防署", "Fire station"},
      {"小学校", "Elementary school"},
      {"中学校", "Junior high school"},
      {"高等学校", "High school"},
      {"病院", "Hospital"},
      {"区役所", "Ward office"},
  };
  for (const auto& [ja, en] : kNames)
    if (v == ja) return en;
  // Ages: "20歳代" → "20s", "70歳以上" → "70 and over".
  if (auto p = v.find("歳代"); p != std::string::npos && p > 0) return v.substr(0, p) + "s";
  if (auto p = v.find("歳以上"); p != std::string::npos && p > 0) return v.substr(0, p) + " and over";
  return v;
}

std::string fieldName(const std::string& field, Lang lang) {
  static const std::tuple<const char*, const char*, const char*> kFields[] = {
      // field, Japanese, English
      {"罪名", "罪名", "Offence"},
      {"手口", "手口", "Type"},
      {"管轄警察署（発生地）", "管轄警察署（発生地）", "Police station"},
      {"管轄交番・駐在所（発生地）", "管轄交番・駐在所（発生地）", "Police box"},
      {"市区町村コード（発生地）", "市区町村コード（発生地）", "Municipality code"},
      {"都道府県（発生地）", "都道府県（発生地）", "Prefecture"},
      {"市区町村（発生地）", "市区町村（発生地）", "Municipality"},
      {"町丁目（発生地）", "町丁目（発生地）", "Town block (町丁目)"},
      {"発生年月日（始期）", "発生年月日（始期）", "Date (start)"},
      {"発生時（始期）", "発生時（始期）", "Hour (start)"},
      {"発生場所の属性", "発生場所の属性", "Place"},
      {"発生場所", "発生場所", "Place"},
      {"被害者の年齢", "被害者の年齢", "Victim's age"},
      {"被害者の職業", "被害者の職業", "Victim's occupation"},
      {"施錠関係", "施錠関係", "Locked"},
      {"name", "名称", "Name"},
      {"name_en", "英語名", "English name"},
      {"kind", "種類", "Kind"},
      {"kind_en", "種類（英語）", "Kind (English)"},
      {"town", "町丁目", "Town block"},
      {"district", "地域", "District"},
      {"population", "人口（2015年国勢調査）", "Population (2015 census)"},
      {"households", "世帯数（2015年国勢調査）", "Households (2015 census)"},
      {"storeys", "階数（PLATEAU）", "Storeys (PLATEAU)"},
      {"height_m", "高さ m（PLATEAU）", "Height m (PLATEAU)"},
      {"tsunami_depth_m", "津波浸水深 m（大阪府想定）", "Tsunami depth m (Osaka Pref.)"},
      {"osaka_rule", "大阪市の避難ビル要件", "Osaka City's rule"},
      {"plateau_building", "PLATEAU 建物ID", "PLATEAU building"},
      {"storeysAboveGround", "地上階数", "Storeys above ground"},
      {"measuredHeight_m", "計測高さ m", "Measured height m"},
      {"capacity", "収容人数", "Capacity"},
      {"approximate", "概略", "Approximate"},
      {"synthetic", "合成", "Synthetic"},
      {"placement", "配置方法", "Placement"},
      {"source", "出典", "Source"},
      {"coverage", "範囲", "Coverage"},
  };
  for (const auto& [f, ja, en] : kFields)
    if (field == f) return lang == Lang::Ja ? ja : en;
  return field;
}

std::optional<Lang> parseLang(std::string_view s) {
  if (s == "ja" || s == "jp" || s == "japanese") return Lang::Ja;
  if (s == "en" || s == "english") return Lang::En;
  return std::nullopt;
}

const char* langCode(Lang l) {
  return l == Lang::Ja ? "ja" : "en";
}

std::size_t charCount(const std::string& v) {
  std::size_t n = 0;
  for (unsigned char c : v) n += (c & 0xC0) != 0x80;
  return n;
}

std::string clipText(const std::string& v, size_t maxChars) {
  size_t chars = 0;
  for (size_t i = 0; i < v.size(); ++i)
    if ((static_cast<unsigned char>(v[i]) & 0xC0) != 0x80 && chars++ == maxChars) return v.substr(0, i) + "…";
  return v;
}

std::string asciiLower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace safetymap
