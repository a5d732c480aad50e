// A SYNTHETIC sample in the police open-data CSV format (警察庁標準様式, 街頭7手口), for tests and
// benchmarks only: the bundled project carries the real police records (derive/crimes.cpp).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "derive/derive.hpp"

namespace fs = std::filesystem;

namespace safetymap::derive {

namespace {
std::uint64_t mix(std::uint64_t& s) {
  std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
std::uint64_t below(std::uint64_t& s, std::uint64_t n) {
  return mix(s) % n;
}

struct Modus {
  const char* name;
  int weight;  // relative frequency in the sample (bicycles dominate street crime in Osaka)
};
constexpr Modus kModi[] = {{"自転車盗", 55},        {"車上ねらい", 12}, {"部品ねらい", 10}, {"オートバイ盗", 8},
                           {"自動販売機ねらい", 5}, {"ひったくり", 5},  {"自動車盗", 5}};
constexpr const char* kPlaces[] = {"道路上", "駐車（輪）場", "共同住宅（４階建以上）", "一戸建住宅", "その他"};

}  // namespace

void writeCrimeSample(const std::vector<std::string>& towns, const std::string& path, std::uint64_t seed) {
  std::ofstream out(path, std::ios::trunc);
  if (!out) throw std::runtime_error(path + ": cannot write");
  out << "罪名,手口,管轄警察署（発生地）,管轄交番・駐在所（発生地）,市区町村コード（発生地）,都道府県（発生地）,"
         "市区町村（発生地）,町丁目（発生地）,発生年月日（始期）,発生時（始期）,発生場所,発生場所の詳細,"
         "被害者の性別,被害者の年齢,施錠関係\n";
  int total = 0;
  for (int w : {55, 12, 10, 8, 5, 5, 5}) total += w;
  std::uint64_t s = seed;
  for (int year : {2023, 2024}) {
    int n = 230 + static_cast<int>(below(s, 40));
    for (int i = 0; i < n; ++i) {
      int r = static_cast<int>(below(s, static_cast<std::uint64_t>(total)));
      const Modus* m = kModi;
      while (r >= m->weight) r -= m->weight, ++m;
      std::string modus = m->name;
      int month = 1 + static_cast<int>(below(s, 12));
      int day = 1 + static_cast<int>(below(s, 28));
      int hour = static_cast<int>(below(s, 24));
      const std::string& town = towns[below(s, towns.size())];
      std::string place = modus == "ひったくり" ? "道路上" : kPlaces[below(s, std::size(kPlaces))];
      std::string sex, age, lock;
      if (modus == "ひったくり") {
        sex = below(s, 4) ? "女性" : "男性";
        static const char* ages[] = {"20歳代", "30歳代", "40歳代", "50歳代", "60-64歳", "65-69歳", "70歳以上"};
        age = ages[below(s, std::size(ages))];
      }
      if (modus == "自転車盗" || modus == "オートバイ盗" || modus == "自動車盗" || modus == "車上ねらい")
        lock = below(s, 3) ? "施錠なし" : "施錠あり";
      char date[16];
      std::snprintf(date, sizeof date, "%04d%02d%02d", year, month, day);
      out << "窃盗," << modus << ",港警察署,,"
          << "271071,大阪府,大阪市港区," << town << "," << date << "," << hour << "," << place << ",," << sex << ","
          << age << "," << lock << "\n";
    }
  }
}

}  // namespace safetymap::derive
