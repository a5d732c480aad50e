#include "io/raster_source.hpp"

#include <cpl_conv.h>
#include <gdal.h>
#include <gdal_utils.h>
#include <ogr_srs_api.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <mutex>

#include "io/crs.hpp"
#include "io/gdal_errors.hpp"
#include "io/safe_open.hpp"

namespace fs = std::filesystem;

namespace safetymap::io {

namespace {

// The raster formats a ward is given: GeoTIFF (and COG), GeoPackage tiles, MBTiles, PNG/JPEG/WebP with a world file,
// VRT, JPEG 2000, ERDAS Imagine, Esri and ASCII grids.
const char* const kRasterDrivers[] = {"GTiff", "COG",  "GPKG", "MBTiles", "PNG",     "JPEG", "WEBP", "VRT",
                                      "JP2OpenJPEG", "HFA", "AAIGrid", "EHdr", "XYZ", "GIF", "BMP", nullptr};

struct DatasetCloser {
  void operator()(void* d) const {
    if (d) GDALClose(d);
  }
};
using Dataset = std::unique_ptr<void, DatasetCloser>;

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A pixel window (fractional) of a dataset and the part of the output buffer it fills.
struct Window {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // source pixels
  int ox = 0, oy = 0, ow = 0, oh = 0;     // output cells
  bool empty() const { return ow <= 0 || oh <= 0; }
  // The whole source pixels that hold the window (RasterIO's integer window beside the fractional one).
  int xoff() const { return static_cast<int>(x0); }
  int yoff() const { return static_cast<int>(y0); }
  int xsize() const { return std::max(1, static_cast<int>(std::ceil(x1)) - xoff()); }
  int ysize() const { return std::max(1, static_cast<int>(std::ceil(y1)) - yoff()); }
};

Window windowFor(const double gt[6], int width, int height, const Bounds& e, int w, int h) {
  Window win;
  const double px0 = (e.minx - gt[0]) / gt[1], px1 = (e.maxx - gt[0]) / gt[1];
  const double py0 = (e.maxy - gt[3]) / gt[5], py1 = (e.miny - gt[3]) / gt[5];
  const double sx = (px1 - px0) / w, sy = (py1 - py0) / h;  // source pixels per output cell
  if (!(sx > 0) || !(sy > 0)) return win;
  // The output cells whose centres fall inside the file.
  win.ox = std::max(0, static_cast<int>(std::ceil((0 - px0) / sx - 0.5)));
  win.oy = std::max(0, static_cast<int>(std::ceil((0 - py0) / sy - 0.5)));
  const int ox1 = std::min(w, static_cast<int>(std::floor((width - px0) / sx - 0.5)) + 1);
  const int oy1 = std::min(h, static_cast<int>(std::floor((height - py0) / sy - 0.5)) + 1);
  win.ow = ox1 - win.ox;
  win.oh = oy1 - win.oy;
  win.x0 = std::clamp(px0 + win.ox * sx, 0.0, double(width));
  win.y0 = std::clamp(py0 + win.oy * sy, 0.0, double(height));
  win.x1 = std::clamp(px0 + ox1 * sx, 0.0, double(width));
  win.y1 = std::clamp(py0 + oy1 * sy, 0.0, double(height));
  if (win.x1 <= win.x0 || win.y1 <= win.y0) win.ow = win.oh = 0;
  return win;
}

GDALRasterIOExtraArg extraArg(const Window& win, GDALRIOResampleAlg alg) {
  GDALRasterIOExtraArg a;
  INIT_RASTERIO_EXTRA_ARG(a);
  a.eResampleAlg = alg;
  a.bFloatingPointWindowValidity = TRUE;
  a.dfXOff = win.x0;
  a.dfYOff = win.y0;
  a.dfXSize = win.x1 - win.x0;
  a.dfYSize = win.y1 - win.y0;
  return a;
}

class GdalRaster final : public RasterSource {
 public:
  GdalRaster(Dataset file, Dataset view, RasterInfo info, bool paletted, std::unique_ptr<Transformer> toFile)
      : file_(std::move(file)), view_(std::move(view)), info_(std::move(info)), paletted_(paletted),
        toFile_(std::move(toFile)) {
    GDALGetGeoTransform(ds(), gt_);
    double fileGt[6];
    GDALGetGeoTransform(file_.get(), fileGt);
    invertible_ = GDALInvGeoTransform(fileGt, fileInv_) != 0;
    width_ = GDALGetRasterXSize(ds());
    height_ = GDALGetRasterYSize(ds());
    GDALRasterBandH b = GDALGetRasterBand(ds(), 1);
    int has = 0;
    const double nd = GDALGetRasterNoDataValue(b, &has);
    if (has) nodata_ = nd;
    const double fnd = GDALGetRasterNoDataValue(GDALGetRasterBand(file_.get(), 1), &has);
    if (has) fileNodata_ = fnd;
  }

  const RasterInfo& info() const override { return info_; }
  // GDAL's last error while reading (a damaged block reads as no data), empty when every read went well.
  std::string problem() const {
    std::lock_guard lock(mutex_);
    return problem_;
  }

  RasterGrid values(const Bounds& extent, int w, int h) const override {
    RasterGrid g;
    if (w <= 0 || h <= 0) return g;
    g.width = w;
    g.height = h;
    g.extent = extent;
    g.values.assign(static_cast<size_t>(w) * static_cast<size_t>(h), std::numeric_limits<float>::quiet_NaN());
    std::lock_guard lock(mutex_);
    const Window win = windowFor(gt_, width_, height_, extent, w, h);
    if (win.empty()) return g;
    GDALRasterIOExtraArg arg = extraArg(win, GRIORA_NearestNeighbour);
    float* out = g.values.data() + static_cast<size_t>(win.oy) * static_cast<size_t>(w) + static_cast<size_t>(win.ox);
    GdalErrorCapture quiet;  // a damaged block reads as no data; the open already said the file is damaged
    if (GDALRasterIOEx(GDALGetRasterBand(ds(), 1), GF_Read, win.xoff(), win.yoff(), win.xsize(), win.ysize(), out,
                       win.ow, win.oh, GDT_Float32, sizeof(float), static_cast<GSpacing>(sizeof(float)) * w,
                       &arg) != CE_None)
      std::fill(g.values.begin(), g.values.end(), std::numeric_limits<float>::quiet_NaN());
    if (quiet.size() > 0) problem_ = quiet.last();
    if (nodata_)
      for (auto& v : g.values)
        if (v == static_cast<float>(*nodata_)) v = std::numeric_limits<float>::quiet_NaN();
    return g;
  }

  RgbaImage colours(const Bounds& extent, int w, int h) const override {
    RgbaImage img;
    if (w <= 0 || h <= 0) return img;
    img.width = w;
    img.height = h;
    img.extent = extent;
    img.pixels.assign(static_cast<size_t>(w) * static_cast<size_t>(h) * 4, 0);
    std::lock_guard lock(mutex_);
    const Window win = windowFor(gt_, width_, height_, extent, w, h);
    if (win.empty()) return img;
    const int xoff = win.xoff(), yoff = win.yoff(), xs = win.xsize(), ys = win.ysize();
    std::uint8_t* out = img.pixels.data() + (static_cast<size_t>(win.oy) * static_cast<size_t>(w) + win.ox) * 4;
    const GSpacing line = static_cast<GSpacing>(w) * 4;
    GdalErrorCapture quiet;
    if (paletted_) {
      std::vector<std::uint8_t> index(static_cast<size_t>(win.ow) * static_cast<size_t>(win.oh));
      GDALRasterIOExtraArg arg = extraArg(win, GRIORA_NearestNeighbour);
      if (GDALRasterIOEx(GDALGetRasterBand(ds(), 1), GF_Read, xoff, yoff, xs, ys, index.data(), win.ow, win.oh,
                         GDT_Byte, 1, win.ow, &arg) != CE_None) {
        problem_ = quiet.last();
        return img;
      }
      GDALColorTableH table = GDALGetRasterColorTable(GDALGetRasterBand(file(), 1));
      std::uint8_t rgba[256][4] = {};
      for (int i = 0; table && i < std::min(256, GDALGetColorEntryCount(table)); ++i) {
        const GDALColorEntry* c = GDALGetColorEntry(table, i);
        rgba[i][0] = std::uint8_t(c->c1), rgba[i][1] = std::uint8_t(c->c2), rgba[i][2] = std::uint8_t(c->c3),
        rgba[i][3] = std::uint8_t(c->c4);
      }
      if (nodata_ && *nodata_ >= 0 && *nodata_ < 256) rgba[int(*nodata_)][3] = 0;
      const int alphaBand = alphaBandIndex();
      std::vector<std::uint8_t> alpha;
      if (alphaBand > 0) {
        alpha.resize(index.size());
        if (GDALRasterIOEx(GDALGetRasterBand(ds(), alphaBand), GF_Read, xoff, yoff, xs, ys, alpha.data(), win.ow,
                           win.oh, GDT_Byte, 1, win.ow, &arg) != CE_None)
          alpha.clear();
      }
      for (int y = 0; y < win.oh; ++y)
        for (int x = 0; x < win.ow; ++x) {
          const size_t k = static_cast<size_t>(y) * win.ow + x;
          std::uint8_t* p = out + y * line + x * 4;
          std::copy(rgba[index[k]], rgba[index[k]] + 4, p);
          if (!alpha.empty()) p[3] = std::min(p[3], alpha[k]);
        }
      return img;
    }
    // Bands 1–3 and the alpha band straight into the RGBA rows; without an alpha band every read pixel is opaque.
    const int alphaBand = alphaBandIndex();
    int bands[4] = {1, 2, 3, alphaBand};
    const int count = alphaBand > 0 ? 4 : 3;
    GDALRasterIOExtraArg arg = extraArg(win, GRIORA_Bilinear);
    if (GDALDatasetRasterIOEx(ds(), GF_Read, xoff, yoff, xs, ys, out, win.ow, win.oh, GDT_Byte, count, bands, 4, line,
                              1, &arg) != CE_None || quiet.size() > 0) {
      problem_ = quiet.last().empty() ? "the image cannot be read" : quiet.last();
      return img;
    }
    if (count == 3) {
      // No alpha band: the file's mask (nodata, an internal mask of a JPEG-compressed aerial) says what is see-through.
      GDALRasterBandH b1 = GDALGetRasterBand(ds(), 1);
      std::vector<std::uint8_t> mask;
      if (GDALGetMaskFlags(b1) != GMF_ALL_VALID) {
        mask.resize(static_cast<size_t>(win.ow) * static_cast<size_t>(win.oh));
        GDALRasterIOExtraArg nearest = extraArg(win, GRIORA_NearestNeighbour);
        if (GDALRasterIOEx(GDALGetMaskBand(b1), GF_Read, xoff, yoff, xs, ys, mask.data(), win.ow, win.oh, GDT_Byte, 1,
                           win.ow, &nearest) != CE_None)
          mask.clear();
      }
      for (int y = 0; y < win.oh; ++y)
        for (int x = 0; x < win.ow; ++x)
          out[y * line + x * 4 + 3] = mask.empty() ? 255 : mask[static_cast<size_t>(y) * win.ow + x];
    }
    return img;
  }

  // Read from the file itself at the point PROJ gives in its CRS: the cell gdallocationinfo names, not the warped
  // grid's nearest (which may be its neighbour).
  std::optional<double> valueAt(Vec2 p) const override {
    std::lock_guard lock(mutex_);  // a PROJ object, like a GDAL dataset, serves one thread at a time
    if (!invertible_) return std::nullopt;
    const Vec2 q = toFile_ ? toFile_->forward(p) : p;
    if (!std::isfinite(q.x) || !std::isfinite(q.y)) return std::nullopt;
    const double px = fileInv_[0] + q.x * fileInv_[1] + q.y * fileInv_[2];
    const double py = fileInv_[3] + q.x * fileInv_[4] + q.y * fileInv_[5];
    GDALDatasetH f = file_.get();
    if (!(px >= 0 && py >= 0 && px < GDALGetRasterXSize(f) && py < GDALGetRasterYSize(f))) return std::nullopt;
    float v = 0;
    GdalErrorCapture quiet;
    if (GDALRasterIO(GDALGetRasterBand(f, 1), GF_Read, int(px), int(py), 1, 1, &v, 1, 1, GDT_Float32, 0, 0) !=
        CE_None)
      return std::nullopt;
    if (std::isnan(v) || (fileNodata_ && v == static_cast<float>(*fileNodata_))) return std::nullopt;
    return v;
  }

 private:
  GDALDatasetH ds() const { return view_ ? view_.get() : file_.get(); }
  GDALDatasetH file() const { return file_.get(); }
  int alphaBandIndex() const {
    for (int b = GDALGetRasterCount(ds()); b >= 2; --b)
      if (GDALGetRasterColorInterpretation(GDALGetRasterBand(ds(), b)) == GCI_AlphaBand) return b;
    return 0;
  }

  Dataset file_;  // the user's file (or the cached VRT of it with overviews)
  Dataset view_;  // a warped VRT in the working CRS; null when the file is in it already
  RasterInfo info_;
  bool paletted_ = false;
  std::unique_ptr<Transformer> toFile_;  // working CRS → the file's (PROJ); null when they are the same
  double gt_[6] = {0, 1, 0, 0, 0, -1};
  double fileInv_[6] = {0, 1, 0, 0, 0, 1};
  bool invertible_ = false;
  int width_ = 0, height_ = 0;
  std::optional<double> nodata_, fileNodata_;
  mutable std::mutex mutex_;  // a GDAL dataset serves one thread at a time
  mutable std::string problem_;
};

std::string cacheKey(const std::string& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  const auto time = fs::last_write_time(path, ec).time_since_epoch().count();
  const std::size_t h = std::hash<std::string>{}(fs::absolute(path).lexically_normal().string() + "|" +
                                                  std::to_string(size) + "|" + std::to_string(time));
  return fmt::format("{:016x}", h);
}

int progressCallback(double done, const char*, void* data) {
  const auto* o = static_cast<const RasterOpenOptions*>(data);
  if (o->progress) o->progress(done);
  return o->stopped && o->stopped() ? FALSE : TRUE;
}

// A VRT of the file with overviews beside it in the cache: built once per file content, atomically (a build cut
// short leaves nothing that a later open would take for finished).
std::string cachedOverviews(const std::string& path, GDALDatasetH src, bool averaged, const RasterOpenOptions& o,
                            Diagnostics& diag) {
  const fs::path dir = o.cacheDir.empty() ? fs::path(overviewCacheDir()) : fs::path(o.cacheDir);
  const std::string key = cacheKey(path);
  const fs::path vrt = dir / (key + ".vrt"), ovr = dir / (key + ".vrt.ovr");
  std::error_code ec;
  if (fs::exists(vrt, ec) && fs::exists(ovr, ec)) return vrt.string();
  fs::create_directories(dir, ec);
  const fs::path tmp = dir / fmt::format("{}.{}.tmp.vrt", key, ::getpid());
  GdalErrorCapture errors;
  const char* args[] = {"-of", "VRT", nullptr};
  GDALTranslateOptions* to = GDALTranslateOptionsNew(const_cast<char**>(args), nullptr);
  Dataset copy(GDALTranslate(tmp.c_str(), src, to, nullptr));
  GDALTranslateOptionsFree(to);
  if (!copy) {
    diag.warning(path, "has no overviews and they could not be built in " + dir.string() + " (" + errors.last() +
                           "): it is drawn from the full image, slowly");
    return "";
  }
  std::vector<int> levels;
  const int side = std::max(GDALGetRasterXSize(src), GDALGetRasterYSize(src));
  for (int f = 2; side / f >= 256; f *= 2) levels.push_back(f);
  if (levels.empty()) levels.push_back(2);
  CPLSetThreadLocalConfigOption("COMPRESS_OVERVIEW", "DEFLATE");  // a 20k × 20k Float32 raster: MBs, not 500 MB
  const CPLErr e = GDALBuildOverviews(copy.get(), averaged ? "AVERAGE" : "NEAREST", int(levels.size()), levels.data(),
                                      0, nullptr, progressCallback, const_cast<RasterOpenOptions*>(&o));
  CPLSetThreadLocalConfigOption("COMPRESS_OVERVIEW", nullptr);
  copy.reset();
  const fs::path tmpOvr = fs::path(tmp.string() + ".ovr");
  if (e != CE_None) {
    fs::remove(tmp, ec);
    fs::remove(tmpOvr, ec);
    if (!(o.stopped && o.stopped()))
      diag.warning(path, "has no overviews and building them failed (" + errors.last() +
                             "): it is drawn from the full image, slowly");
    return "";
  }
  fs::rename(tmpOvr, ovr, ec);
  if (!ec) fs::rename(tmp, vrt, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return "";
  }
  return vrt.string();
}

// GDAL's message without the file's path in front (the message already names the file).
std::string withoutPath(const std::string& gdal, const std::string& path) {
  const std::string m = gdal.rfind(path + ", ", 0) == 0 ? gdal.substr(path.size() + 2) : gdal;
  return plainGdalError(m);
}

std::string crsName(OGRSpatialReferenceH srs) {
  const char* name = OSRGetName(srs);
  std::string s = name ? name : "";
  const char* auth = OSRGetAuthorityName(srs, nullptr);
  const char* code = OSRGetAuthorityCode(srs, nullptr);
  if (auth && code) s += fmt::format(" ({}:{})", auth, code);
  return s;
}

}  // namespace

std::string overviewCacheDir() {
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return (fs::path(x) / "safetymap" / "overviews").string();
  if (const char* home = std::getenv("HOME"); home && *home)
    return (fs::path(home) / ".cache" / "safetymap" / "overviews").string();
  return (fs::temp_directory_path() / "safetymap-overviews").string();
}

bool isRasterFile(const std::string& path) {
  if (!inputProblem(path).empty()) return false;
  initGdal();
  GdalErrorCapture quiet;
  GDALDriverH drv = GDALIdentifyDriverEx(path.c_str(), GDAL_OF_RASTER, kRasterDrivers, nullptr);
  if (!drv) return false;
  const std::string name = GDALGetDriverShortName(drv);
  // GDAL's XYZ driver claims any table of numbers (a CSV of lon/lat points): a grid only when it says .xyz.
  if (name == "XYZ") return lower(fs::path(path).extension().string()) == ".xyz";
  if (name != "GPKG") return true;
  // A GeoPackage holds features, tiles or both: it is a raster here only when it has tiles and no features.
  const char* only[] = {"GPKG", nullptr};
  Dataset vec(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, only, nullptr, nullptr));
  if (vec && GDALDatasetGetLayerCount(vec.get()) > 0) return false;
  Dataset ras(GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, only, nullptr, nullptr));
  return ras && GDALGetRasterCount(ras.get()) > 0;
}

std::shared_ptr<RasterSource> openRaster(const std::string& path, Diagnostics& diag, const RasterOpenOptions& o) {
  if (std::string why = inputProblem(path); !why.empty()) {
    diag.error(path, why);
    return nullptr;
  }
  initGdal();
  GdalErrorCapture errors;
  Dataset file(GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, kRasterDrivers, nullptr, nullptr));
  if (!file) {
    diag.error(path, errors.last().empty() ? "GDAL cannot read it as a raster: the file is damaged or not an image"
                                           : "the raster cannot be read: " + plainGdalError(errors.last()));
    return nullptr;
  }
  RasterInfo info;
  info.path = path;
  info.driver = GDALGetDriverShortName(GDALGetDatasetDriver(file.get()));
  info.width = GDALGetRasterXSize(file.get());
  info.height = GDALGetRasterYSize(file.get());
  info.bands = GDALGetRasterCount(file.get());
  if (info.bands == 0) {
    diag.error(path, "has no raster bands (is it a vector GeoPackage or an empty image?)");
    return nullptr;
  }
  GDALRasterBandH band = GDALGetRasterBand(file.get(), 1);
  const GDALDataType type = GDALGetRasterDataType(band);
  info.bandType = GDALGetDataTypeName(type);
  if (GDALDataTypeIsComplex(type) || type == GDT_Unknown) {
    diag.error(path, "band 1 holds " + info.bandType +
                         " values (complex numbers), which a map cannot colour: convert it with gdal_translate -ot "
                         "Float32 (or gdal_calc for the magnitude)");
    return nullptr;
  }
  int hasNodata = 0;
  const double nd = GDALGetRasterNoDataValue(band, &hasNodata);
  if (hasNodata) info.nodata = nd;
  const bool paletted = GDALGetRasterColorTable(band) != nullptr && info.bands <= 2;
  bool hasAlpha = false;
  for (int b = 2; b <= info.bands; ++b)
    hasAlpha = hasAlpha || GDALGetRasterColorInterpretation(GDALGetRasterBand(file.get(), b)) == GCI_AlphaBand;
  info.rgb = paletted || (info.bands >= 3 && type == GDT_Byte);
  OGRSpatialReferenceH srs = GDALGetSpatialRef(file.get());
  double gt[6];
  const bool placed = GDALGetGeoTransform(file.get(), gt) == CE_None;
  // A picture with a world file carries its CRS in a .prj beside it (the Esri way), which GDAL's PNG and JPEG
  // drivers do not read.
  std::unique_ptr<void, void (*)(void*)> prjSrs(nullptr, [](void* s) { OSRDestroySpatialReference(s); });
  std::string prjWkt;
  if (!srs && placed)
    for (const char* ext : {".prj", ".PRJ"}) {
      const fs::path prj = fs::path(path).replace_extension(ext);
      std::error_code ec;
      if (!fs::is_regular_file(prj, ec) || fs::file_size(prj, ec) > 65536) continue;
      std::ifstream in(prj);
      const std::string text((std::istreambuf_iterator<char>(in)), {});
      OGRSpatialReferenceH s = OSRNewSpatialReference(nullptr);
      std::string wkt = text;
      char* cursor = wkt.data();  // WKT (Esri's too) only: a .prj naming a file or an address is not followed
      if (OSRImportFromWkt(s, &cursor) == OGRERR_NONE) {
        OSRSetAxisMappingStrategy(s, OAMS_TRADITIONAL_GIS_ORDER);
        prjSrs.reset(s);
        srs = s;
        prjWkt = text;
        break;
      }
      OSRDestroySpatialReference(s);
    }
  if (!srs || !placed) {
    diag.error(path, std::string(placed ? "has a position but no coordinate reference system"
                                        : "has no position or coordinate reference system") +
                         ": the map cannot place it. Add one beside it (a .prj or .aux.xml; for a PNG/JPEG, a world "
                         "file and a .prj) or give one with gdal_translate -a_srs EPSG:6674 (or the CRS it was made "
                         "in) -a_ullr …");
    return nullptr;
  }
  info.crs = crsName(srs);
  for (const char* key : {"SYNTHETIC", "synthetic"})
    if (const char* v = GDALGetMetadataItem(file.get(), key, nullptr))
      info.synthetic = info.synthetic || std::string(v) == "true" || std::string(v) == "1" || std::string(v) == "yes";
  info.overviews = GDALGetOverviewCount(band);
  // A big file without overviews gets them in the cache; the user's file is never written.
  if (info.overviews == 0 && std::max(info.width, info.height) > o.overviewsFrom) {
    const std::string cached = cachedOverviews(path, file.get(), info.rgb && !paletted, o, diag);
    if (o.stopped && o.stopped()) return nullptr;
    if (!cached.empty()) {
      Dataset vrt(GDALOpenEx(cached.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
      if (vrt) {
        file = std::move(vrt);
        if (OGRSpatialReferenceH own = GDALGetSpatialRef(file.get())) srs = own;  // else the .prj's, as before
        band = GDALGetRasterBand(file.get(), 1);
        info.overviews = GDALGetOverviewCount(band);
        info.overviewsBuilt = true;
      }
    }
  }
  // In the working CRS already and north up: read as it is; else through a warped VRT (GDAL's warper, PROJ inside).
  OGRSpatialReferenceH working = OSRNewSpatialReference(nullptr);
  OSRSetFromUserInput(working, kWorkingCrs);
  // The same CRS whatever order its definition lists the axes in (a GeoTIFF's is easting first, EPSG:6674's northing).
  const char* sameOptions[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", nullptr};
  const bool same = OSRIsSameEx(srs, working, sameOptions) && gt[2] == 0 && gt[4] == 0 && gt[5] < 0;
  OSRDestroySpatialReference(working);
  Dataset view;
  if (!same) {
    std::vector<std::string> args = {"-of", "VRT", "-t_srs", kWorkingCrs, "-r", info.rgb && !paletted ? "bilinear" : "near"};
    if (!prjWkt.empty()) args.insert(args.end(), {"-s_srs", prjWkt});
    if (!info.rgb) args.insert(args.end(), {"-ot", "Float32", "-dstnodata", "nan"});
    else if (!hasAlpha) args.push_back("-dstalpha");  // the corners outside the picture see-through
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    GDALWarpAppOptions* wo = GDALWarpAppOptionsNew(argv.data(), nullptr);
    GDALDatasetH srcs[] = {file.get()};
    view.reset(GDALWarp("", nullptr, 1, srcs, wo, nullptr));
    GDALWarpAppOptionsFree(wo);
    if (!view) {
      diag.error(path, "cannot be placed in the working CRS (EPSG:6674) from " + info.crs + ": " +
                           plainGdalError(errors.last()));
      return nullptr;
    }
  }
  GDALDatasetH shown = view ? view.get() : file.get();
  info.warped = view != nullptr;
  // Where the file's own pixels lie in the working CRS: the warped grid's corners beyond them are not the file's.
  std::unique_ptr<Transformer> fromFile;
  if (view) {
    char* wkt = nullptr;
    OSRExportToWkt(srs, &wkt);
    try {
      fromFile = std::make_unique<Transformer>(wkt ? wkt : "", kWorkingCrs);
    } catch (const std::exception&) {
    }
    CPLFree(wkt);
  }
  double vgt[6];
  GDALGetGeoTransform(shown, vgt);
  const int vw = GDALGetRasterXSize(shown), vh = GDALGetRasterYSize(shown);
  info.extent = {vgt[0], vgt[3] + vh * vgt[5], vgt[0] + vw * vgt[1], vgt[3]};
  info.cellMetres = std::abs(vgt[1]);
  {
    double fgt[6];
    GDALGetGeoTransform(file.get(), fgt);
    const int fw = GDALGetRasterXSize(file.get()), fh = GDALGetRasterYSize(file.get());
    constexpr int kSteps = 32;  // per edge: enough to follow a lon/lat grid's curve in the plane
    const double corners[5][2] = {{0, 0}, {double(fw), 0}, {double(fw), double(fh)}, {0, double(fh)}, {0, 0}};
    for (int e = 0; e < 4; ++e)
      for (int k = 0; k < kSteps; ++k) {
        const double t = double(k) / kSteps;
        const double px = corners[e][0] + (corners[e + 1][0] - corners[e][0]) * t;
        const double py = corners[e][1] + (corners[e + 1][1] - corners[e][1]) * t;
        const Vec2 q{fgt[0] + px * fgt[1] + py * fgt[2], fgt[3] + px * fgt[4] + py * fgt[5]};
        const Vec2 w = fromFile ? fromFile->forward(q) : q;
        if (std::isfinite(w.x) && std::isfinite(w.y)) info.footprint.push_back(w);
      }
  }
  if (!(info.extent.width() > 0) || !std::isfinite(info.extent.minx) || !std::isfinite(info.extent.maxy)) {
    diag.error(path, "its position cannot be expressed in the working CRS (EPSG:6674): is its CRS right?");
    return nullptr;
  }
  // Band 1's range and a small picture of the whole read a sample of every part of the file: a truncated or
  // damaged file says so here, once, instead of drawing holes later.
  if (!info.rgb) {
    GdalErrorCapture probe;
    double range[2] = {0, 0};
    const CPLErr rangeRead = GDALComputeRasterMinMax(band, TRUE, range);
    // A raster that is mostly nodata (a prefecture's coast) may have no value in GDAL's sample: its range is unknown,
    // not a fault. The picture read below still finds a damaged file.
    const bool noSample = probe.count("valid pixels") > 0 && probe.count("valid pixels") == int(probe.size());
    if (noSample) range[0] = range[1] = 0;
    if (!noSample && (rangeRead != CE_None || probe.size() > 0)) {
      diag.error(path, "the raster is damaged or truncated: " +
                           (probe.last().empty() ? std::string("its values cannot be read") : withoutPath(probe.last(), path)));
      return nullptr;
    }
    info.minValue = range[0];
    info.maxValue = range[1];
  }
  std::unique_ptr<Transformer> toFile;
  if (view) {
    char* wkt = nullptr;
    OSRExportToWkt(srs, &wkt);
    try {
      toFile = std::make_unique<Transformer>(kWorkingCrs, wkt ? wkt : "");
    } catch (const std::exception& e) {
      CPLFree(wkt);
      diag.error(path, std::string("its CRS cannot be reached from the working CRS: ") + e.what());
      return nullptr;
    }
    CPLFree(wkt);
  }
  auto source = std::make_shared<GdalRaster>(std::move(file), std::move(view), info, paletted, std::move(toFile));
  auto [w, h] = rasterPictureSize(info, info.extent, 64);
  if (info.rgb) source->colours(info.extent, w, h);
  else source->values(info.extent, w, h);
  if (!source->problem().empty()) {
    diag.error(path, "the raster is damaged or truncated: " + withoutPath(source->problem(), path));
    return nullptr;
  }
  return source;
}

std::shared_ptr<Layer> readRasterLayer(const std::string& path, Diagnostics& diag, const RasterOpenOptions& options) {
  auto source = openRaster(path, diag, options);
  if (!source) return nullptr;
  auto l = std::make_shared<Layer>();
  l->id = fs::path(path).stem().string();
  l->nameJa = l->nameEn = fs::path(path).filename().string();
  l->provenance.path = path;
  l->provenance.source = path;
  l->provenance.synthetic = source->info().synthetic;
  const RasterInfo& i = source->info();
  if (!i.rgb) l->style.ramp = valueRamp(i.minValue, i.maxValue);
  l->raster = std::move(source);
  return l;
}

}  // namespace safetymap::io
