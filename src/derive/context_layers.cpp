// Context layers: the ward boundary (MLIT N03, full resolution), the other Osaka City wards
// (N03 2021, 1% simplified) and the PLATEAU road surfaces.
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>

#include "analysis/repair.hpp"
#include "derive/derive.hpp"
#include "io/layer_reader.hpp"
#include "jobs/load.hpp"
#include "io/layer_writer.hpp"

namespace fs = std::filesystem;

namespace safetymap::derive {

Layer deriveWard(const Paths& p, Diagnostics& diag) {
  std::string file = (fs::path(p.reference) / "n03-boundary/27107.json").string();
  auto layers = jobs::readLayers(file, diag);
  if (layers.empty() || layers.front()->features.empty()) throw std::runtime_error(file + ": no ward boundary");
  Geometry g;
  g.type = GeometryType::Polygon;
  for (const auto& f : layers.front()->features)
    for (const auto& poly : f.geometry.polygons) g.polygons.push_back(poly);
  LayerBuilder b("ward", {{"name"}, {"name_en"}, {"code"}, {"approximate", Field::Type::Boolean}, {"source"}});
  b.add(std::move(g), {{"name", "港区"},
                       {"name_en", "Minato Ward"},
                       {"code", "27107"},
                       {"approximate", "0"},
                       {"source", "「国土数値情報（行政区域データ）（国土交通省）」を加工して作成"}});
  return b.layer();
}

Layer deriveNeighbours(const Paths& p, Diagnostics& diag) {
  std::string file = (fs::path(p.reference) / "smartnews-n03-2021/N03-21_27_210101_osaka_city_wards.json").string();
  auto layers = jobs::readLayers(file, diag);
  if (layers.empty()) throw std::runtime_error(file + ": cannot read");
  std::map<std::string, std::string> english;
  for (auto& r : readTsv((fs::path(p.geodata) / "facts/osaka-wards.tsv").string())) english[r["name"]] = r["name_en"];
  const Layer& src = *layers.front();
  LayerBuilder b("neighbours", {{"name"}, {"name_en"}, {"code"}, {"approximate", Field::Type::Boolean}, {"source"}});
  for (const auto& f : src.features) {
    std::string name = src.value(f, "N03_004") ? *src.value(f, "N03_004") : "";
    if (name == "港区") continue;  // drawn from the full-resolution boundary instead
    b.add(f.geometry,
          {{"name", name},
           {"name_en", english.count(name) ? english[name] : name},
           {"code", src.value(f, "N03_007") ? *src.value(f, "N03_007") : ""},
           {"approximate", "0"},
           {"source",
            "「国土数値情報（行政区域データ）（国土交通省）」2021, 1% 簡略化 (smartnews-smri/japan-topography)"}});
  }
  return b.layer();
}

void deriveRoads(const Paths& p, Diagnostics& diag) {
  std::string src = (fs::path(p.reference) / "plateau-roads/minato-road-surfaces.gpkg").string();
  std::string target = (fs::path(p.out) / "roads.gpkg").string();
  std::string tmp = (fs::path(p.out) / (".roads.tmp-" + std::to_string(::getpid()) + ".gpkg")).string();
  io::initGdal();
  GDALDatasetH in = GDALOpenEx(src.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
  if (!in) throw std::runtime_error(src + ": cannot open: " + CPLGetLastErrorMsg());
  // ogr2ogr's library form: reprojected once here (PROJ, via GDAL) so the viewer loads the working CRS.
  const char* args[] = {"-f",   "GPKG",         "-t_srs",     "EPSG:6674",
                        "-nln", "roads",        "-select",    "gml_id,function",
                        "-nlt", "MULTIPOLYGON", "-overwrite", nullptr};
  GDALVectorTranslateOptions* opts = GDALVectorTranslateOptionsNew(const_cast<char**>(args), nullptr);
  int usageError = 0;
  fs::remove(tmp);
  GDALDatasetH out = GDALVectorTranslate(tmp.c_str(), nullptr, 1, &in, opts, &usageError);
  GDALVectorTranslateOptionsFree(opts);
  GDALClose(in);
  if (!out) throw std::runtime_error(src + ": cannot convert the road surfaces: " + CPLGetLastErrorMsg());
  // A road polygon with no area (its points on one line) is no surface to walk on: left out, and said.
  int flat = 0;
  {
    auto* ds = GDALDataset::FromHandle(out);
    OGRLayer* roads = ds->GetLayerByName("roads");
    std::vector<GIntBig> drop;
    for (auto& f : *roads) {
      const OGRGeometry* g = f->GetGeometryRef();
      if (!g || wkbFlatten(g->getGeometryType()) != wkbMultiPolygon) continue;
      bool all = true;
      for (const auto* poly : *g->toMultiPolygon()) {
        Ring ring;
        for (const auto& pt : *poly->getExteriorRing()) ring.push_back({pt.getX(), pt.getY()});
        all = all && analysis::onOneLine(ring);
      }
      if (all) drop.push_back(f->GetFID());
    }
    for (GIntBig fid : drop) flat += roads->DeleteFeature(fid) == OGRERR_NONE;
  }
  GDALClose(out);
  if (Status s = io::commitFile(tmp, target); !s) throw std::runtime_error(s.message());
  std::printf("derive: %-24s (PLATEAU road surfaces, EPSG:6674; %d with no area left out)\n", "roads.gpkg", flat);
  (void)diag;
}

}  // namespace safetymap::derive
