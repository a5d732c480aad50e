#pragma once
// Rasterises the walkable surface (road polygons) into a walking grid through GDAL (GDALRasterizeGeometries
// on a MEM dataset in the working CRS). ALL_TOUCHED keeps two-metre sidewalks connected at 2 m cells.
#include "core/diagnostics.hpp"
#include "core/layer.hpp"
#include "core/walkable_cells.hpp"

namespace safetymap::io {

WalkableCells rasterizeWalkable(const Layer& surfaces, const Bounds& extent, double cellMetres, Diagnostics& diag);

}  // namespace safetymap::io
