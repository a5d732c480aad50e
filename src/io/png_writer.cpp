#include "io/png_writer.hpp"

#include <gdal_priv.h>
#include <unistd.h>

#include <filesystem>

#include "io/layer_reader.hpp"
#include "io/layer_writer.hpp"

namespace safetymap::io {

Status writePng(const std::string& path, int w, int h, const std::vector<std::uint8_t>& rgba) {
  initGdal();
  GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
  GDALDriver* png = GetGDALDriverManager()->GetDriverByName("PNG");
  if (!mem || !png) {
    return Status::failure(path + ": GDAL has no MEM or PNG driver");
  }
  std::unique_ptr<GDALDataset> ds(mem->Create("", w, h, 4, GDT_Byte, nullptr));
  for (int b = 0; b < 4; ++b) {
    CPLErr e = ds->GetRasterBand(b + 1)->RasterIO(GF_Write, 0, 0, w, h, const_cast<std::uint8_t*>(rgba.data()) + b, w,
                                                  h, GDT_Byte, 4, static_cast<GSpacing>(w) * 4);
    if (e != CE_None) return Status::failure(path + ": " + CPLGetLastErrorMsg());
  }
  std::filesystem::path target(path);
  std::string tmp =
      (target.parent_path() / ("." + target.stem().string() + ".tmp-" + std::to_string(::getpid()) + ".png")).string();
  std::unique_ptr<GDALDataset> out(png->CreateCopy(tmp.c_str(), ds.get(), FALSE, nullptr, nullptr, nullptr));
  if (!out) return Status::failure(path + ": cannot write PNG: " + CPLGetLastErrorMsg());
  out.reset();
  std::error_code ec;
  std::filesystem::remove(tmp + ".aux.xml", ec);
  return commitFile(tmp, path);
}

}  // namespace safetymap::io
