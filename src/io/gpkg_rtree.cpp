#include "io/gpkg_rtree.hpp"

#include <gdal_priv.h>
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "io/gdal_errors.hpp"

namespace safetymap::io {

namespace {
std::string quoted(const std::string& name, char q) {
  std::string out(1, q);
  for (char c : name) out += c == q ? std::string(2, q) : std::string(1, c);
  return out + q;
}

// SQLite's R-tree keeps 32-bit floats, rounded outwards so a box never shrinks.
float down(double d) {
  float f = static_cast<float>(d);
  return f > d ? std::nextafter(f, -std::numeric_limits<float>::infinity()) : f;
}
float up(double d) {
  float f = static_cast<float>(d);
  return f < d ? std::nextafter(f, std::numeric_limits<float>::infinity()) : f;
}

struct Statement {
  sqlite3_stmt* s = nullptr;
  Statement(sqlite3* db, const std::string& sql) { sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr); }
  ~Statement() { sqlite3_finalize(s); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool run() {
    bool ok = sqlite3_step(s) == SQLITE_DONE;
    sqlite3_reset(s);
    return ok;
  }
};

bool exec(sqlite3* db, const std::string& sql, std::string& error) {
  char* msg = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &msg) == SQLITE_OK) return true;
  error = msg ? msg : sqlite3_errmsg(db);
  sqlite3_free(msg);
  return false;
}

std::string text(sqlite3* db, const std::string& sql, const std::string& param) {
  Statement st(db, sql);
  if (!st.s) return {};
  sqlite3_bind_text(st.s, 1, param.c_str(), -1, SQLITE_TRANSIENT);
  std::string out;
  if (sqlite3_step(st.s) == SQLITE_ROW)
    if (const unsigned char* t = sqlite3_column_text(st.s, 0)) out = reinterpret_cast<const char*>(t);
  return out;
}

using Entry = PackedRtree::Entry;
using Node = std::vector<Entry>;

Entry boundsOf(const Node& n, std::int64_t id) {
  Entry b{id, n[0].minX, n[0].maxX, n[0].minY, n[0].maxY};
  for (const auto& e : n) {
    b.minX = std::min(b.minX, e.minX), b.maxX = std::max(b.maxX, e.maxX);
    b.minY = std::min(b.minY, e.minY), b.maxY = std::max(b.maxY, e.maxY);
  }
  return b;
}

// Sort-tile-recursive packing of one level: vertical slabs by x, each cut into full nodes by y.
std::vector<Node> tile(std::vector<Entry>& items, size_t capacity) {
  const size_t nodes = (items.size() + capacity - 1) / capacity;
  const size_t slabs = static_cast<size_t>(std::ceil(std::sqrt(static_cast<double>(nodes))));
  const size_t perSlab = slabs * capacity;
  auto cx = [](const Entry& e) { return e.minX + e.maxX; };
  auto cy = [](const Entry& e) { return e.minY + e.maxY; };
  std::sort(items.begin(), items.end(), [&](const Entry& a, const Entry& b) { return cx(a) < cx(b); });
  std::vector<Node> out;
  out.reserve(nodes);
  for (size_t s = 0; s < items.size(); s += perSlab) {
    auto first = items.begin() + static_cast<std::ptrdiff_t>(s);
    auto last = items.begin() + static_cast<std::ptrdiff_t>(std::min(items.size(), s + perSlab));
    std::sort(first, last, [&](const Entry& a, const Entry& b) { return cy(a) < cy(b); });
    for (auto it = first; it < last; it += static_cast<std::ptrdiff_t>(std::min<size_t>(capacity, last - it)))
      out.emplace_back(it, it + static_cast<std::ptrdiff_t>(std::min<size_t>(capacity, last - it)));
  }
  return out;
}

void putBig(unsigned char* p, std::uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i, v >>= 8) p[i] = static_cast<unsigned char>(v & 0xff);
}
void putFloat(unsigned char* p, float f) {
  std::uint32_t bits;
  std::memcpy(&bits, &f, 4);
  putBig(p, bits, 4);
}
}  // namespace

std::unique_ptr<PackedRtree> PackedRtree::begin(GDALDataset& ds, const std::string& table,
                                                const std::string& geomColumn, std::string& error) {
  auto* db = static_cast<sqlite3*>(ds.GetInternalHandle("SQLITE_HANDLE"));
  if (!db) {
    error = "the file's SQLite connection is not reachable";
    return nullptr;
  }
  GdalErrorCapture errors;
  OGRLayer* result = ds.ExecuteSQL(
      ("SELECT CreateSpatialIndex(" + quoted(table, '\'') + ", " + quoted(geomColumn, '\'') + ")").c_str(), nullptr,
      nullptr);
  if (result) ds.ReleaseResultSet(result);
  std::unique_ptr<PackedRtree> r(new PackedRtree);
  r->db_ = db;
  r->rtree_ = "rtree_" + table + "_" + geomColumn;
  // All the index's triggers are held back, not only the insert one: GDAL (3.7 on) defers its own R-tree updates
  // within a transaction once it finds the set of triggers it expects, and would then add every row again.
  const std::string prefix = r->rtree_ + "_";
  Statement triggers(db, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND substr(name, 1, ?2) = ?1");
  if (triggers.s) {
    sqlite3_bind_text(triggers.s, 1, prefix.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(triggers.s, 2, static_cast<int>(prefix.size()));
    while (sqlite3_step(triggers.s) == SQLITE_ROW)
      r->triggers_.push_back({reinterpret_cast<const char*>(sqlite3_column_text(triggers.s, 0)),
                              reinterpret_cast<const char*>(sqlite3_column_text(triggers.s, 1))});
  }
  const bool inserts = std::any_of(r->triggers_.begin(), r->triggers_.end(),
                                   [&](const auto& t) { return t.first == prefix + "insert"; });
  if (!inserts) {
    error = "GDAL made no spatial index" + (errors.last().empty() ? std::string() : ": " + errors.last());
    return nullptr;
  }
  if (!text(db, "SELECT 1 FROM " + quoted(r->rtree_ + "_rowid", '"') + " LIMIT ?", "1").empty()) {
    error = "the spatial index " + r->rtree_ + " is not empty";
    return nullptr;
  }
  for (const auto& [name, sql] : r->triggers_)
    if (!exec(db, "DROP TRIGGER " + quoted(name, '"'), error)) return nullptr;
  return r;
}

PackedRtree::~PackedRtree() = default;

void PackedRtree::add(std::int64_t fid, double minX, double maxX, double minY, double maxY) {
  entries_.push_back({fid, down(minX), up(maxX), down(minY), up(maxY)});
}

bool PackedRtree::finish(std::string& error) {
  if (finished_) return true;
  const std::string node = quoted(rtree_ + "_node", '"');
  // A node's size is SQLite's choice (from the page size), read back from the empty root it wrote.
  const size_t nodeBytes =
      static_cast<size_t>(std::atoi(text(db_, "SELECT length(data) FROM " + node + " WHERE nodeno = ?", "1").c_str()));
  constexpr size_t kCellBytes = 8 + 4 * 4;  // the id, then min/max of x and y
  const size_t capacity = nodeBytes > 4 ? (nodeBytes - 4) / kCellBytes : 0;
  if (capacity < 2) {
    error = "the R-tree " + rtree_ + " has no root node to fill";
    return false;
  }
  if (!entries_.empty()) {
    // Levels from the leaves up; a cell's id is a feature's fid in a leaf, else its child's index one level down.
    std::vector<std::vector<Node>> levels;
    const size_t leaves = entries_.size();
    std::vector<Entry> items = std::move(entries_);
    for (;;) {
      levels.push_back(tile(items, capacity));
      if (levels.back().size() == 1) break;
      items.clear();
      for (size_t i = 0; i < levels.back().size(); ++i)
        items.push_back(boundsOf(levels.back()[i], static_cast<std::int64_t>(i)));
    }
    // Node numbers top down: the root is 1 (where SQLite looks for it), then each level in turn.
    const size_t top = levels.size() - 1;
    std::vector<std::int64_t> first(levels.size());
    std::int64_t next = 2;
    for (size_t l = top; l-- > 0;) first[l] = next, next += static_cast<std::int64_t>(levels[l].size());
    auto number = [&](size_t level, size_t i) {
      return level == top ? std::int64_t{1} : first[level] + static_cast<std::int64_t>(i);
    };
    Statement root(db_, "UPDATE " + node + " SET data = ?1 WHERE nodeno = 1"),
        other(db_, "INSERT INTO " + node + " (nodeno, data) VALUES (?2, ?1)"),
        parent(db_, "INSERT INTO " + quoted(rtree_ + "_parent", '"') + " (nodeno, parentnode) VALUES (?, ?)"),
        rowid(db_, "INSERT INTO " + quoted(rtree_ + "_rowid", '"') + " (rowid, nodeno) VALUES (?, ?)");
    if (!root.s || !other.s || !parent.s || !rowid.s) {
      error = std::string("cannot write the R-tree ") + rtree_ + ": " + sqlite3_errmsg(db_);
      return false;
    }
    std::vector<unsigned char> blob(nodeBytes);
    std::vector<std::pair<std::int64_t, std::int64_t>> leafOf, parentOf;  // a feature's leaf, a node's parent
    leafOf.reserve(leaves);
    for (size_t l = 0; l < levels.size(); ++l)
      for (size_t i = 0; i < levels[l].size(); ++i) {
        const Node& n = levels[l][i];
        const std::int64_t self = number(l, i);
        std::fill(blob.begin(), blob.end(), 0);
        if (self == 1) putBig(blob.data(), top, 2);  // the root holds the tree's depth
        putBig(blob.data() + 2, n.size(), 2);
        for (size_t c = 0; c < n.size(); ++c) {
          unsigned char* p = blob.data() + 4 + c * kCellBytes;
          const std::int64_t id = l == 0 ? n[c].id : number(l - 1, static_cast<size_t>(n[c].id));
          putBig(p, static_cast<std::uint64_t>(id), 8);
          putFloat(p + 8, n[c].minX), putFloat(p + 12, n[c].maxX), putFloat(p + 16, n[c].minY),
              putFloat(p + 20, n[c].maxY);
          (l == 0 ? leafOf : parentOf).push_back({id, self});
        }
        Statement& write = self == 1 ? root : other;
        sqlite3_bind_blob(write.s, 1, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
        if (self != 1) sqlite3_bind_int64(write.s, 2, self);
        if (!write.run()) {
          error = std::string("cannot write the R-tree ") + rtree_ + ": " + sqlite3_errmsg(db_);
          return false;
        }
      }
    // In id order: each row then goes at the end of its table's B-tree, not somewhere inside it.
    for (auto* links : {&leafOf, &parentOf}) {
      std::sort(links->begin(), links->end());
      Statement& link = links == &leafOf ? rowid : parent;
      for (auto [id, node] : *links) {
        sqlite3_bind_int64(link.s, 1, id);
        sqlite3_bind_int64(link.s, 2, node);
        if (!link.run()) {
          error = std::string("cannot write the R-tree ") + rtree_ + ": " + sqlite3_errmsg(db_);
          return false;
        }
      }
    }
  }
  for (const auto& [name, sql] : triggers_)
    if (!exec(db_, sql, error)) return false;
  finished_ = true;
  return true;
}

}  // namespace safetymap::io
