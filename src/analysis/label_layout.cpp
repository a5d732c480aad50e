#include "analysis/label_layout.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace safetymap::analysis {

namespace {
// A coarse grid of placed boxes, so each test looks only at its neighbours.
class OccupancyGrid {
 public:
  explicit OccupancyGrid(double cell) : cell_(cell) {}
  bool overlaps(const Bounds& b) const {
    for (long gx = key(b.minx); gx <= key(b.maxx); ++gx)
      for (long gy = key(b.miny); gy <= key(b.maxy); ++gy) {
        auto it = cells_.find(pack(gx, gy));
        if (it == cells_.end()) continue;
        for (const auto& o : it->second)
          if (o.intersects(b)) return true;
      }
    return false;
  }
  void add(const Bounds& b) {
    for (long gx = key(b.minx); gx <= key(b.maxx); ++gx)
      for (long gy = key(b.miny); gy <= key(b.maxy); ++gy) cells_[pack(gx, gy)].push_back(b);
  }

 private:
  long key(double v) const { return static_cast<long>(std::floor(v / cell_)); }
  static long long pack(long x, long y) { return (static_cast<long long>(x) << 32) ^ (y & 0xffffffff); }
  double cell_;
  std::unordered_map<long long, std::vector<Bounds>> cells_;
};
}  // namespace

std::vector<PlacedLabel> layoutLabels(std::vector<LabelCandidate> cands, double w, double h, double pad) {
  std::stable_sort(cands.begin(), cands.end(),
                   [](const LabelCandidate& a, const LabelCandidate& b) { return a.priority > b.priority; });
  OccupancyGrid grid(64);
  std::vector<PlacedLabel> out;
  for (const auto& c : cands) {
    std::vector<Vec2> origins;  // top-left corners to try
    if (c.offset <= 0) {
      origins.push_back({c.anchor.x - c.size.x / 2, c.anchor.y - c.size.y / 2});
    } else {
      double o = c.offset;
      origins = {{c.anchor.x + o, c.anchor.y - c.size.y / 2},             // right
                 {c.anchor.x - o - c.size.x, c.anchor.y - c.size.y / 2},  // left
                 {c.anchor.x - c.size.x / 2, c.anchor.y - o - c.size.y},  // above
                 {c.anchor.x - c.size.x / 2, c.anchor.y + o}};            // below
    }
    for (auto o : origins) {
      Bounds box{o.x, o.y, o.x + c.size.x, o.y + c.size.y};
      if (box.minx < 0 || box.miny < 0 || box.maxx > w || box.maxy > h) continue;
      Bounds padded{box.minx - pad, box.miny - pad, box.maxx + pad, box.maxy + pad};
      if (grid.overlaps(padded)) continue;
      grid.add(padded);
      out.push_back({c.text, box, c.tag});
      break;
    }
  }
  return out;
}

}  // namespace safetymap::analysis
