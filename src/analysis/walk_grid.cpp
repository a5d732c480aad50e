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

// How many sources each cell can reach at all (capped at k): the moves are symmetric, so that is the number
// of sources in its connected part of the street, found by one flood per part.
std::vector<std::uint8_t> reachableSources(const WalkGrid& g, const MoveMask& moves, const std::vector<int>& sources,
                                           std::uint8_t k) {
  const size_t n = g.walkable.size();
  std::vector<std::int32_t> part(n, -1);
  std::vector<std::uint8_t> perPart;
  std::vector<std::int32_t> stack;
  for (int s : sources) {
    if (s < 0 || static_cast<size_t>(s) >= n || !g.walkable[static_cast<size_t>(s)]) continue;
    if (part[static_cast<size_t>(s)] >= 0) {
      auto& c = perPart[static_cast<size_t>(part[static_cast<size_t>(s)])];
      c = std::min<std::uint8_t>(k, static_cast<std::uint8_t>(c + 1));
      continue;
    }
    const auto id = static_cast<std::int32_t>(perPart.size());
    perPart.push_back(1);
    part[static_cast<size_t>(s)] = id;
    stack.assign(1, s);
    while (!stack.empty()) {
      const int c = stack.back();
      stack.pop_back();
      const int x = g.col(c), y = g.row(c);
      for (std::uint32_t m = moves[static_cast<size_t>(c)]; m; m &= m - 1) {
        const Move& mv = kMoves[std::countr_zero(m)];
        const int next = g.index(x + mv.dx, y + mv.dy);
        if (part[static_cast<size_t>(next)] < 0) part[static_cast<size_t>(next)] = id, stack.push_back(next);
      }
    }
  }
  std::vector<std::uint8_t> count(n, 0);
  for (size_t c = 0; c < n; ++c)
    if (part[c] >= 0) count[c] = perPart[static_cast<size_t>(part[c])];
  return count;
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

MoveMask pedestrianMoves(const WalkGrid& g) {
  MoveMask mask(g.walkable.size(), 0);
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

DistanceField walkDistances(const WalkGrid& g, const std::vector<int>& sources, double maxDistance, MoveRules rules,
                            const MoveMask* moves) {
  if (rules != MoveRules::Pedestrian) moves = nullptr;
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
    const int x = g.col(e.cell), y = g.row(e.cell);
    auto relax = [&](const Move& m) {
      const int next = g.index(x + m.dx, y + m.dy);
      const float d = e.d + m.length * cell;
      if (d > limit || d >= f.distance[static_cast<size_t>(next)]) return;
      f.distance[static_cast<size_t>(next)] = d;
      f.previous[static_cast<size_t>(next)] = e.cell;
      f.source[static_cast<size_t>(next)] = e.src;
      heap.push({d, next, e.src});
    };
    if (moves) {
      for (std::uint32_t m = (*moves)[static_cast<size_t>(e.cell)]; m; m &= m - 1) relax(kMoves[std::countr_zero(m)]);
    } else {
      for (const Move& m : kMoves)
        if (canMove(g, x, y, m, rules)) relax(m);
    }
  }
  return f;
}

namespace {
// Label-setting Dijkstra with up to K labels (distinct sources) per cell. Each cell keeps its K best
// known labels together in one record (28 bytes for K = 4: a cell is visited up to 16K times);
// a relaxation that cannot improve them is never pushed, so the queue stays small.
template <size_t K>
NearestSources kNearest(const WalkGrid& g, const std::vector<int>& sources, double maxDistance,
                        const std::vector<int>* needed, const MoveMask* movesIn) {
  const size_t n = static_cast<size_t>(g.width) * g.height;
  struct Labels {
    float d[K];
    std::int16_t s[K];
    std::uint8_t settled = 0;  // bit j: label j is final
  };
  std::vector<Labels> labels(n);
  for (auto& l : labels) std::fill(l.d, l.d + K, kUnreachable), std::fill(l.s, l.s + K, std::int16_t{-1});
  MoveMask own;
  if (!movesIn) own = pedestrianMoves(g);
  const MoveMask& moves = movesIn ? *movesIn : own;
  BucketQueue heap(g.cell);
  auto offer = [&](size_t c, std::int16_t src, float d) {
    Labels& l = labels[c];
    int worst = -1;
    for (size_t j = 0; j < K; ++j) {
      if (l.s[j] == src) {  // the same source again: only a shorter way counts
        if (d >= l.d[j] || (l.settled >> j & 1)) return;
        l.d[j] = d;
        heap.push({d, static_cast<std::int32_t>(c), src});
        return;
      }
      if (!(l.settled >> j & 1) && (worst < 0 || l.d[j] > l.d[static_cast<size_t>(worst)])) worst = static_cast<int>(j);
    }
    if (worst < 0 || d >= l.d[static_cast<size_t>(worst)]) return;  // k better labels already
    l.d[worst] = d;
    l.s[worst] = src;
    heap.push({d, static_cast<std::int32_t>(c), src});
  };
  for (size_t s = 0; s < sources.size(); ++s)
    if (sources[s] >= 0 && static_cast<size_t>(sources[s]) < n && g.walkable[static_cast<size_t>(sources[s])])
      offer(static_cast<size_t>(sources[s]), static_cast<std::int16_t>(s), 0);
  // The cells the caller needs: once each has its final labels (k, or every source it can reach at all),
  // nothing later can change them.
  std::vector<std::uint8_t> isNeeded, want;  // want: labels still to settle at a needed cell
  size_t remaining = 0;
  if (needed) {
    isNeeded.assign(n, 0);
    want.assign(n, 0);
    const auto reach = reachableSources(g, moves, sources, static_cast<std::uint8_t>(K));
    for (int c : *needed) {
      if (c < 0 || static_cast<size_t>(c) >= n || isNeeded[static_cast<size_t>(c)]) continue;
      isNeeded[static_cast<size_t>(c)] = 1;
      if ((want[static_cast<size_t>(c)] = reach[static_cast<size_t>(c)]) > 0) ++remaining;
    }
  }
  const float cell = static_cast<float>(g.cell), limit = static_cast<float>(maxDistance);
  for (Entry e; remaining > 0 || !needed;) {
    if (!heap.pop(e)) break;
    const size_t c = static_cast<size_t>(e.cell);
    Labels& l = labels[c];
    size_t j = 0;
    while (j < K && !(l.s[j] == e.src && l.d[j] == e.d)) ++j;
    if (j == K || (l.settled >> j & 1)) continue;  // a stale entry
    l.settled |= static_cast<std::uint8_t>(1u << j);
    if (needed && want[c] && --want[c] == 0) --remaining;
    const int x = g.col(e.cell), y = g.row(e.cell);
    for (std::uint32_t m = moves[c]; m; m &= m - 1) {
      const Move& mv = kMoves[std::countr_zero(m)];
      const float d = e.d + mv.length * cell;
      if (d <= limit) offer(static_cast<size_t>(g.index(x + mv.dx, y + mv.dy)), e.src, d);
    }
  }
  // Each cell's labels, nearest first.
  NearestSources r;
  r.k = static_cast<int>(K);
  r.distance.assign(n * K, kUnreachable);
  r.source.assign(n * K, -1);
  for (size_t c = 0; c < n; ++c) {
    if (needed && !isNeeded[c]) continue;
    std::pair<float, std::int16_t> sorted[K];
    for (size_t j = 0; j < K; ++j) sorted[j] = {labels[c].d[j], labels[c].s[j]};
    std::sort(sorted, sorted + K, [](auto& a, auto& b) { return a.first < b.first; });
    for (size_t j = 0; j < K; ++j)
      r.distance[c * K + j] = sorted[j].first,
                         r.source[c * K + j] = sorted[j].first == kUnreachable ? -1 : sorted[j].second;
  }
  return r;
}
}  // namespace

NearestSources kNearestSources(const WalkGrid& g, const std::vector<int>& sources, int k, double maxDistance,
                               const std::vector<int>* needed, const MoveMask* moves) {
  switch (std::clamp(k, 1, 8)) {
    case 1: return kNearest<1>(g, sources, maxDistance, needed, moves);
    case 2: return kNearest<2>(g, sources, maxDistance, needed, moves);
    case 3: return kNearest<3>(g, sources, maxDistance, needed, moves);
    case 4: return kNearest<4>(g, sources, maxDistance, needed, moves);
    case 5: return kNearest<5>(g, sources, maxDistance, needed, moves);
    case 6: return kNearest<6>(g, sources, maxDistance, needed, moves);
    case 7: return kNearest<7>(g, sources, maxDistance, needed, moves);
    default: return kNearest<8>(g, sources, maxDistance, needed, moves);
  }
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
