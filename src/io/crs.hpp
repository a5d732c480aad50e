#pragma once
// Coordinate transformations, all done by PROJ. The working CRS is JGD2011 / Japan Plane
// Rectangular CS VI (EPSG:6674). Axis order is normalised for maps: x = easting / longitude,
// y = northing / latitude, whatever order the EPSG definition declares.
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/geometry.hpp"

namespace safetymap::io {

inline constexpr const char* kWorkingCrs = "EPSG:6674";
inline constexpr const char* kGeographicCrs = "EPSG:4326";

class Transformer {
 public:
  // source/target: anything PROJ understands (EPSG code, WKT, PROJJSON, PROJ string).
  // Throws std::runtime_error naming the CRS when PROJ cannot build the transformation.
  Transformer(const std::string& source, const std::string& target);
  ~Transformer();
  Transformer(Transformer&&) noexcept;
  Transformer& operator=(Transformer&&) noexcept;

  Vec2 forward(Vec2 p) const;  // NaN components when the point cannot be transformed
  Vec2 inverse(Vec2 p) const;
  // In place, for many points at once (one PROJ call).
  void forward(std::span<Vec2> pts) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  bool identity_ = false;
};

// Converts between the working CRS and WGS84/JGD2011 lon/lat (x = lon, y = lat). Thread-local, cached.
Vec2 toLonLat(Vec2 plane);
Vec2 fromLonLat(Vec2 lonlat);

}  // namespace safetymap::io
