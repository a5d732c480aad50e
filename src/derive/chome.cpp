// The 58 町丁目: MLIT 位置参照情報 representative points (via Geolonia), turned into approximate
// polygons as Voronoi cells clipped to the ward boundary. No official 町丁目 polygons are reachable.
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "analysis/overlay.hpp"
#include "derive/derive.hpp"
#include "io/crs.hpp"

namespace fs = std::filesystem;

namespace safetymap::derive {

std::vector<Row> readTsv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  auto split = [](const std::string& line) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string c;
    while (std::getline(ss, c, '\t')) cols.push_back(c);
    if (!line.empty() && line.back() == '\t') cols.emplace_back();
    return cols;
  };
  std::string line;
  std::getline(in, line);
  auto header = split(line);
  std::vector<Row> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto cols = split(line);
    Row r;
    for (size_t i = 0; i < header.size(); ++i) r[header[i]] = i < cols.size() ? cols[i] : "";
    rows.push_back(std::move(r));
  }
  return rows;
}

LayerBuilder::LayerBuilder(std::string id, std::vector<Field> fields) {
  layer_.id = std::move(id);
  layer_.fields = std::move(fields);
}

Feature& LayerBuilder::add(Geometry g, const Row& values) {
  Feature f;
  f.fid = static_cast<std::int64_t>(layer_.features.size());
  f.geometry = std::move(g);
  f.values.resize(layer_.fields.size());
  for (size_t i = 0; i < layer_.fields.size(); ++i)
    if (auto it = values.find(layer_.fields[i].name); it != values.end()) f.values.set(i, it->second);
  layer_.features.push_back(std::move(f));
  return layer_.features.back();
}

Geometry pointGeometry(Vec2 p) {
  Geometry g;
  g.type = GeometryType::Point;
  g.points.push_back(p);
  return g;
}

std::vector<Chome> deriveChome(const Paths& p, const Layer& ward, Diagnostics&) {
  fs::path file = fs::path(p.reference) / "geolonia-addresses/大阪市港区.json";
  std::ifstream in(file);
  if (!in) throw std::runtime_error(file.string() + ": cannot open");
  nlohmann::json j = nlohmann::json::parse(in);
  std::vector<Chome> out;
  std::vector<Vec2> pts;
  for (const auto& e : j) {
    Chome c;
    c.town = e.at("town").get<std::string>();
    c.point = io::fromLonLat({e.at("lng").get<double>(), e.at("lat").get<double>()});
    pts.push_back(c.point);
    out.push_back(std::move(c));
  }
  Geometry clip;
  for (const auto& f : ward.features)
    for (const auto& poly : f.geometry.polygons) clip.polygons.push_back(poly);
  clip.type = GeometryType::Polygon;
  auto cells = analysis::voronoiCells(pts, clip);
  for (size_t i = 0; i < out.size(); ++i) {
    out[i].cell = std::move(cells[i]);
    if (out[i].cell.empty())
      throw std::runtime_error(file.string() + ": 町丁目 " + out[i].town + " lies outside the ward");
  }
  return out;
}

Layer chomeLayer(const std::vector<Chome>& chome) {
  LayerBuilder b("chome", {{"town"},
                           {"district"},
                           {"district_method"},
                           {"census_name"},
                           {"population", Field::Type::Integer},
                           {"households", Field::Type::Integer},
                           {"population_source"},
                           {"approximate", Field::Type::Boolean},
                           {"source"}});
  for (const auto& c : chome)
    b.add(c.cell, {{"town", c.town},
                   {"district", c.district},
                   {"district_method", c.method},
                   {"census_name", c.censusName},
                   {"population", c.population >= 0 ? std::to_string(c.population) : ""},
                   {"households", c.households >= 0 ? std::to_string(c.households) : ""},
                   {"population_source",
                    "2015年国勢調査（e-Stat 小地域）/ 2015 census (e-Stat small areas): "
                    "「政府統計の総合窓口(e-Stat)（https://www.e-stat.go.jp/）国勢調査 "
                    "小地域境界データ（平成27年）を加工して作成」"},
                   {"approximate", "1"},
                   {"source",
                    "概略: 位置参照情報の町丁目代表点（Geolonia 住所データ, CC BY 4.0）のボロノイ分割を"
                    "国土数値情報の区界で切り取ったもの。公式の町丁目境界ではない / approximation: "
                    "Voronoi cells of MLIT 町丁目 points clipped to the N03 ward boundary"}});
  return b.layer();
}

}  // namespace safetymap::derive
