#include "analysis/spatial_index.hpp"

#include <algorithm>
#include <cmath>

namespace safetymap::analysis {

// A static grid of cells over the boxes, filled by a counting sort: built in O(n) with two flat arrays, where
// GEOS's STRtree sorted and allocated a GEOS rectangle per item (0.5 s for a million points, on the UI thread
// the first time the cursor crossed the map). A box in several cells is reported once, from the first cell
// of its overlap with the query.
struct SpatialIndex::Impl {
  std::vector<Bounds> boxes;
  std::vector<int> ids;
  bool built = false;
  double minx = 0, miny = 0, inv = 1;
  int cols = 0, rows = 0;
  std::vector<std::uint32_t> start;    // per cell: first entry in `entries`; size cells + 1
  std::vector<std::uint32_t> entries;  // indices into boxes/ids

  int col(double x) const { return std::clamp(static_cast<int>(std::floor((x - minx) * inv)), 0, cols - 1); }
  int row(double y) const { return std::clamp(static_cast<int>(std::floor((y - miny) * inv)), 0, rows - 1); }

  void build() {
    built = true;
    Bounds all;
    for (const Bounds& b : boxes) all.add(b);
    // About two boxes a cell, at most 4M cells; cells no smaller than a millimetre.
    const double area = std::max(all.width() * all.height(), 1e-6);
    const double target = std::clamp(static_cast<double>(boxes.size()) / 2, 1.0, 4.0e6);
    const double cell = std::max(std::sqrt(area / target), 1e-3);
    inv = 1 / cell, minx = all.minx, miny = all.miny;
    cols = std::max(1, static_cast<int>(std::min(4096.0, std::ceil(all.width() * inv)) + 1));
    rows = std::max(1, static_cast<int>(std::min(4096.0, std::ceil(all.height() * inv)) + 1));
    inv = std::min((cols - 1) / std::max(all.width(), 1e-9), (rows - 1) / std::max(all.height(), 1e-9));
    inv = std::max(inv, 1e-12);
    const auto cells = static_cast<std::size_t>(cols) * static_cast<std::size_t>(rows);
    start.assign(cells + 1, 0);
    auto each = [&](std::size_t i, auto&& f) {
      const Bounds& b = boxes[i];
      for (int y = row(b.miny), y1 = row(b.maxy); y <= y1; ++y)
        for (int x = col(b.minx), x1 = col(b.maxx); x <= x1; ++x)
          f(static_cast<std::size_t>(y) * static_cast<std::size_t>(cols) + static_cast<std::size_t>(x));
    };
    for (std::size_t i = 0; i < boxes.size(); ++i) each(i, [&](std::size_t c) { ++start[c + 1]; });
    for (std::size_t c = 1; c < start.size(); ++c) start[c] += start[c - 1];
    entries.resize(start.back());
    std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < boxes.size(); ++i)
      each(i, [&](std::size_t c) { entries[next[c]++] = static_cast<std::uint32_t>(i); });
  }
};

SpatialIndex::SpatialIndex() : impl_(std::make_unique<Impl>()) {}
SpatialIndex::~SpatialIndex() = default;
SpatialIndex::SpatialIndex(SpatialIndex&&) noexcept = default;
SpatialIndex& SpatialIndex::operator=(SpatialIndex&&) noexcept = default;

void SpatialIndex::insert(const Bounds& b, int id) {
  if (b.empty()) return;
  impl_->boxes.push_back(b);
  impl_->ids.push_back(id);
  impl_->built = false;
  ++count_;
}

void SpatialIndex::prepare() {
  if (count_ > 0 && !impl_->built) impl_->build();
}

std::vector<int> SpatialIndex::query(const Bounds& b) const {
  std::vector<int> out;
  if (count_ == 0 || b.empty()) return out;
  Impl& m = *impl_;
  if (!m.built) m.build();
  const int qx0 = m.col(b.minx), qx1 = m.col(b.maxx), qy0 = m.row(b.miny), qy1 = m.row(b.maxy);
  for (int y = qy0; y <= qy1; ++y)
    for (int x = qx0; x <= qx1; ++x) {
      const std::size_t c =
          static_cast<std::size_t>(y) * static_cast<std::size_t>(m.cols) + static_cast<std::size_t>(x);
      for (std::uint32_t k = m.start[c]; k < m.start[c + 1]; ++k) {
        const std::uint32_t i = m.entries[k];
        const Bounds& e = m.boxes[i];
        if (!e.intersects(b)) continue;
        // Once: only from the first cell where the box and the query overlap.
        if (x != std::max(qx0, m.col(e.minx)) || y != std::max(qy0, m.row(e.miny))) continue;
        out.push_back(m.ids[i]);
      }
    }
  std::sort(out.begin(), out.end());  // in insertion id order, whatever the cells: ties resolve the same way
  return out;
}

}  // namespace safetymap::analysis
