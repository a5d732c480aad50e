#pragma once
// Rasterises the walkable surface (road polygons) into a walking grid through GDAL (GDALRasterizeGeometries
// on a MEM dataset in the working CRS). ALL_TOUCHED keeps two-metre sidewalks connected at 2 m cells.
#include "analysis/walk_grid.hpp"
#include "core/diagnostics.hpp"
#include "core/layer.hpp"

namespace safetymap::io {

analysis::WalkGrid rasterizeWalkable(const Layer& surfaces, const Bounds& extent, double cellMetres, Diagnostics& diag);

}  // namespace safetymap::io
