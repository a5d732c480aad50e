#include "jobs/importer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <map>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "analysis/district_join.hpp"
#include "analysis/sample_points.hpp"
#include "analysis/street_placement.hpp"
#include "analysis/town_match.hpp"
#include "analysis/ward_stats.hpp"
#include "io/crs.hpp"
#include "io/layer_reader.hpp"
#include "jobs/load.hpp"

namespace fs = std::filesystem;

namespace safetymap::jobs {

namespace {
// Columns the project adds to imported records (never part of the record's identity).
const std::set<std::string> kProjectFields{"approximate", "placement", "source",
                                           "record_key",  "synthetic", "imported_from"};

int ensureField(Layer& l, const std::string& name, Field::Type type = Field::Type::String) {
  int i = l.fieldIndex(name);
  if (i >= 0) return i;
  l.fields.push_back({name, type});
  for (auto& f : l.features) f.values.resize(l.fields.size());
  return static_cast<int>(l.fields.size()) - 1;
}

// Columns are looked up by name once per file, then read by index on every row (a name lookup per row
// was a third of the import of a big file).
struct Column {
  int index = -1;
  const std::string* of(const Feature& f) const {
    return index >= 0 && static_cast<size_t>(index) < f.values.size() ? &f.values[static_cast<size_t>(index)] : nullptr;
  }
};

// The first of several names the layer has, in the order given, each read per row: the first non-empty wins.
std::vector<Column> columns(const Layer& l, std::initializer_list<const char*> names) {
  std::vector<Column> out;
  for (const char* n : names)
    if (int i = l.fieldIndex(n); i >= 0) out.push_back({i});
  return out;
}

const std::string* firstValue(const Feature& f, const std::vector<Column>& cols) {
  for (const auto& c : cols)
    if (const std::string* v = c.of(f); v && !v->empty()) return v;
  return nullptr;
}

// The record's own columns, by name and index: what its key is made of.
std::vector<std::pair<std::string, Column>> ownColumns(const Layer& l, const std::vector<std::string>& own) {
  std::vector<std::pair<std::string, Column>> out;
  for (const auto& name : own) out.push_back({name, Column{l.fieldIndex(name)}});
  return out;
}

// missingAsEmpty: a column past the record's values counts as empty (a record of a layer about to gain it).
std::uint64_t keyOf(const Feature& f, const std::vector<std::pair<std::string, Column>>& own, bool missingAsEmpty) {
  // FNV-1a of "name=value\x1f" for each column, fed piece by piece (no joined string per record).
  std::uint64_t h = 1469598103934665603ull;
  auto feed = [&h](std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  };
  for (const auto& [name, c] : own)
    if (const std::string* v = c.of(f))
      feed(name), feed("="), feed(*v), feed("\x1f");
    else if (missingAsEmpty && c.index >= 0)
      feed(name), feed("="), feed("\x1f");
  return h;
}

// A key as the record_key column holds it: 16 lower-case hex digits.
void writeKey(std::uint64_t key, char* out16) {
  for (int i = 15; i >= 0; --i, key >>= 4) out16[i] = "0123456789abcdef"[key & 15];
}

std::string keyText(std::uint64_t key) {
  std::string out(16, '0');
  writeKey(key, out.data());
  return out;
}

std::optional<std::uint64_t> parseKey(const std::string* text) {
  if (!text || text->size() != 16) return std::nullopt;
  std::uint64_t key = 0;
  for (char c : *text) {
    const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (digit < 0) return std::nullopt;
    key = key << 4 | static_cast<std::uint64_t>(digit);
  }
  return key;
}

// Plane rectangular X/Y columns (Japanese survey order: X = northing, Y = easting), EPSG:6674 metres.
bool planeXY(const Feature& f, const std::vector<Column>& xs, const std::vector<Column>& ys, Vec2& out) {
  const std::string* x = firstValue(f, xs);
  const std::string* y = firstValue(f, ys);
  if (!x || !y) return false;
  char *ex = nullptr, *ey = nullptr;
  double n = std::strtod(x->c_str(), &ex), e = std::strtod(y->c_str(), &ey);
  if (ex == x->c_str() || ey == y->c_str() || std::abs(n) < 1000 || std::abs(e) < 1000) return false;
  out = {e, n};
  return true;
}
}  // namespace

std::string recordKey(const Layer& l, const Feature& f, const std::vector<std::string>& own) {
  return keyText(keyOf(f, ownColumns(l, own), false));
}

std::string ImportReport::summary(Lang lang) const {
  if (lang == Lang::Ja)
    return fmt::format(
        "{}: {}件を読み込み、{}件を「{}」に追加（町丁目内に概略配置 {}件）、重複 {}件、区外 {}件、配置できない行 "
        "{}件、取り込めない行 {}件{}",
        fs::path(file).filename().string(), rows, imported, layerId, placedByTown, duplicates, outsideWard,
        unplaced.size(), refused.size() + static_cast<size_t>(unread),
        encoding.empty() ? "" : "（文字コード: " + encoding + "）");
  return fmt::format(
      "{}: read {} records, added {} to '{}' ({} placed inside their 町丁目, approximate), {} duplicates, "
      "{} outside the ward, {} rows could not be placed, {} rows not imported{}",
      fs::path(file).filename().string(), rows, imported, layerId, placedByTown, duplicates, outsideWard,
      unplaced.size(), refused.size() + static_cast<size_t>(unread),
      encoding.empty() ? "" : " (encoding: " + encoding + ")");
}

namespace {
// The record's own columns: all but those the project adds.
std::vector<std::string> ownFields(const Layer& l) {
  std::vector<std::string> own;
  for (const auto& f : l.fields)
    if (!kProjectFields.count(f.name)) own.push_back(f.name);
  return own;
}

void keyRows(const Layer& schema, ImportSource::Piece& p) {
  const auto own = ownColumns(schema, ownFields(schema));
  const Column keyCol{schema.fieldIndex("record_key")};
  p.keys.resize(p.rows.size());
  p.keyTexts.resize(p.rows.size());
  std::string digits(p.rows.size() * 16, '0');
  std::vector<std::string_view> texts(p.rows.size());
  for (size_t i = 0; i < p.rows.size(); ++i) {
    // A record this project (or another centre's) exported keeps its key: the round trip adds nothing twice.
    const auto exported = parseKey(keyCol.of(p.rows[i]));
    p.keys[i] = exported ? *exported : keyOf(p.rows[i], own, false);
    writeKey(p.keys[i], digits.data() + 16 * i);
    texts[i] = std::string_view(digits).substr(16 * i, 16);
  }
  internTexts(texts.data(), texts.size(), p.keyTexts.data());
}
}  // namespace

void ImportSource::push(std::optional<Piece> piece) {
  {
    std::lock_guard lock(mutex_);
    pieces_.push_back(std::move(piece));
  }
  ready_.notify_one();
}

std::optional<ImportSource::Piece> ImportSource::next() {
  std::unique_lock lock(mutex_);
  ready_.wait(lock, [this] { return !pieces_.empty(); });
  if (!pieces_.front()) return std::nullopt;  // the end stays, for any later call
  Piece p = std::move(*pieces_.front());
  pieces_.pop_front();
  return p;
}

void ImportSource::read(Diagnostics& diag, JobProgress* progress) {
  // However the reading ends, the import waiting on the other side is told.
  struct End {
    ImportSource& source;
    ~End() { source.push(std::nullopt); }
  } end{*this};
  io::ReadOptions ro;
  ro.keepWithoutGeometry = true;  // rows known only by their 町丁目 are placed on import
  if (progress) ro.stopped = [progress] { return progress->stopped(); };
  const Layer* streamed = nullptr;
  std::shared_ptr<const Layer> schema;
  ro.batch = [&](Layer& l) {
    if (&l != streamed) {  // its first batch: its fields and provenance, copied (the reader goes on adding rows)
      streamed = &l;
      auto s = std::make_shared<Layer>();
      s->id = l.id;
      s->fields = l.fields;
      s->provenance = l.provenance;
      schema = std::move(s);
    }
    Piece p;
    p.schema = schema;
    p.rows = std::move(l.features);
    l.features.clear();
    keyRows(*schema, p);
    l.features.reserve(io::kBatchRows);
    push(std::move(p));
  };
  std::vector<std::shared_ptr<Layer>> layers;
  try {
    layers = jobs::readLayers(file_, diag, ro, [progress](double f) {
      if (progress) progress->set(0.9 * f);  // the rest: putting them into the project
    });
  } catch (const std::exception& e) {  // e.g. out of memory: this file is not imported, the rest goes on
    diag.error(file_, std::string("reading stopped: ") + e.what() + "; nothing of it was imported");
    return;
  }
  bool streamedRead = false;
  int next = 1;
  for (auto& l : layers) {
    const bool isStreamed = l.get() == streamed;
    streamedRead = streamedRead || isStreamed;
    Piece p;
    p.layer = isStreamed ? 0 : next++;
    p.rows = std::move(l->features);
    p.end = Piece::End::Complete;
    l->features.clear();
    keyRows(*l, p);
    p.schema = std::move(l);
    push(std::move(p));
  }
  if (streamed && !streamedRead) {  // it could not be read to its end: what came of it is dropped
    Piece p;
    p.schema = schema;
    p.end = Piece::End::Unreadable;
    push(std::move(p));
  }
}

namespace {
// What placing a record by its 町丁目 needs, made once per file (the street parts of each 町丁目 are cut when a
// record first lands there).
struct Placing {
  const Layer* chome = nullptr;
  std::unique_ptr<analysis::TownMatcher> towns;
  std::unique_ptr<analysis::StreetPlacer> streets;  // when the project has the street surfaces
  Bounds ward;
  std::unordered_map<const std::string*, analysis::TownMatch> matched;  // pooled texts: one per distinct name
  std::unordered_map<int, std::pair<TextId, TextId>> notes;  // a 町丁目's two placement notes: street, inside

  explicit Placing(const Project& p) : chome(p.layerByRole(LayerRole::Chome)), ward(p.wardBounds()) {
    if (!chome) return;
    towns = std::make_unique<analysis::TownMatcher>(*chome);
    if (const Layer* roads = p.layerByRole(LayerRole::Roads); roads && !roads->features.empty())
      streets = std::make_unique<analysis::StreetPlacer>(*chome, *roads);
  }
};

// One source layer's records: checked, keyed and placed as they arrive, and held back; they go into the project
// only when the layer was read to its end (a file that breaks half way adds nothing).
class LayerImport {
 public:
  LayerImport(const Project& p, const std::string& file, const Layer& src, Placing& placing)
      : file_(file), fileName_(fs::path(file).filename().string()), placing_(placing) {
    crimes_ = src.fieldIndex("手口") >= 0;
    if (crimes_)
      for (size_t i = 0; i < p.layers().size(); ++i)
        if (p.layers()[i]->role == LayerRole::Crimes) targetIndex_ = static_cast<int>(i);
    const Layer* target = targetIndex_ >= 0 ? p.layers()[static_cast<size_t>(targetIndex_)].get() : nullptr;
    // Real records replace the synthetic stand-in: the sample never mixes with what the police published.
    replaceSample_ = crimes_ && target && target->provenance.synthetic;
    layerId_ = target ? target->id : fs::path(file).stem().string();
    if (target) fields_ = target->fields;
    // The record's own columns, then the project's: the target's fields as they will be.
    const std::vector<std::string> own = ownFields(src);
    for (const auto& f : src.fields)
      if (!kProjectFields.count(f.name)) plan(f.name, f.type);
    fApprox_ = plan("approximate", Field::Type::Boolean);
    fPlacement_ = plan("placement");
    fSource_ = plan("source");
    fKey_ = plan("record_key");
    fFrom_ = plan("imported_from");
    fSynthetic_ = plan("synthetic", Field::Type::Boolean);
    if (target) {
      // Records loaded before keys existed are keyed by their values, a column they lack counted as empty (as
      // it will be once the column is added).
      std::vector<std::pair<std::string, Column>> targetOwn;
      for (const auto& name : own) targetOwn.push_back({name, Column{fieldIndex(name)}});
      const bool gainsColumns = fields_.size() > target->fields.size();
      const Column synthetic{target->fieldIndex("synthetic")}, recordKey{target->fieldIndex("record_key")};
      existing_.reserve(target->features.size());
      for (const auto& f : target->features) {
        if (const std::string* s = synthetic.of(f); replaceSample_ && s && isTruthy(*s)) continue;
        // A key no import made (not 16 hex digits) can match no record: a record's own is made or checked so.
        if (const std::string* key = recordKey.of(f); key && !key->empty()) {
          if (auto k = parseKey(key)) existing_.insert(*k);
        } else {
          existing_.insert(keyOf(f, targetOwn, gainsColumns));
        }
      }
    }
    cityCol_ = {src.fieldIndex("市区町村（発生地）")};
    codeCol_ = {src.fieldIndex("市区町村コード（発生地）")};
    dateCol_ = {src.fieldIndex(analysis::kCrimeDateField)};
    xCols_ = columns(src, {"X座標", "X", "x"});
    yCols_ = columns(src, {"Y座標", "Y", "y"});
    townCols_ = columns(src, {"町丁目（発生地）", "町丁目", "住所", "所在地", "address"});
    toTarget_.resize(src.fields.size());
    for (size_t i = 0; i < src.fields.size(); ++i) toTarget_[i] = fieldIndex(src.fields[i].name);
    csv_ = !src.provenance.encoding.empty();
    // Texts every row shares, interned once (a record's values are ids into the text pool).
    fileText_ = internText(fileName_);
    no_ = internText("0");
    yes_ = internText("1");
    byPlane_ = internText("平面直角座標（第VI系）/ plane coordinates");
    byCoordinates_ = internText("座標 / coordinates");
  }

  void add(ImportSource::Piece& piece);
  void apply(Project& p, const Layer& src, ImportReport& r, Diagnostics& diag);

 private:
  int fieldIndex(const std::string& name) const {
    for (size_t i = 0; i < fields_.size(); ++i)
      if (fields_[i].name == name) return static_cast<int>(i);
    return -1;
  }
  int plan(const std::string& name, Field::Type type = Field::Type::String) {
    if (int i = fieldIndex(name); i >= 0) return i;
    fields_.push_back({name, type});
    return static_cast<int>(fields_.size()) - 1;
  }
  bool placeByTown(const Feature& sf, int rowNumber, std::uint64_t seed, Feature& f);

  const std::string& file_;
  const std::string fileName_;
  Placing& placing_;
  bool crimes_ = false, replaceSample_ = false, csv_ = false;
  int targetIndex_ = -1;  // the project's layer the records go to; -1: a new layer
  std::string layerId_;
  std::vector<Field> fields_;  // the target's fields once the import is applied
  int fApprox_ = -1, fPlacement_ = -1, fSource_ = -1, fKey_ = -1, fFrom_ = -1, fSynthetic_ = -1;
  std::unordered_set<std::uint64_t> existing_;  // keys of the records there, and of those taken from this file
  Column cityCol_, codeCol_, dateCol_;
  std::vector<Column> xCols_, yCols_, townCols_;
  std::vector<int> toTarget_;
  TextId fileText_{}, no_{}, yes_{}, byPlane_{}, byCoordinates_{};
  // What this layer gives, counted as the report counts it.
  std::vector<std::vector<Feature>> taken_;  // per batch read: moved once, into the project (not as a vector grows)
  size_t takenCount_ = 0;
  int rows_ = 0, placedByTown_ = 0, duplicates_ = 0, outsideWard_ = 0;
  std::vector<std::pair<int, std::string>> unplaced_, refused_;
  std::vector<int> outsideCoordinates_;
  std::map<std::string, int> otherPlaces_;
};

bool LayerImport::placeByTown(const Feature& sf, int rowNumber, std::uint64_t seed, Feature& f) {
  const std::string* town = firstValue(sf, townCols_);
  if (!placing_.towns) {
    unplaced_.push_back({rowNumber, "no coordinates, and no 町丁目 layer to place it by"});
    return false;
  }
  auto known = placing_.matched.find(town);
  if (known == placing_.matched.end())
    known = placing_.matched.emplace(town, placing_.towns->match(town ? *town : "")).first;
  const analysis::TownMatch& m = known->second;
  if (m.feature < 0) {
    unplaced_.push_back({rowNumber, m.reason});
    return false;
  }
  f.geometry.type = GeometryType::Point;
  f.values.setId(static_cast<size_t>(fApprox_), yes_);
  auto note = placing_.notes.find(m.feature);
  if (note == placing_.notes.end())
    note = placing_.notes
               .emplace(m.feature, std::pair{internText("町丁目「" + m.town +
                                                        "」内の道路上の点（概略）/ a point on a street inside " +
                                                        m.town + " (approximate)"),
                                             internText("町丁目「" + m.town + "」内の点（概略）/ a point inside " +
                                                        m.town + " (approximate)")})
               .first;
  if (auto onStreet = placing_.streets ? placing_.streets->place(m.feature, seed) : std::nullopt) {
    f.geometry.points = {*onStreet};
    f.values.setId(static_cast<size_t>(fPlacement_), note->second.first);
  } else {
    const Feature& cf = placing_.chome->features[static_cast<size_t>(m.feature)];
    f.geometry.points = {analysis::pointInside(cf.geometry, seed)};
    f.values.setId(static_cast<size_t>(fPlacement_), note->second.second);
  }
  ++placedByTown_;
  return true;
}

void LayerImport::add(ImportSource::Piece& piece) {
  std::vector<Feature>& taken = taken_.emplace_back();
  taken.reserve(piece.rows.size());
  for (size_t n = 0; n < piece.rows.size(); ++n) {
    const Feature& sf = piece.rows[n];
    ++rows_;
    // CSV: the line the record starts on (the header is line 1), as the reader numbered it.
    const int rowNumber = csv_ ? static_cast<int>(sf.fid) : rows_;
    if (cityCol_.index >= 0) {  // a police file: keep Minato Ward's records
      const std::string* city = cityCol_.of(sf);
      const std::string* code = codeCol_.of(sf);
      bool noCity = !city || city->empty(), noCode = !code || code->empty();
      if (noCity && noCode) {  // reported, never guessed from the 町丁目 alone
        unplaced_.push_back({rowNumber, "no municipality (市区町村) given: not placed"});
        continue;
      }
      bool minato = noCity ? code->rfind("27107", 0) == 0 : city->find("港区") != std::string::npos;
      if (!minato) {
        ++outsideWard_;
        otherPlaces_[noCity ? "code " + *code : *city]++;
        continue;
      }
    }
    if (crimes_)
      if (const std::string* date = dateCol_.of(sf))
        if (std::string why = analysis::dateProblem(*date); !why.empty()) {
          refused_.push_back({rowNumber, why});
          continue;
        }
    // A record this project (or another centre's) exported keeps its key: the round trip adds nothing twice.
    const std::uint64_t key = piece.keys[n];
    if (existing_.count(key)) {
      ++duplicates_;
      continue;
    }
    Feature f;
    f.values.assign(fields_.size(), "");
    for (size_t i = 0; i < toTarget_.size() && i < sf.values.size(); ++i)
      if (int ti = toTarget_[i]; ti >= 0) f.values.setId(static_cast<size_t>(ti), sf.values.id(i));
    f.values.setId(static_cast<size_t>(fKey_), piece.keyTexts[n]);
    f.values.setId(static_cast<size_t>(fFrom_), fileText_);
    f.values.setId(static_cast<size_t>(fSynthetic_), no_);
    f.values.setId(static_cast<size_t>(fSource_), fileText_);
    f.geometry = sf.geometry;
    Vec2 plane;
    if (f.geometry.empty() && planeXY(sf, xCols_, yCols_, plane)) {
      f.geometry.type = GeometryType::Point;
      f.geometry.points = {plane};
      f.values.setId(static_cast<size_t>(fPlacement_), byPlane_);
      f.values.setId(static_cast<size_t>(fApprox_), no_);
    } else if (!f.geometry.empty()) {
      f.values.setId(static_cast<size_t>(fPlacement_), byCoordinates_);
      f.values.setId(static_cast<size_t>(fApprox_), no_);
      if (!placing_.ward.empty() && !placing_.ward.contains(f.geometry.bounds().center()))
        outsideCoordinates_.push_back(rowNumber);
    } else if (!placeByTown(sf, rowNumber, key, f)) {
      continue;
    }
    existing_.insert(key);
    taken.push_back(std::move(f));
  }
  takenCount_ += taken.size();
  piece.rows.clear();
}

void LayerImport::apply(Project& p, const Layer& src, ImportReport& r, Diagnostics& diag) {
  r.encoding = src.provenance.encoding;
  r.unread += src.provenance.unreadRecords;
  r.layerId = layerId_;
  r.rows += rows_;
  r.imported += static_cast<int>(takenCount_);
  r.placedByTown += placedByTown_;
  r.duplicates += duplicates_;
  r.outsideWard += outsideWard_;
  r.unplaced.insert(r.unplaced.end(), unplaced_.begin(), unplaced_.end());
  r.refused.insert(r.refused.end(), refused_.begin(), refused_.end());
  for (int row : outsideCoordinates_)
    diag.warning(file_, fmt::format("row {}: the coordinates lie outside Minato Ward", row));
  if (!otherPlaces_.empty()) {
    std::string list;
    for (const auto& [city, n] : otherPlaces_) list += fmt::format(" {} {}", city, n);
    diag.info(file_, fmt::format("{} records of other municipalities skipped:{}", outsideWard_, list));
  }
  for (const auto& [rowNumber, reason] : refused_)
    diag.warning(file_, fmt::format("row {} not imported: {}", rowNumber, reason));
  for (const auto& [rowNumber, reason] : unplaced_)
    diag.warning(file_, fmt::format("row {} not placed: {}", rowNumber, reason));
  if (targetIndex_ < 0 && takenCount_ == 0) return;  // nothing of this layer could be imported: no empty layer
  std::shared_ptr<Layer> target;
  if (targetIndex_ >= 0) {
    target = p.editShared(static_cast<size_t>(targetIndex_));
  } else {
    target = std::make_shared<Layer>();
    target->id = layerId_;
    target->nameJa = target->nameEn = fileName_;
    target->role = crimes_ ? LayerRole::Crimes : LayerRole::Other;
    if (crimes_) target->style.categoryField = "手口";
    target->provenance.path = file_;
    target->provenance.source = file_;
    p.addLayer(target);
  }
  if (replaceSample_) {
    int fs = target->fieldIndex("synthetic");
    std::erase_if(target->features, [&](const Feature& f) {
      return fs >= 0 && static_cast<size_t>(fs) < f.values.size() && isTruthy(f.values[static_cast<size_t>(fs)]);
    });
    target->provenance.synthetic = false;
    target->nameJa = "街頭犯罪";
    target->nameEn = "Street crime";
    target->provenance.source = file_;
    r.replacedSample = true;
    diag.info(file_, "the synthetic crime sample was replaced by the imported records");
  }
  for (const auto& f : fields_) ensureField(*target, f.name, f.type);  // in the order planned: the same indexes
  target->features.reserve(target->features.size() + takenCount_);
  for (auto& batch : taken_) std::move(batch.begin(), batch.end(), std::back_inserter(target->features));
  taken_.clear();
  if (!target->style.categoryField.empty()) target->assignCategories();
  target->provenance.approximate = target->approximateCount() > 0;
  if (const Layer* d = p.layerByRole(LayerRole::Districts)) analysis::DistrictLocator(*d).tag(*target);
  target->touchData();
}
}  // namespace

ImportReport importFile(Project& p, ImportSource& source, Diagnostics& diag, JobProgress* progress) {
  ImportReport r;
  r.file = source.file();
  std::unique_ptr<Placing> placing;
  std::unique_ptr<LayerImport> current;
  int currentLayer = -1;
  while (auto piece = source.next()) {
    if (progress && progress->stopped()) {  // cancelled: what is left of the file passes by, nothing is put in
      current.reset();
      r.ok = false;
      continue;
    }
    if (!placing) placing = std::make_unique<Placing>(p);
    if (piece->layer != currentLayer || !current) {
      current = std::make_unique<LayerImport>(p, source.file(), *piece->schema, *placing);
      currentLayer = piece->layer;
    }
    if (piece->keys.size() != piece->rows.size()) keyRows(*piece->schema, *piece);
    current->add(*piece);
    if (piece->end == ImportSource::Piece::End::Not) continue;
    if (piece->end == ImportSource::Piece::End::Complete) {
      current->apply(p, *piece->schema, r, diag);
      r.ok = true;
    }
    current.reset();
  }
  return r;
}

ImportReport importFile(Project& p, const std::string& file, Diagnostics& diag, JobProgress* progress) {
  ImportSource source(file);
  std::jthread reader([&] { source.read(diag, progress); });
  return importFile(p, source, diag, progress);
}

}  // namespace safetymap::jobs
