#include "io/exporter.hpp"

#include <iconv.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/crs.hpp"
#include "io/csv_cell.hpp"
#include "io/layer_writer.hpp"

namespace fs = std::filesystem;

namespace safetymap::io {

std::optional<std::string> toCp932(const std::string& in, std::string& bad) {
  iconv_t cd = iconv_open("CP932", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(in.size() * 2 + 16, '\0');
  char* ip = const_cast<char*>(in.data());
  size_t il = in.size();
  char* op = out.data();
  size_t ol = out.size();
  size_t r = iconv(cd, &ip, &il, &op, &ol);
  iconv_close(cd);
  if (r == static_cast<size_t>(-1)) {
    size_t at = static_cast<size_t>(ip - in.data());
    size_t len = 1;
    auto c = static_cast<unsigned char>(in[at]);
    if (c >= 0xF0)
      len = 4;
    else if (c >= 0xE0)
      len = 3;
    else if (c >= 0xC0)
      len = 2;
    bad = in.substr(at, len);
    return std::nullopt;
  }
  out.resize(out.size() - ol);
  return out;
}

bool exportLayer(const Layer& layer, const std::string& path, const ExportOptions& o, Diagnostics& diag) {
  std::string ext = fs::path(path).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".geojson" || ext == ".json") {
    WriteOptions wo;
    wo.driver = "GeoJSON";
    wo.crs = kGeographicCrs;
    wo.layerOptions = {"RFC7946=YES", "WRITE_NAME=NO"};
    return writeLayer(layer, path, wo, diag);
  }
  if (ext != ".csv") {
    diag.error(path, "export as .geojson or .csv");
    return false;
  }
  // Points become 緯度/経度 columns, so the file opens in Excel and imports back as it is.
  Layer flat = layer;
  bool points = layer.geometryType() == GeometryType::Point;
  if (points) {
    flat.fields.push_back({"緯度", Field::Type::Real});
    flat.fields.push_back({"経度", Field::Type::Real});
    for (auto& f : flat.features) {
      f.values.resize(layer.fields.size());
      if (f.geometry.points.empty()) {
        f.values.push_back(""), f.values.push_back("");
      } else {
        Vec2 ll = toLonLat(f.geometry.points.front());
        char lat[32], lon[32];
        std::snprintf(lat, sizeof lat, "%.7f", ll.y);
        std::snprintf(lon, sizeof lon, "%.7f", ll.x);
        f.values.push_back(lat), f.values.push_back(lon);
      }
      f.geometry = {};
    }
  }
  // No cell (nor column name) a spreadsheet would run as a formula.
  for (auto& f : flat.fields) f.name = spreadsheetSafe(f.name);
  for (auto& f : flat.features)
    for (size_t i = 0; i < f.values.size(); ++i)
      if (const std::string& v = f.values[i]; !v.empty() && (v[0] == '\'' || startsFormula(v)))
        f.values.set(i, spreadsheetSafe(v));
  WriteOptions wo;
  wo.driver = "CSV";
  wo.crs = kGeographicCrs;
  wo.layerOptions = {o.shiftJis ? "WRITE_BOM=NO" : "WRITE_BOM=YES"};
  if (!points) wo.layerOptions.push_back("GEOMETRY=AS_WKT");  // areas and lines keep their shape as WKT
  if (!o.shiftJis) return writeLayer(flat, path, wo, diag);

  // Shift_JIS: written as UTF-8 beside the target, converted, then renamed over it.
  fs::path target(path);
  std::string utf8Path =
      (target.parent_path() / ("." + target.stem().string() + ".utf8-" + std::to_string(::getpid()) + ".csv")).string();
  if (!writeLayer(flat, utf8Path, wo, diag)) return false;
  std::ifstream in(utf8Path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  in.close();
  std::error_code ec;
  fs::remove(utf8Path, ec);
  std::string bad;
  auto sjis = toCp932(ss.str(), bad);
  if (!sjis) {
    diag.error(path, "cannot write as Shift_JIS: the character '" + bad + "' has no Shift_JIS form (export as UTF-8)");
    return false;
  }
  std::string tmp =
      (target.parent_path() / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()))).string();
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(sjis->data(), static_cast<std::streamsize>(sjis->size()));
    if (!out) {
      diag.error(path, "cannot write the file");
      fs::remove(tmp, ec);
      return false;
    }
  }
  return commitFile(tmp, path, diag);
}

}  // namespace safetymap::io
