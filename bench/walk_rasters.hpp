#pragma once
// The routing comparison with GRASS GIS r.cost: the walking grid as a cost raster (metres to cross a
// cell, no data where impassable), the building doors as start points, and our distance field, all as
// GeoTIFFs through GDAL; and the cell-by-cell comparison of two distance rasters.
#include <string>

namespace safetymap::bench {

// Writes OUT/cost.tif, OUT/doors.txt ("x,y" per door) and OUT/ours.tif; prints one bench=field line.
int writeWalkRasters(const std::string& outDir);
// Compares two distance rasters of the same grid; prints one bench=field_compare line.
int compareDistanceRasters(const std::string& ours, const std::string& theirs);

}  // namespace safetymap::bench
