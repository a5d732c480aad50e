#include "io/walk_raster.hpp"

#include <gdal_alg.h>
#include <gdal_priv.h>
#include <ogr_geometry.h>

#include <cmath>
#include <memory>

#include "io/gdal_errors.hpp"
#include "io/layer_reader.hpp"

namespace safetymap::io {

namespace {
OGRLinearRing* toRing(const Ring& r) {
  auto* lr = new OGRLinearRing();
  for (auto p : r) lr->addPoint(p.x, p.y);
  lr->closeRings();
  return lr;
}
}  // namespace

WalkableCells rasterizeWalkable(const Layer& surfaces, const Bounds& extent, double cell, Diagnostics& diag) {
  initGdal();
  WalkableCells g;
  g.cell = cell;
  g.width = std::max(1, static_cast<int>(std::ceil(extent.width() / cell)));
  g.height = std::max(1, static_cast<int>(std::ceil(extent.height() / cell)));
  g.extent = {extent.minx, extent.maxy - g.height * cell, extent.minx + g.width * cell, extent.maxy};
  g.walkable.assign(static_cast<size_t>(g.width) * g.height, 0);

  GdalErrorCapture errors;
  GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
  std::unique_ptr<GDALDataset> ds(mem->Create("", g.width, g.height, 1, GDT_Byte, nullptr));
  double gt[6] = {g.extent.minx, cell, 0, g.extent.maxy, 0, -cell};
  ds->SetGeoTransform(gt);
  std::vector<std::unique_ptr<OGRGeometry>> owned;
  std::vector<OGRGeometryH> geoms;
  for (const auto& f : surfaces.features) {
    if (f.geometry.polygons.empty() || !f.geometry.bounds().intersects(g.extent)) continue;
    auto mp = std::make_unique<OGRMultiPolygon>();
    for (const auto& poly : f.geometry.polygons) {
      auto* op = new OGRPolygon();
      op->addRingDirectly(toRing(poly.outer));
      for (const auto& h : poly.holes) op->addRingDirectly(toRing(h));
      mp->addGeometryDirectly(op);
    }
    geoms.push_back(OGRGeometry::ToHandle(mp.get()));
    owned.push_back(std::move(mp));
  }
  int band = 1;
  std::vector<double> burn(geoms.size(), 1.0);
  char* options[] = {const_cast<char*>("ALL_TOUCHED=TRUE"), nullptr};
  CPLErr err = GDALRasterizeGeometries(GDALDataset::ToHandle(ds.get()), 1, &band, static_cast<int>(geoms.size()),
                                       geoms.data(), nullptr, nullptr, burn.data(), options, nullptr, nullptr);
  if (err != CE_None) {
    diag.error(surfaces.provenance.path.empty() ? surfaces.id : surfaces.provenance.path,
               "cannot rasterise the walking surface: " + errors.last());
    return g;
  }
  if (ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, g.width, g.height, g.walkable.data(), g.width, g.height, GDT_Byte,
                                     0, 0, nullptr) != CE_None)
    diag.error(surfaces.id, "cannot read the walking grid back: " + errors.last());
  return g;
}

}  // namespace safetymap::io
