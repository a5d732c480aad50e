#pragma once
// Which area covers a point at memory speed: a raster of area indices at about a metre. A cell that no
// boundary touches (with a margin) lies wholly in one area or in none, so its stored answer is exact for every
// point in it; a cell a boundary touches says "ask", and the caller asks GEOS. Built once per set of areas.
#include <cstdint>
#include <vector>

#include "core/geometry.hpp"

namespace safetymap::analysis {

class AreaGrid {
 public:
  static constexpr int kNone = -1;  // in no area
  static constexpr int kAsk = -2;   // a boundary crosses the cell: test exactly

  // areas[i] is area i (its polygons; other parts are ignored). Where areas overlap the lower index wins, as
  // DistrictLocator's exact test does. At most kMaxAreas areas; the cell is widened so that the grid holds at
  // most maxCells cells.
  static constexpr int kMaxAreas = 250;
  AreaGrid(const std::vector<const Geometry*>& areas, double cell, std::size_t maxCells = std::size_t{1} << 25);

  int lookup(Vec2 p) const {
    const double fx = (p.x - minx_) * inv_, fy = (p.y - miny_) * inv_;
    if (!(fx >= 0 && fy >= 0 && fx < width_ && fy < height_)) return kNone;  // NaN falls here too
    const std::uint8_t v =
        cells_[static_cast<std::size_t>(fy) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(fx)];
    return v == kNoneCell ? kNone : v == kAskCell ? kAsk : v;
  }
  double cell() const { return cell_; }
  int width() const { return width_; }
  int height() const { return height_; }
  std::size_t askCells() const { return askCells_; }  // cells a boundary touches

 private:
  static constexpr std::uint8_t kNoneCell = 255, kAskCell = 254;
  double minx_ = 0, miny_ = 0, cell_ = 1, inv_ = 1;
  int width_ = 0, height_ = 0;
  std::size_t askCells_ = 0;
  std::vector<std::uint8_t> cells_;
};

}  // namespace safetymap::analysis
