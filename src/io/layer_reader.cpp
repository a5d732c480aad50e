#include "io/layer_reader.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <ogrsf_frmts.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "analysis/repair.hpp"
#include "io/crs.hpp"
#include "io/encoding.hpp"
#include "io/gdal_errors.hpp"

namespace fs = std::filesystem;

namespace safetymap::io {

void initGdal() {
  static std::once_flag once;
  std::call_once(once, [] {
    GDALAllRegister();
    CPLSetConfigOption("OGR_GEOJSON_MAX_OBJ_SIZE", "0");  // no arbitrary cap on big features
  });
}

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool isTextTable(const fs::path& p) {
  auto e = lower(p.extension().string());
  return e == ".csv" || e == ".tsv" || e == ".txt";
}

std::string readAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Appends OGR geometry parts to a core geometry (curves are linearised, collections flattened).
void appendGeometry(const OGRGeometry* g, Geometry& out) {
  if (!g || g->IsEmpty()) return;
  switch (wkbFlatten(g->getGeometryType())) {
    case wkbPoint: {
      auto* p = g->toPoint();
      out.points.push_back({p->getX(), p->getY()});
      if (out.type == GeometryType::None) out.type = GeometryType::Point;
      break;
    }
    case wkbLineString: {
      auto* l = g->toLineString();
      std::vector<Vec2> pts;
      for (int i = 0; i < l->getNumPoints(); ++i) pts.push_back({l->getX(i), l->getY(i)});
      out.lines.push_back(std::move(pts));
      if (out.type != GeometryType::Polygon) out.type = GeometryType::Line;
      break;
    }
    case wkbPolygon: {
      auto* poly = g->toPolygon();
      auto ring = [](const OGRLinearRing* r) {
        Ring pts;
        for (int i = 0; i < r->getNumPoints(); ++i) pts.push_back({r->getX(i), r->getY(i)});
        if (pts.size() > 1 && pts.front() == pts.back()) pts.pop_back();  // closed implicitly
        return pts;
      };
      Polygon p;
      if (poly->getExteriorRing()) p.outer = ring(poly->getExteriorRing());
      for (int i = 0; i < poly->getNumInteriorRings(); ++i) p.holes.push_back(ring(poly->getInteriorRing(i)));
      out.polygons.push_back(std::move(p));
      out.type = GeometryType::Polygon;
      break;
    }
    case wkbMultiPoint:
    case wkbMultiLineString:
    case wkbMultiPolygon:
    case wkbGeometryCollection: {
      auto* c = g->toGeometryCollection();
      for (int i = 0; i < c->getNumGeometries(); ++i) appendGeometry(c->getGeometryRef(i), out);
      break;
    }
    default: {
      std::unique_ptr<OGRGeometry> lin(g->getLinearGeometry());
      if (lin && wkbFlatten(lin->getGeometryType()) != wkbFlatten(g->getGeometryType())) appendGeometry(lin.get(), out);
    }
  }
}

bool transformAll(Geometry& g, const Transformer& t) {
  auto run = [&](std::span<Vec2> pts) {
    t.forward(pts);
    for (auto& p : pts)
      if (!std::isfinite(p.x) || !std::isfinite(p.y) || std::abs(p.x) > 1e7 || std::abs(p.y) > 1e7) return false;
    return true;
  };
  bool ok = run(g.points);
  for (auto& l : g.lines) ok = run(l) && ok;
  for (auto& p : g.polygons) {
    ok = run(p.outer) && ok;
    for (auto& h : p.holes) ok = run(h) && ok;
  }
  return ok;
}

Field::Type fieldType(const OGRFieldDefn* d) {
  if (d->GetType() == OFTInteger && d->GetSubType() == OFSTBoolean) return Field::Type::Boolean;
  switch (d->GetType()) {
    case OFTInteger:
    case OFTInteger64: return Field::Type::Integer;
    case OFTReal: return Field::Type::Real;
    case OFTDate:
    case OFTDateTime: return Field::Type::Date;
    case OFTString: return Field::Type::String;
    default: return Field::Type::Other;
  }
}

std::string crsName(const OGRSpatialReference* srs) {
  if (!srs) return "(none)";
  const char* auth = srs->GetAuthorityName(nullptr);
  const char* code = srs->GetAuthorityCode(nullptr);
  if (auth && code) return std::string(auth) + ":" + code;
  return srs->GetName() ? srs->GetName() : "(unnamed)";
}

struct SourceFile {
  std::string gdalPath;  // may be a /vsimem/ copy converted to UTF-8
  std::string vsimem;    // to unlink afterwards
  std::vector<std::string> openOptions;
  TextEncoding encoding = TextEncoding::Utf8;
  bool ok = true;
};

SourceFile prepare(const fs::path& path, Diagnostics& diag) {
  SourceFile src;
  src.gdalPath = path.string();
  if (!isTextTable(path)) return src;
  std::string bytes = readAll(path);
  src.encoding = detectEncoding(bytes);
  const std::string file = path.string();
  if (src.encoding == TextEncoding::Binary) {
    diag.error(file, "not a text table: the file contains binary data (NUL bytes)");
    src.ok = false;
    return src;
  }
  if (src.encoding == TextEncoding::Unknown) {
    diag.error(file, "text encoding not recognised: neither UTF-8 nor Shift_JIS (CP932)");
    src.ok = false;
    return src;
  }
  if (src.encoding == TextEncoding::Cp932 || src.encoding == TextEncoding::Utf8Bom) {
    if (src.encoding == TextEncoding::Cp932)
      diag.info(file, "text encoding detected: Shift_JIS (CP932); converted to UTF-8 for reading");
    auto utf8 = toUtf8(bytes, src.encoding);
    static std::atomic<int> counter{0};
    src.vsimem = "/vsimem/safetymap/" + std::to_string(counter++) + "/" + path.filename().string();
    if (!utf8) {
      diag.error(file, std::string("cannot convert from ") + encodingName(src.encoding) + " to UTF-8");
      src.ok = false;
      return src;
    }
    // GDAL reads the converted text from memory; the buffer is handed over (and freed) with the file.
    auto* buf = static_cast<GByte*>(CPLMalloc(utf8->size() + 1));
    std::memcpy(buf, utf8->data(), utf8->size());
    VSIFCloseL(VSIFileFromMemBuffer(src.vsimem.c_str(), buf, utf8->size(), TRUE));
    src.gdalPath = src.vsimem;
  }
  // Coordinates in the police / GSI style (緯度・経度) or lat/lon; every column kept as text.
  src.openOptions = {"X_POSSIBLE_NAMES=経度,lon,lng,long,longitude,Longitude,LON,LNG",
                     "Y_POSSIBLE_NAMES=緯度,lat,latitude,Latitude,LAT", "KEEP_GEOM_COLUMNS=YES", "AUTODETECT_TYPE=NO",
                     "EMPTY_STRING_AS_NULL=NO"};
  return src;
}

}  // namespace

std::vector<std::shared_ptr<Layer>> readLayers(const std::string& pathStr, Diagnostics& diag,
                                               const ReadOptions& options, const Progress& progress) {
  initGdal();
  std::vector<std::shared_ptr<Layer>> out;
  fs::path path(pathStr);
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    diag.error(pathStr, "file not found");
    return out;
  }
  if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0) {
    diag.error(pathStr, "the file is empty (0 bytes)");
    return out;
  }
  SourceFile src = prepare(path, diag);
  if (!src.ok) return out;

  GdalErrorCapture errors;
  CPLSetThreadLocalConfigOption("OGR_GEOMETRY_ACCEPT_UNCLOSED_RING", options.strict ? "NO" : nullptr);
  std::vector<const char*> oo;
  for (auto& o : src.openOptions) oo.push_back(o.c_str());
  oo.push_back(nullptr);
  std::unique_ptr<GDALDataset> ds(static_cast<GDALDataset*>(
      GDALOpenEx(src.gdalPath.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, oo.data(), nullptr)));
  if (!ds) {
    std::string why = errors.last();
    diag.error(pathStr, "GDAL cannot read this file" +
                            (why.empty() ? std::string(": not a recognised vector format") : ": " + why));
    if (!src.vsimem.empty()) VSIUnlink(src.vsimem.c_str());
    return out;
  }
  const bool csv = isTextTable(path);
  // GDAL falls back to WGS 84 when PROJ does not know the declared CRS: that would put the data in the
  // wrong place, so it is an error, not a guess.
  if (std::string why = errors.last();
      lower(why).find("crs not found") != std::string::npos || lower(why).find("proj_create") != std::string::npos) {
    diag.error(pathStr, "unknown coordinate reference system declared in the file (PROJ: " + why +
                            "): positions cannot be placed");
    if (!src.vsimem.empty()) VSIUnlink(src.vsimem.c_str());
    return out;
  }
  const int nLayers = ds->GetLayerCount();
  if (nLayers == 0) diag.error(pathStr, "the file contains no vector layers");

  for (int li = 0; li < nLayers; ++li) {
    OGRLayer* ogr = ds->GetLayer(li);
    if (!options.onlyLayer.empty() && options.onlyLayer != ogr->GetName()) continue;
    auto layer = std::make_shared<Layer>();
    std::string stem = path.stem().string();
    layer->id = nLayers > 1 ? stem + ":" + ogr->GetName() : stem;
    layer->nameJa = layer->nameEn = layer->id;
    layer->provenance.path = pathStr;
    layer->provenance.encoding = csv ? encodingName(src.encoding) : "";
    std::string where = nLayers > 1 ? pathStr + " (layer " + ogr->GetName() + ")" : pathStr;

    OGRFeatureDefn* defn = ogr->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i)
      layer->fields.push_back({defn->GetFieldDefn(i)->GetNameRef(), fieldType(defn->GetFieldDefn(i))});

    // The CRS: declared by the file, or implied by lon/lat columns in a CSV.
    std::string srcCrs;
    if (const OGRSpatialReference* srs = ogr->GetSpatialRef()) {
      char* wkt = nullptr;
      const char* wktOptions[] = {"FORMAT=WKT2_2019", nullptr};
      if (srs->exportToWkt(&wkt, wktOptions) == OGRERR_NONE && wkt) srcCrs = wkt;
      CPLFree(wkt);
      if (srcCrs.empty()) {
        diag.error(where, "unknown coordinate reference system " + crsName(srs) + ": it cannot be expressed for PROJ");
        continue;
      }
    } else if (csv && ogr->GetGeomType() != wkbNone) {
      bool japanese = layer->fieldIndex("緯度") >= 0;
      srcCrs = japanese ? "EPSG:6668" : kGeographicCrs;  // GSI publishes JGD2011 lat/lon
    }
    std::unique_ptr<Transformer> transformer;
    if (!srcCrs.empty()) {
      try {
        transformer = std::make_unique<Transformer>(srcCrs, kWorkingCrs);
      } catch (const std::exception& e) {
        diag.error(where, "unknown coordinate reference system " + crsName(ogr->GetSpatialRef()) + ": " + e.what());
        continue;
      }
    }

    const GIntBig total = ogr->GetFeatureCount(FALSE);
    int noGeometry = 0, badCoords = 0, repaired = 0, unrepairable = 0;
    std::string firstReason;
    ogr->ResetReading();
    // Exactly the room needed when the driver knows the count: growing by doubling would hold 1.5× the
    // layer at the moment of each copy.
    if (total > 0) layer->features.reserve(static_cast<size_t>(total));
    GIntBig seen = 0;
    while (OGRFeature* raw = ogr->GetNextFeature()) {
      std::unique_ptr<OGRFeature> of(raw);
      ++seen;
      if (progress && total > 0 && (seen & 1023) == 0) progress(double(seen) / double(total));
      Feature f;
      f.fid = of->GetFID();
      f.values.resize(layer->fields.size());
      for (size_t i = 0; i < layer->fields.size(); ++i)
        if (of->IsFieldSetAndNotNull(static_cast<int>(i))) f.values.set(i, of->GetFieldAsString(static_cast<int>(i)));
      appendGeometry(of->GetGeometryRef(), f.geometry);
      if (f.geometry.empty() || !transformer) {
        ++noGeometry;
        if (options.keepWithoutGeometry) {
          f.geometry = {};
          layer->features.push_back(std::move(f));
        }
        continue;
      }
      if (!transformAll(f.geometry, *transformer)) {
        ++badCoords;
        continue;
      }
      if (options.repair && !f.geometry.polygons.empty()) {
        auto r = analysis::checkAndRepair(f.geometry);
        if (!r.wasValid) {
          if (firstReason.empty()) firstReason = r.reason;
          if (!r.repaired) {
            ++unrepairable;
            continue;
          }
          ++repaired;
          f.geometry = std::move(r.geometry);
        }
      }
      layer->features.push_back(std::move(f));
    }
    if (progress) progress(1.0);
    if (errors.last().size() && layer->features.empty() && seen == 0)
      diag.error(where, "GDAL stopped reading: " + errors.last() +
                            (errors.last().find("Maximum number of characters") != std::string::npos
                                 ? " (a line longer than GDAL's limit: the file is damaged or not a table)"
                                 : ""));

    if (!transformer && seen > 0 && !csv && ogr->GetGeomType() != wkbNone)
      diag.error(where,
                 "no coordinate reference system (CRS) declared: positions cannot be placed "
                 "(add a .prj file, or save the data as GeoJSON / GeoPackage)");
    else if (options.keepWithoutGeometry)
      ;  // the caller places the rows itself (e.g. by 町丁目)
    else if (!transformer && seen > 0 && csv)
      diag.error(where, "no coordinate columns: expected 緯度/経度 or lat/lon (" + std::to_string(seen) +
                            " rows have no position)");
    else if (!transformer && seen > 0 && ogr->GetGeomType() != wkbNone)
      diag.error(where,
                 "no coordinate reference system (CRS) declared: positions cannot be placed "
                 "(add a .prj file, or save the data as GeoJSON / GeoPackage)");
    else if (noGeometry > 0)
      diag.warning(where, std::to_string(noGeometry) + " feature(s) without geometry skipped");
    if (int unclosed = errors.count("Non closed ring"); unclosed > 0)
      diag.error(where, std::to_string(unclosed) + " polygon ring(s) not closed (the first and last points differ)");
    if (badCoords > 0)
      diag.error(where, std::to_string(badCoords) +
                            " feature(s) skipped: coordinates are not numbers or outside the valid range of the CRS");
    if (repaired > 0)
      diag.warning(where, std::to_string(repaired) + " invalid geometr" + (repaired == 1 ? "y" : "ies") +
                              " repaired with GEOS (first problem: " + firstReason + ")");
    if (unrepairable > 0)
      diag.error(where, std::to_string(unrepairable) + " invalid geometr" + (unrepairable == 1 ? "y" : "ies") +
                            " could not be repaired and were skipped (" + firstReason + ")");
    if (seen == 0 && !options.quietEmpty) diag.warning(where, "the layer contains no features");

    layer->provenance.repairedGeometries = repaired;
    layer->provenance.skippedFeatures = noGeometry + badCoords + unrepairable;
    layer->provenance.approximate = layer->approximateCount() > 0;
    if (const std::string* s = layer->features.empty() ? nullptr : layer->value(layer->features.front(), "source"))
      layer->provenance.source = *s;
    if (transformer || seen == 0 || (options.keepWithoutGeometry && (csv || ogr->GetGeomType() == wkbNone)))
      out.push_back(std::move(layer));
  }
  if (!src.vsimem.empty()) VSIUnlink(src.vsimem.c_str());
  return out;
}

}  // namespace safetymap::io
