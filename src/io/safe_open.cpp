#include "io/safe_open.hpp"

#include <cpl_conv.h>
#include <cpl_http.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogr_srs_api.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "core/text.hpp"
#include "io/gdal_errors.hpp"

namespace fs = std::filesystem;

namespace safetymap::io {

namespace {

// The vector drivers a user's file may be read with. Not VRT (it can name any other file or a URL), nor
// SQLite/SpatiaLite (a virtual table can name any path), nor MapInfo (a seamless table names others), nor
// WFS/OAPIF/PG or anything else that opens a connection.
const char* const kDrivers[] = {"GPKG", "GeoJSON",    "GeoJSONSeq", "ESRI Shapefile", "CSV",      "KML", "LIBKML",
                                "GML",  "FlatGeobuf", "GPX",        "OpenFileGDB",    "TopoJSON", "DXF", "XLSX",
                                "ODS",  nullptr};

// Formats GDAL parses whole into memory: a bigger file is refused before a byte is parsed.
constexpr std::uintmax_t kWholeFileLimit = 256ull << 20;
// Text tables are read whole to detect and convert their encoding.
constexpr std::uintmax_t kTextTableLimit = 1ull << 30;

thread_local std::vector<std::string> tRefusedUrls;

CPLHTTPResult* refuseNetwork(const char* url, CSLConstList, GDALProgressFunc, void*, CPLHTTPFetchWriteFunc, void*,
                             void*) {
  std::string u = url ? url : "";
  if (tRefusedUrls.size() < 16) tRefusedUrls.push_back(u.size() > 200 ? u.substr(0, 200) + "…" : u);
  CPLError(CE_Failure, CPLE_AppDefined, "network access refused by safetymap: %s", u.substr(0, 200).c_str());
  auto* r = static_cast<CPLHTTPResult*>(CPLCalloc(1, sizeof(CPLHTTPResult)));
  r->nStatus = 1;
  r->pszErrBuf = CPLStrdup("network access is disabled in safetymap");
  return r;
}

bool isText(const std::string& ext) {
  for (const char* e : {".csv", ".tsv", ".txt", ".geojson", ".json", ".kml", ".gml", ".gpx", ".xml", ".topojson",
                        ".geojsonl", ".geojsons", ".prj"})
    if (ext == e) return true;
  return false;
}

std::string kindOf(fs::file_type t) {
  switch (t) {
    case fs::file_type::directory: return "a folder, not a file: choose a file inside it";
    case fs::file_type::fifo: return "a pipe (FIFO), not a file: safetymap reads only ordinary files";
    case fs::file_type::block:
    case fs::file_type::character: return "a device, not a file: safetymap reads only ordinary files";
    case fs::file_type::socket: return "a socket, not a file: safetymap reads only ordinary files";
    default: return "not an ordinary file: safetymap reads only ordinary files";
  }
}

// UTF-16 text: a byte-order mark, or ASCII with a NUL after (or before) every character.
bool looksUtf16(const std::string& head) {
  if (head.size() >= 2 && ((head[0] == '\xFF' && head[1] == '\xFE') || (head[0] == '\xFE' && head[1] == '\xFF')))
    return true;
  size_t n = head.size() & ~size_t(1), even = 0, odd = 0;
  if (n < 16) return false;
  for (size_t i = 0; i < n; i += 2) even += head[i] == '\0', odd += head[i + 1] == '\0';
  return (odd > n / 2 * 8 / 10 && even < n / 2 / 10) || (even > n / 2 * 8 / 10 && odd < n / 2 / 10);
}

std::string sizeText(std::uintmax_t bytes) {
  char buf[32];
  if (bytes >= (1ull << 30))
    std::snprintf(buf, sizeof buf, "%.1f GiB", double(bytes) / double(1ull << 30));
  else
    std::snprintf(buf, sizeof buf, "%.0f MiB", double(bytes) / double(1ull << 20));
  return buf;
}

// The uncompressed size of a KMZ's (zip's) contents, as GDAL would inflate them.
std::uintmax_t zipContentSize(const std::string& path) {
  std::string root = "/vsizip/" + path;
  std::uintmax_t total = 0;
  char** list = VSIReadDirRecursive(root.c_str());
  for (int i = 0; list && list[i]; ++i) {
    VSIStatBufL st;
    if (VSIStatL((root + "/" + list[i]).c_str(), &st) == 0 && VSI_ISREG(st.st_mode))
      total += static_cast<std::uintmax_t>(st.st_size);
  }
  CSLDestroy(list);
  return total;
}

}  // namespace

void initGdal() {
  static std::once_flag once;
  std::call_once(once, [] {
    GDALAllRegister();
    CPLSetConfigOption("OGR_GEOJSON_MAX_OBJ_SIZE", "0");  // no arbitrary cap on big features
    // No file may make GDAL open a connection: every HTTP fetch is refused, and /vsicurl/ allows one
    // file name that cannot exist.
    CPLHTTPSetFetchCallback(&refuseNetwork, nullptr);
    OSRSetPROJEnableNetwork(FALSE);  // no grid downloads either
    CPLSetConfigOption("CPL_VSIL_CURL_ALLOWED_FILENAME", "/safetymap/network-access-is-disabled");
    CPLSetConfigOption("GML_DOWNLOAD_WFS_SCHEMA", "NO");
    CPLSetConfigOption("GML_SKIP_RESOLVE_ELEMS", "ALL");
  });
}

std::vector<std::string> takeRefusedUrls() {
  std::vector<std::string> out;
  out.swap(tRefusedUrls);
  return out;
}

std::string inputProblem(const std::string& path) {
  if (path.empty()) return "no file given";
  if (path.rfind("/vsi", 0) == 0) return "a GDAL virtual path, not a file on this computer";
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec) {
    if (ec.value() == ELOOP) return "a symbolic link that leads round in a loop: it names no file";
    if (ec.value() == EACCES) return "permission denied: the file cannot be read";
    if (ec.value() == ENOENT || ec.value() == ENOTDIR) return "file not found";
    return "cannot be read: " + ec.message();
  }
  if (st.type() == fs::file_type::not_found) {
    if (fs::is_symlink(fs::symlink_status(path, ec))) return "a symbolic link to a file that does not exist";
    return "file not found";
  }
  if (st.type() != fs::file_type::regular) return kindOf(st.type());
  const std::uintmax_t size = fs::file_size(path, ec);
  if (!ec && size == 0) return "the file is empty (0 bytes)";
  const fs::path p(path);
  const std::string ext = asciiLower(p.extension().string());
  // A Shapefile's .dbf/.prj (or any file GDAL opens beside this one) must be an ordinary file too.
  const std::string stem = p.stem().string();
  for (const auto& e : fs::directory_iterator(p.parent_path().empty() ? fs::path(".") : p.parent_path(), ec)) {
    if (e.path().stem().string() != stem || e.path().filename() == p.filename()) continue;
    std::error_code sec;
    fs::file_status s = fs::status(e.path(), sec);
    if (sec && sec.value() == ELOOP)
      return e.path().filename().string() + " beside it is a symbolic link that leads round in a loop";
    if (!sec && s.type() != fs::file_type::regular && s.type() != fs::file_type::directory &&
        s.type() != fs::file_type::not_found)
      return e.path().filename().string() + " beside it is " + kindOf(s.type());
  }
  if ((ext == ".csv" || ext == ".tsv" || ext == ".txt") && size > kTextTableLimit)
    return "the table is " + sizeText(size) + "; safetymap reads text tables up to " + sizeText(kTextTableLimit) +
           ": split it, or save it as GeoPackage";
  if (isText(ext) || ext.empty()) {
    std::ifstream in(path, std::ios::binary);
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
    if (looksUtf16(head)) return "UTF-16 text: save it as UTF-8 (or Shift_JIS) and open it again";
  }
  return {};
}

OpenedVector openDatabase(const std::string& gdalPath, const std::string& table) {
  initGdal();
  OpenedVector out;
  GdalErrorCapture errors;
  out.driver = "PostgreSQL";
  const std::string tables = "TABLES=" + table;
  const char* oo[] = {table.empty() ? nullptr : tables.c_str(), nullptr};
  const char* only[] = {"PostgreSQL", nullptr};
  out.dataset.reset(
      static_cast<GDALDataset*>(GDALOpenEx(gdalPath.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, only, oo, nullptr)));
  out.lastError = errors.last();
  out.lastWarning = errors.lastWarning();
  if (!out.dataset) out.problem = errors.last().empty() ? "GDAL cannot open the database" : errors.last();
  return out;
}

OpenedVector openVector(const std::string& gdalPath, const std::string& userPath,
                        const std::vector<std::string>& openOptions) {
  initGdal();
  OpenedVector out;
  GdalErrorCapture errors;
  GDALDriverH drv = GDALIdentifyDriverEx(gdalPath.c_str(), GDAL_OF_VECTOR, kDrivers, nullptr);
  if (!drv) {
    std::string ext = asciiLower(fs::path(userPath).extension().string());
    out.problem = errors.last().empty()
                      ? "not a file GDAL reads as map data (" + (ext.empty() ? std::string("no extension") : ext) +
                            "): expected GeoJSON, GeoPackage, Shapefile, CSV, KML, GML, FlatGeobuf, …"
                      : plainGdalError(errors.last());
    return out;
  }
  out.driver = GDALGetDriverShortName(drv);
  // Formats GDAL parses whole, by the driver GDAL chose (a KML named .xml is still a KML), and unpacked
  // for those that are zips (KMZ, XLSX, ODS: a small zip may unpack to gigabytes).
  if (out.driver == "KML" || out.driver == "LIBKML" || out.driver == "TopoJSON" || out.driver == "XLSX" ||
      out.driver == "ODS") {
    std::error_code ec;
    std::uintmax_t size = fs::file_size(userPath, ec);
    const std::string ext = asciiLower(fs::path(userPath).extension().string());
    const bool zip = ext == ".kmz" || ext == ".xlsx" || ext == ".ods";
    if (zip) size = zipContentSize(userPath);
    if (!ec && size > kWholeFileLimit) {
      out.problem = (zip ? "the file unpacks to " : "the file is ") + sizeText(size) + "; safetymap reads " +
                    (out.driver == "LIBKML" ? std::string("KML") : out.driver) + " files up to " +
                    sizeText(kWholeFileLimit) + " (they are read whole): save it as GeoPackage (ogr2ogr) and open that";
      return out;
    }
  }
  std::vector<std::string> options;
  if (out.driver == "CSV") options = openOptions;
  if (out.driver == "GML") options = {"WRITE_GFS=NO", "DOWNLOAD_SCHEMA=NO"};  // never write beside the file
  std::vector<const char*> oo;
  for (const auto& o : options) oo.push_back(o.c_str());
  oo.push_back(nullptr);
  const char* only[] = {out.driver.c_str(), nullptr};
  out.dataset.reset(static_cast<GDALDataset*>(
      GDALOpenEx(gdalPath.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, only, oo.data(), nullptr)));
  out.lastError = errors.last();
  out.lastWarning = errors.lastWarning();
  if (!out.dataset)
    out.problem = errors.last().empty() ? "GDAL's " + out.driver + " reader cannot open it: the file is damaged"
                                        : plainGdalError(errors.last());
  return out;
}

std::string plainGdalError(const std::string& gdal) {
  const std::string l = asciiLower(gdal);
  // GDAL sometimes quotes a whole SQL statement: the gist is enough.
  const std::string g = gdal.size() > 160 ? gdal.substr(0, 160) + "…" : gdal;
  auto has = [&](const char* s) { return l.find(s) != std::string::npos; };
  if (has("database disk image is malformed") || has("file is not a database") || has("malformed database"))
    return "the GeoPackage is damaged: its database pages cannot be read (SQLite finds the database malformed); "
           "use a backup or ask the sender for the file again";
  if (has("maximum number of characters"))
    return "a line longer than GDAL's limit: the file is damaged or not a table (" + g + ")";
  if (has("network access refused")) return "the file asks to fetch something from the network; safetymap does not";
  if (has("xml parsing") || has("not well-formed") || has("xml_parse")) return "the XML is broken (" + g + ")";
  if (has("failed to read geojson")) return "the GeoJSON text is broken or cut short (GDAL: " + g + ")";
  if (has("json parsing") || has("failed to parse") || has("json_tokener"))
    return "the JSON text is broken (" + g + ")";
  if (has("no such table") || has("no such view")) return "the file refers to a table it does not contain (" + g + ")";
  return g;
}

}  // namespace safetymap::io
