#include "io/layer_reader.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <fmt/format.h>
#include <gdal.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "core/text.hpp"
#include "io/crs.hpp"
#include "io/csv_cell.hpp"
#include "io/csv_scan.hpp"
#include "io/encoding.hpp"
#include "io/gdal_errors.hpp"
#include "io/ogr_geometry.hpp"
#include "io/raster_source.hpp"
#include "io/safe_open.hpp"

namespace fs = std::filesystem;

namespace safetymap::io {

namespace {

bool isTextTable(const fs::path& p) {
  auto e = asciiLower(p.extension().string());
  return e == ".csv" || e == ".tsv" || e == ".txt";
}

// The whole file in one read (not a stream that grows by copying: a 100 MB line would be copied many times).
std::string readAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary | std::ios::ate);
  std::string bytes(static_cast<size_t>(std::max<std::streamoff>(0, in.tellg())), '\0');
  in.seekg(0);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<size_t>(in.gcount()));
  return bytes;
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
  std::string gdalPath;               // may be a /vsimem/ copy converted to UTF-8
  std::string vsimem;                 // to unlink afterwards
  std::unique_ptr<std::string> text;  // the converted text the /vsimem/ file reads from (not copied into it)
  std::vector<std::string> openOptions;
  TextEncoding encoding = TextEncoding::Utf8;
  CsvScan scan;  // text tables: where each record starts, which are not read
  bool ok = true;
};

SourceFile prepare(const fs::path& path, Diagnostics& diag) {
  SourceFile src;
  src.gdalPath = path.string();
  if (!isTextTable(path)) return src;
  std::string bytes = readAll(path);
  DecodedText decoded = decodeText(bytes);
  src.encoding = decoded.encoding;
  const std::string file = path.string();
  if (src.encoding == TextEncoding::Binary) {
    diag.error(file,
               "not a text table: the file contains binary data (NUL bytes), e.g. a spreadsheet saved "
               "under a .csv name: save it from the spreadsheet as CSV (UTF-8)");
    src.ok = false;
    return src;
  }
  if (src.encoding == TextEncoding::Unknown) {
    diag.error(file, "text encoding not recognised: neither UTF-8 nor Shift_JIS (CP932); save it as UTF-8");
    src.ok = false;
    return src;
  }
  std::optional<std::string> converted = std::move(decoded.utf8);
  if (src.encoding == TextEncoding::Cp932)
    diag.info(file, "text encoding detected: Shift_JIS (CP932); converted to UTF-8 for reading");
  const bool tsv = asciiLower(path.extension().string()) == ".tsv";
  src.scan = scanCsv(converted ? std::string_view(*converted) : std::string_view(bytes), tsv ? '\t' : 0);
  if (!src.scan.fatal.empty()) {
    diag.error(file, src.scan.fatal);
    src.ok = false;
    return src;
  }
  if (converted) {
    static std::atomic<int> counter{0};
    src.vsimem = "/vsimem/safetymap/" + std::to_string(counter++) + "/" + path.filename().string();
    // GDAL reads the converted text where it is: the file is unlinked, and the dataset closed, before it goes.
    src.text = std::make_unique<std::string>(std::move(*converted));
    converted.reset();
    VSIFCloseL(
        VSIFileFromMemBuffer(src.vsimem.c_str(), reinterpret_cast<GByte*>(src.text->data()), src.text->size(), FALSE));
    src.gdalPath = src.vsimem;
  }
  // Coordinates in the police / GSI style (緯度・経度) or lat/lon; every column kept as text.
  src.openOptions = {"X_POSSIBLE_NAMES=経度,lon,lng,long,longitude,Longitude,LON,LNG",
                     "Y_POSSIBLE_NAMES=緯度,lat,latitude,Latitude,LAT", "KEEP_GEOM_COLUMNS=YES", "AUTODETECT_TYPE=NO",
                     "EMPTY_STRING_AS_NULL=NO",
                     // The scan's reading of the file is GDAL's: the first line is the header, the same separator.
                     "HEADERS=YES", std::string("SEPARATOR=") + gdalSeparator(src.scan.delimiter)};
  return src;
}

}  // namespace

std::vector<std::shared_ptr<Layer>> readLayers(const std::string& pathStr, Diagnostics& diag,
                                               const ReadOptions& options, const Progress& progress) {
  initGdal();
  std::vector<std::shared_ptr<Layer>> out;
  fs::path path(pathStr);
  std::error_code ec;
  // A database ("PG:…") is not a file: none of the file checks apply, and messages name it by its label (a
  // connection string may hold a password).
  const bool database = pathStr.rfind("PG:", 0) == 0;
  const std::string shown = options.label.empty() ? pathStr : options.label;
  if (std::string why = database ? std::string() : inputProblem(pathStr); !why.empty()) {
    diag.error(shown, why);
    return out;
  }
  if (!database && isRasterFile(pathStr)) {  // a grid: one layer through GDAL's raster drivers
    RasterOpenOptions ro;
    ro.progress = progress;
    ro.stopped = options.stopped;
    if (auto l = readRasterLayer(pathStr, diag, ro)) out.push_back(std::move(l));
    return out;
  }
  SourceFile src;
  if (database)
    src.gdalPath = pathStr;
  else
    src = prepare(path, diag);
  if (!src.ok) return out;

  GdalErrorCapture errors;
  CPLSetThreadLocalConfigOption("OGR_GEOMETRY_ACCEPT_UNCLOSED_RING", options.strict ? "NO" : nullptr);
  takeRefusedUrls();
  OpenedVector opened =
      database ? openDatabase(pathStr, options.onlyLayer) : openVector(src.gdalPath, pathStr, src.openOptions);
  std::unique_ptr<GDALDataset> ds = std::move(opened.dataset);
  auto refusedUrl = [&]() {
    auto urls = takeRefusedUrls();
    if (urls.empty()) return false;
    diag.error(shown, "the file asks to fetch " + urls.front() +
                          " from the network (a coordinate system or schema given by a web address); safetymap "
                          "never opens a connection for a file, so its positions cannot be placed: give the CRS as "
                          "an EPSG code (e.g. \"EPSG:6668\") or save the file as GeoPackage");
    return true;
  };
  if (!ds) {
    if (!refusedUrl()) diag.error(shown, "cannot be read: " + opened.problem);
    if (!src.vsimem.empty()) VSIUnlink(src.vsimem.c_str());
    return out;
  }
  if (refusedUrl()) {
    if (!src.vsimem.empty()) VSIUnlink(src.vsimem.c_str());
    return out;
  }
  const bool csv = isTextTable(path);
  // GDAL falls back to WGS 84 when PROJ does not know the declared CRS: that would put the data in the
  // wrong place, so it is an error, not a guess.
  if (std::string why = opened.lastError.empty() ? errors.last() : opened.lastError;
      asciiLower(why).find("crs not found") != std::string::npos ||
      asciiLower(why).find("proj_create") != std::string::npos) {
    diag.error(shown, "unknown coordinate reference system declared in the file (PROJ: " + why +
                          "): positions cannot be placed");
    if (!src.vsimem.empty()) VSIUnlink(src.vsimem.c_str());
    return out;
  }
  const int nLayers = ds->GetLayerCount();
  if (nLayers == 0) diag.error(shown, "the file contains no vector layers");

  for (int li = 0; li < nLayers; ++li) {
    OGRLayer* ogr = ds->GetLayer(li);
    if (!options.onlyLayer.empty() && options.onlyLayer != ogr->GetName()) continue;
    auto layer = std::make_shared<Layer>();
    std::string stem = path.stem().string();
    layer->id = database ? ogr->GetName() : nLayers > 1 ? stem + ":" + ogr->GetName() : stem;
    layer->nameJa = layer->nameEn = layer->id;
    layer->provenance.path = database ? shown : pathStr;
    layer->provenance.encoding = csv ? encodingName(src.encoding) : "";
    std::string where = database ? shown : nLayers > 1 ? pathStr + " (layer " + ogr->GetName() + ")" : pathStr;

    OGRFeatureDefn* defn = ogr->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i)
      layer->fields.push_back({csv ? fromSpreadsheetSafe(defn->GetFieldDefn(i)->GetNameRef())
                                   : std::string(defn->GetFieldDefn(i)->GetNameRef()),
                               fieldType(defn->GetFieldDefn(i))});

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
    } else if (std::string w = errors.lastWarning().empty() ? opened.lastWarning : errors.lastWarning();
               w.find("unable to read srs_id") != std::string::npos && ogr->GetGeomType() != wkbNone) {
      diag.error(where, "the GeoPackage names a coordinate system it does not define (" + w +
                            "): positions cannot be placed; export it again from the program that made it");
      continue;
    } else if (fs::path prj = fs::path(path).replace_extension(".prj"); opened.driver == "ESRI Shapefile" &&
                                                                        std::filesystem::is_regular_file(prj, ec) &&
                                                                        ogr->GetGeomType() != wkbNone) {
      diag.error(where, prj.filename().string() +
                            " beside it cannot be read as a coordinate system (it is damaged or not a .prj): "
                            "positions cannot be placed; replace it with the .prj the data came with");
      continue;
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

    if (!options.where.empty() && ogr->SetAttributeFilter(options.where.c_str()) != OGRERR_NONE) {
      diag.error(where, "cannot select features by \"" + options.where + "\": " + errors.last());
      continue;
    }
    // A text table's records are those the scan found (GDAL's CSV driver would count them by reading the whole
    // file once more, whatever FALSE says).
    const GIntBig total =
        csv && options.where.empty() ? static_cast<GIntBig>(src.scan.recordLines.size()) : ogr->GetFeatureCount(FALSE);
    int noGeometry = 0, badCoords = 0, repaired = 0, unrepairable = 0;
    std::string firstReason;
    ogr->ResetReading();
    // Exactly the room needed when the driver knows the count: growing by doubling would hold 1.5× the
    // layer at the moment of each copy.
    const bool batched = csv && options.batch;
    if (total > 0) layer->features.reserve(batched ? std::min<size_t>(kBatchRows, size_t(total)) : size_t(total));
    auto handOver = [&] {
      if (batched && layer->features.size() >= kBatchRows) options.batch(*layer);
    };
    GIntBig seen = 0;
    // Text tables: the records the scan found unreadable are named by line and left out.
    std::map<long, std::string> skipRecords;
    if (csv)
      for (const auto& p : src.scan.skipped) skipRecords[p.record] = p.text;
    std::vector<std::pair<long, size_t>> tooBig;  // (feature, vertices)
    std::vector<long> corrupt;                    // features whose geometry GDAL could not decode
    size_t errorsBefore = errors.size();
    std::vector<std::string_view> texts(layer->fields.size());
    // Values that are not GDAL's own strings: a number formatted into a buffer the next field reuses, a
    // spreadsheet's '-quoted value as it reads.
    std::vector<std::string> copies(layer->fields.size());
    std::vector<bool> formatted(layer->fields.size());
    for (size_t i = 0; i < layer->fields.size(); ++i)
      formatted[i] = defn->GetFieldDefn(static_cast<int>(i))->GetType() != OFTString;
    std::vector<TextId> ids(layer->fields.size());
    bool stopped = false;
    while (OGRFeature* raw = ogr->GetNextFeature()) {
      std::unique_ptr<OGRFeature> of(raw);
      ++seen;
      if ((seen & 1023) == 0 && options.stopped && options.stopped()) {
        stopped = true;
        break;
      }
      if (progress && total > 0 && (seen & 1023) == 0) progress(double(seen) / double(total));
      Feature f;
      f.fid = of->GetFID();
      if (csv) {
        const long record = static_cast<long>(of->GetFID());
        if (record >= 1 && static_cast<size_t>(record) <= src.scan.recordLines.size())
          f.fid = src.scan.recordLines[static_cast<size_t>(record - 1)];  // the line, as an editor shows it
        if (auto it = skipRecords.find(record); it != skipRecords.end()) {
          diag.warning(where, fmt::format("row {} not read: {}", f.fid, it->second));
          continue;
        }
      }
      if (!csv) f.fid = seen;  // messages and `check` number features 1, 2, … in the file's order
      const long number = static_cast<long>(f.fid);
      // The row's values go straight into the pool, all under one lock: no string per value.
      f.values.resize(layer->fields.size());
      for (size_t i = 0; i < layer->fields.size(); ++i) {
        texts[i] = {};
        if (of->IsFieldSetAndNotNull(static_cast<int>(i))) {
          const char* v = of->GetFieldAsString(static_cast<int>(i));
          if (csv && v[0] == '\'')
            texts[i] = copies[i] = fromSpreadsheetSafe(v);
          else if (formatted[i])
            texts[i] = copies[i] = v;
          else
            texts[i] = v;
        }
      }
      internTexts(texts.data(), texts.size(), ids.data());
      for (size_t i = 0; i < ids.size(); ++i) f.values.setId(i, ids[i]);
      const OGRGeometry* og = of->GetGeometryRef();
      const bool broken = !og && errors.size() > errorsBefore && !csv;  // GDAL could not decode it
      errorsBefore = errors.size();
      if (broken) {
        corrupt.push_back(number);
        continue;
      }
      if (og) {
        const size_t vertices = vertexCount(og);
        if (vertices > kMaxVertices) {
          tooBig.push_back({number, vertices});
          continue;
        }
      }
      appendGeometry(og, f.geometry);
      if (const size_t vertices = coreVertices(f.geometry); vertices > kMaxVertices) {  // curves, once linearised
        tooBig.push_back({number, vertices});
        continue;
      }
      if (f.geometry.empty() || !transformer) {
        ++noGeometry;
        if (options.keepWithoutGeometry) {
          f.geometry = {};
          layer->features.push_back(std::move(f));
          handOver();
        }
        continue;
      }
      if (!transformAll(f.geometry, *transformer)) {
        ++badCoords;
        continue;
      }
      if (options.repair && !f.geometry.polygons.empty()) {
        auto r = options.repair(f.geometry);
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
      handOver();
    }
    if (stopped) {  // cancelled: a layer read in part is not a layer
      diag.info(where, "reading stopped (cancelled)");
      break;
    }
    if (progress) progress(1.0);
    // GDAL must have read the records the scan counted; otherwise the rows cannot be trusted (a line over
    // GDAL's length limit ends its reading early, a line break the two read differently shifts every row).
    if (csv && static_cast<size_t>(seen) != src.scan.recordLines.size()) {
      diag.error(where, fmt::format("GDAL read {} records where the file has {}{}: the rows cannot be matched to "
                                    "their lines, so nothing was imported",
                                    seen, src.scan.recordLines.size(),
                                    errors.last().empty() ? "" : " (" + plainGdalError(errors.last()) + ")"));
      continue;
    }
    if (csv)
      for (const auto& j : src.scan.joined) diag.warning(where, fmt::format("row {}: {}", j.line, j.text));
    for (size_t i = 0; i < corrupt.size() && i < 20; ++i)
      diag.error(where,
                 fmt::format("corrupt geometry in feature {}: it cannot be decoded and was skipped", corrupt[i]));
    if (corrupt.size() > 20)
      diag.error(where, fmt::format("{} features in all have a corrupt geometry", corrupt.size()));
    for (const auto& [n, v] : tooBig)
      diag.error(where, fmt::format("feature {} has {} vertices, more than the {} safetymap takes in one feature: "
                                    "skipped; simplify it first (e.g. ogr2ogr -simplify 0.5)",
                                    n, v, kMaxVertices));
    if (!takeRefusedUrls().empty())
      diag.error(where, "the file asked to fetch something from the network while being read; safetymap refused");
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
    layer->provenance.unreadRecords =
        static_cast<int>(skipRecords.size() + tooBig.size() + corrupt.size()) + badCoords + unrepairable;
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
