#pragma once
// A layer's style as QGIS reads it (QML), for the standard layer_styles table of a GeoPackage or a PostGIS
// database: QGIS in the ward office opens safetymap's data and sees the same colours, symbols and labels.
#include <string>

#include "core/layer.hpp"

namespace safetymap::io {

// The QML of the layer's style: a single symbol, or one per category when points are coloured by a field; the
// label field; the opacity. `geometry` is the layer's geometry type (a point, line or polygon symbol).
std::string qmlStyle(const Layer& layer);

}  // namespace safetymap::io
