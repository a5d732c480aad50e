// Crime records are never published with coordinates, and no real Minato Ward records are
// reachable. A SYNTHETIC sample in the police open-data CSV format (警察庁標準様式, 街頭7手口) stands in;
// it is generated once (committed under geodata/samples/) and placed here inside its 町丁目.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "analysis/sample_points.hpp"
#include "derive/derive.hpp"
#include "io/layer_reader.hpp"

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

std::uint64_t hashString(const std::string& s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}
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

Layer deriveCrimes(const Paths& p, const std::vector<Chome>& chome, Diagnostics& diag) {
  std::string file = (fs::path(p.geodata) / "samples/crime-sample-SYNTHETIC.csv").string();
  io::ReadOptions ro;
  ro.keepWithoutGeometry = true;  // police records carry a 町丁目, not coordinates
  auto layers = io::readLayers(file, diag, ro);
  if (layers.empty()) throw std::runtime_error(file + ": cannot read the crime sample");
  const Layer& src = *layers.front();
  std::vector<Field> fields = src.fields;
  fields.push_back({"approximate", Field::Type::Boolean});
  fields.push_back({"synthetic", Field::Type::Boolean});
  fields.push_back({"placement"});
  fields.push_back({"source"});
  LayerBuilder b("crimes", fields);
  int unplaced = 0;
  for (size_t row = 0; row < src.features.size(); ++row) {
    const Feature& f = src.features[row];
    const std::string* town = src.value(f, "町丁目（発生地）");
    const Chome* c = nullptr;
    for (const auto& cand : chome)
      if (town && cand.town == *town) c = &cand;
    if (!c) {
      ++unplaced;
      diag.warning(file, "row " + std::to_string(row + 2) + ": 町丁目 '" + (town ? *town : "") +
                             "' is not a Minato Ward 町丁目; not placed");
      continue;
    }
    Row r;
    for (size_t i = 0; i < src.fields.size(); ++i) r[src.fields[i].name] = f.values[i];
    r["approximate"] = "1";
    r["synthetic"] = "1";
    r["placement"] = "町丁目の概略ポリゴン内のランダムな点 / random point inside the approximate 町丁目";
    r["source"] =
        "合成サンプル（実際の犯罪記録ではない）、警察庁オープンデータ様式 / SYNTHETIC sample, not real records";
    b.add(pointGeometry(analysis::pointInside(c->cell, hashString(*town) ^ (row * 0x9E3779B97F4A7C15ull))), r);
  }
  if (unplaced) diag.warning(file, std::to_string(unplaced) + " row(s) could not be placed");
  return b.layer();
}

}  // namespace safetymap::derive
