#include "analysis/walk_grid.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <queue>

namespace safetymap::analysis {

namespace {
// The 16 moves: 4 straight, 4 diagonal, 8 knight's moves; a knight's move needs both cells it passes walkable.
struct Move {
  int dx, dy;
  float length;  // in cells
};
constexpr float kSqrt2 = 1.41421356f, kSqrt5 = 2.23606798f;
constexpr Move kMoves[16] = {{1, 0, 1},      {-1, 0, 1},      {0, 1, 1},       {0, -1, 1},
                             {1, 1, kSqrt2}, {1, -1, kSqrt2}, {-1, 1, kSqrt2}, {-1, -1, kSqrt2},
                             {2, 1, kSqrt5}, {2, -1, kSqrt5}, {-2, 1, kSqrt5}, {-2, -1, kSqrt5},
                             {1, 2, kSqrt5}, {1, -2, kSqrt5}, {-1, 2, kSqrt5}, {-1, -2, kSqrt5}};

bool canMove(const WalkGrid& g, int x, int y, const Move& m, MoveRules rules = MoveRules::Pedestrian) {
  int nx = x + m.dx, ny = y + m.dy;
  if (nx < 0 || ny < 0 || nx >= g.width || ny >= g.height || !g.walkable[static_cast<size_t>(g.index(nx, ny))])
    return false;
  if (std::abs(m.dx) == 1 && std::abs(m.dy) == 1 && rules == MoveRules::GrassRCost) return true;
  if (std::abs(m.dx) == 1 && std::abs(m.dy) == 1)  // no cutting a corner between two blocked cells
    return g.walkable[static_cast<size_t>(g.index(x + m.dx, y))] ||
           g.walkable[static_cast<size_t>(g.index(x, y + m.dy))];
  if (std::abs(m.dx) == 2)  // the knight passes the two cells beside its path
    return g.walkable[static_cast<size_t>(g.index(x + m.dx / 2, y))] &&
           g.walkable[static_cast<size_t>(g.index(x + m.dx / 2, y + m.dy))];
  if (std::abs(m.dy) == 2)
    return g.walkable[static_cast<size_t>(g.index(x, y + m.dy / 2))] &&
           g.walkable[static_cast<size_t>(g.index(x + m.dx, y + m.dy / 2))];
  return true;
}

struct Entry {
  float d;
  std::int32_t cell;
  std::int16_t src;
};

// Which of the 16 moves each cell allows, once per walk: a cell is left up to k times by the k-nearest walk.
std::vector<std::uint16_t> allowedMoves(const WalkGrid& g) {
  std::vector<std::uint16_t> mask(g.walkable.size(), 0);
  for (int y = 0; y < g.height; ++y)
    for (int x = 0; x < g.width; ++x) {
      if (!g.walkable[static_cast<size_t>(g.index(x, y))]) continue;
      std::uint16_t m = 0;
      for (int i = 0; i < 16; ++i)
        if (canMove(g, x, y, kMoves[i])) m = static_cast<std::uint16_t>(m | (1u << i));
      mask[static_cast<size_t>(g.index(x, y))] = m;
    }
  return mask;
}

// Dial's bucket queue: buckets one straight step (a cell) wide. Every move is at least a cell long, so a
// relaxation from bucket b lands in a later bucket, every label of bucket b is known before b is taken,
// and the order inside a bucket does not matter: as exact as a binary heap, with O(1) push and pop.
class BucketQueue {
 public:
  explicit BucketQueue(double width) : inv_(1.0 / (width * (1 - 1e-6))) {}
  void push(const Entry& e) {
    size_t b = std::max(current_, static_cast<size_t>(static_cast<double>(e.d) * inv_));
    if (b >= buckets_.size()) buckets_.resize(b + 1);
    buckets_[b].push_back(e);
  }
  bool pop(Entry& e) {
    while (current_ < buckets_.size()) {
      std::vector<Entry>& v = buckets_[current_];
      if (next_ < v.size()) {
        e = v[next_++];
        return true;
      }
      std::vector<Entry>().swap(v);  // this bucket is done: give its memory back
      ++current_;
      next_ = 0;
    }
    return false;
  }

 private:
  double inv_;
  std::vector<std::vector<Entry>> buckets_;
  size_t current_ = 0, next_ = 0;
};
}  // namespace

std::optional<int> WalkGrid::cellAt(Vec2 p) const {
  int x = static_cast<int>(std::floor((p.x - extent.minx) / cell));
  int y = static_cast<int>(std::floor((extent.maxy - p.y) / cell));
  if (x < 0 || y < 0 || x >= width || y >= height) return std::nullopt;
  return index(x, y);
}

std::optional<int> WalkGrid::nearestWalkable(Vec2 p, double maxDistance) const {
  auto c = cellAt(p);
  if (!c) return std::nullopt;
  int cx = col(*c), cy = row(*c), r = static_cast<int>(std::ceil(maxDistance / cell));
  std::optional<int> best;
  double bestD = maxDistance * maxDistance;
  for (int dy = -r; dy <= r; ++dy)
    for (int dx = -r; dx <= r; ++dx) {
      int x = cx + dx, y = cy + dy;
      if (x < 0 || y < 0 || x >= width || y >= height || !walkable[static_cast<size_t>(index(x, y))]) continue;
      Vec2 q = centre(index(x, y));
      double d = (q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y);
      if (d <= bestD) bestD = d, best = index(x, y);
    }
  return best;
}

std::size_t WalkGrid::walkableCount() const {
  std::size_t n = 0;
  for (auto w : walkable) n += w;
  return n;
}

DistanceField walkDistances(const WalkGrid& g, const std::vector<int>& sources, double maxDistance, MoveRules rules) {
  const size_t n = static_cast<size_t>(g.width) * g.height;
  DistanceField f;
  f.distance.assign(n, kUnreachable);
  f.previous.assign(n, -1);
  f.source.assign(n, -1);
  BucketQueue heap(g.cell);
  for (size_t s = 0; s < sources.size(); ++s) {
    int c = sources[s];
    if (c < 0 || static_cast<size_t>(c) >= n || !g.walkable[static_cast<size_t>(c)]) continue;
    if (f.distance[static_cast<size_t>(c)] == 0) continue;  // two sources on one cell: the first keeps it
    f.distance[static_cast<size_t>(c)] = 0;
    f.source[static_cast<size_t>(c)] = static_cast<std::int16_t>(s);
    heap.push({0, c, static_cast<std::int16_t>(s)});
  }
  const float cell = static_cast<float>(g.cell), limit = static_cast<float>(maxDistance);
  for (Entry e; heap.pop(e);) {
    if (e.d > f.distance[static_cast<size_t>(e.cell)]) continue;
    int x = g.col(e.cell), y = g.row(e.cell);
    for (const Move& m : kMoves) {
      if (!canMove(g, x, y, m, rules)) continue;
      int next = g.index(x + m.dx, y + m.dy);
      float d = e.d + m.length * cell;
      if (d > limit || d >= f.distance[static_cast<size_t>(next)]) continue;
      f.distance[static_cast<size_t>(next)] = d;
      f.previous[static_cast<size_t>(next)] = e.cell;
      f.source[static_cast<size_t>(next)] = e.src;
      heap.push({d, next, e.src});
    }
  }
  return f;
}

NearestSources kNearestSources(const WalkGrid& g, const std::vector<int>& sources, int k, double maxDistance,
                               const std::vector<int>* needed) {
  // Label-setting Dijkstra with up to k labels (distinct sources) per cell. Each cell keeps its k best
  // known labels; a relaxation that cannot improve them is never pushed, so the heap stays small.
  const size_t n = static_cast<size_t>(g.width) * g.height, K = static_cast<size_t>(std::clamp(k, 1, 8));
  NearestSources r;
  r.k = static_cast<int>(K);
  r.distance.assign(n * K, kUnreachable);
  r.source.assign(n * K, -1);
  std::vector<std::uint8_t> settled(n, 0);  // bit j: slot j is final
  const std::vector<std::uint16_t> moves = allowedMoves(g);
  BucketQueue heap(g.cell);
  auto offer = [&](size_t c, std::int16_t src, float d) {
    float* dist = &r.distance[c * K];
    std::int16_t* s = &r.source[c * K];
    int worst = -1;
    for (size_t j = 0; j < K; ++j) {
      if (s[j] == src) {  // the same source again: only a shorter way counts
        if (d >= dist[j] || (settled[c] >> j & 1)) return;
        dist[j] = d;
        heap.push({d, static_cast<std::int32_t>(c), src});
        return;
      }
      if (!(settled[c] >> j & 1) && (worst < 0 || dist[j] > dist[static_cast<size_t>(worst)]))
        worst = static_cast<int>(j);
    }
    if (worst < 0 || d >= dist[static_cast<size_t>(worst)]) return;  // k better labels already
    dist[worst] = d;
    s[worst] = src;
    heap.push({d, static_cast<std::int32_t>(c), src});
  };
  for (size_t s = 0; s < sources.size(); ++s)
    if (sources[s] >= 0 && static_cast<size_t>(sources[s]) < n && g.walkable[static_cast<size_t>(sources[s])])
      offer(static_cast<size_t>(sources[s]), static_cast<std::int16_t>(s), 0);
  // The cells the caller needs: once each has k final labels, nothing later can change them.
  std::vector<std::uint8_t> wanted;
  size_t remaining = 0;
  if (needed) {
    wanted.assign(n, 0);
    for (int c : *needed)
      if (c >= 0 && static_cast<size_t>(c) < n && g.walkable[static_cast<size_t>(c)] && !wanted[static_cast<size_t>(c)])
        wanted[static_cast<size_t>(c)] = 1, ++remaining;
  }
  const std::uint8_t full = static_cast<std::uint8_t>((1u << K) - 1);
  const float cell = static_cast<float>(g.cell), limit = static_cast<float>(maxDistance);
  for (Entry e; heap.pop(e);) {
    size_t c = static_cast<size_t>(e.cell);
    size_t j = 0;
    while (j < K && !(r.source[c * K + j] == e.src && r.distance[c * K + j] == e.d)) ++j;
    if (j == K || (settled[c] >> j & 1)) continue;  // a stale entry
    settled[c] |= static_cast<std::uint8_t>(1u << j);
    if (needed && wanted[c] && settled[c] == full && --remaining == 0) break;
    const int x = g.col(e.cell), y = g.row(e.cell);
    for (std::uint32_t m = moves[c]; m; m &= m - 1) {
      const Move& mv = kMoves[std::countr_zero(m)];
      float d = e.d + mv.length * cell;
      if (d <= limit) offer(static_cast<size_t>(g.index(x + mv.dx, y + mv.dy)), e.src, d);
    }
  }
  // Each cell's labels, nearest first.
  for (size_t c = 0; c < n; ++c) {
    if (needed && !wanted[c]) continue;
    std::pair<float, std::int16_t> labels[8];
    for (size_t j = 0; j < K; ++j) labels[j] = {r.distance[c * K + j], r.source[c * K + j]};
    std::sort(labels, labels + K, [](auto& a, auto& b) { return a.first < b.first; });
    for (size_t j = 0; j < K; ++j)
      r.distance[c * K + j] = labels[j].first,
                         r.source[c * K + j] = labels[j].first == kUnreachable ? -1 : labels[j].second;
  }
  return r;
}

std::vector<Vec2> traceRoute(const WalkGrid& g, const DistanceField& f, int from) {
  std::vector<Vec2> route;
  if (from < 0 || f.distance[static_cast<size_t>(from)] == kUnreachable) return route;
  for (int c = from; c >= 0; c = f.previous[static_cast<size_t>(c)]) {
    route.push_back(g.centre(c));
    if (route.size() > static_cast<size_t>(g.width) * g.height) break;  // never loops, but never hangs either
  }
  return route;
}

}  // namespace safetymap::analysis
