#include "jobs/importer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>
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

std::string keyOf(const Feature& f, const std::vector<std::pair<std::string, Column>>& own) {
  // FNV-1a of "name=value\x1f" for each column, fed piece by piece (no joined string per record).
  std::uint64_t h = 1469598103934665603ull;
  auto feed = [&h](std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  };
  for (const auto& [name, c] : own)
    if (const std::string* v = c.of(f)) feed(name), feed("="), feed(*v), feed("\x1f");
  return fmt::format("{:016x}", h);
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
  return keyOf(f, ownColumns(l, own));
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

ImportSource readForImport(const std::string& file, Diagnostics& diag) {
  io::ReadOptions ro;
  ro.keepWithoutGeometry = true;  // rows known only by their 町丁目 are placed on import
  return {file, jobs::readLayers(file, diag, ro)};
}

ImportReport importFile(Project& p, const std::string& file, Diagnostics& diag) {
  return importFile(p, readForImport(file, diag), diag);
}

ImportReport importFile(Project& p, ImportSource source, Diagnostics& diag) {
  ImportReport r;
  const std::string& file = source.file;
  r.file = file;
  auto& read = source.layers;
  if (read.empty()) return r;
  r.ok = true;
  const Layer* chome = p.layerByRole(LayerRole::Chome);
  std::unique_ptr<analysis::TownMatcher> towns;
  if (chome) towns = std::make_unique<analysis::TownMatcher>(*chome);
  // Records known by their 町丁目 go onto a street surface inside it, when the project has the streets.
  std::unique_ptr<analysis::StreetPlacer> streets;
  if (const Layer* roads = p.layerByRole(LayerRole::Roads); chome && roads && !roads->features.empty())
    streets = std::make_unique<analysis::StreetPlacer>(*chome, *roads);
  Bounds ward = p.wardBounds();

  for (auto& src : read) {
    r.encoding = src->provenance.encoding;
    r.unread += src->provenance.unreadRecords;
    bool crimes = src->fieldIndex("手口") >= 0;
    std::shared_ptr<Layer> target;
    bool created = false;
    if (crimes)
      for (size_t i = 0; i < p.layers().size(); ++i)
        if (p.layers()[i]->role == LayerRole::Crimes) target = p.editShared(i);
    if (!target) {
      target = std::make_shared<Layer>();
      target->id = fs::path(file).stem().string();
      target->nameJa = target->nameEn = fs::path(file).filename().string();
      target->role = crimes ? LayerRole::Crimes : LayerRole::Other;
      if (crimes) target->style.categoryField = "手口";
      target->provenance.path = file;
      target->provenance.source = file;
      p.addLayer(target);
      created = true;
    }
    r.layerId = target->id;
    // Real records replace the synthetic stand-in: the sample never mixes with what the police published.
    if (crimes && target->provenance.synthetic) {
      int fs = target->fieldIndex("synthetic");
      std::erase_if(target->features, [&](const Feature& f) {
        return fs >= 0 && static_cast<size_t>(fs) < f.values.size() && isTruthy(f.values[static_cast<size_t>(fs)]);
      });
      target->provenance.synthetic = false;
      target->nameJa = "街頭犯罪";
      target->nameEn = "Street crime";
      target->provenance.source = file;
      r.replacedSample = true;
      diag.info(file, "the synthetic crime sample was replaced by the imported records");
    }
    // The record's own columns, then the project's.
    std::vector<std::string> own;
    for (const auto& f : src->fields)
      if (!kProjectFields.count(f.name)) own.push_back(f.name), ensureField(*target, f.name, f.type);
    int fApprox = ensureField(*target, "approximate", Field::Type::Boolean);
    int fPlacement = ensureField(*target, "placement");
    int fSource = ensureField(*target, "source");
    int fKey = ensureField(*target, "record_key");
    int fFrom = ensureField(*target, "imported_from");
    int fSynthetic = ensureField(*target, "synthetic", Field::Type::Boolean);
    std::unordered_set<std::string> existing;
    existing.reserve(target->features.size() + src->features.size());
    const auto targetOwn = ownColumns(*target, own);
    for (const auto& f : target->features)
      if (static_cast<size_t>(fKey) < f.values.size() && !f.values[static_cast<size_t>(fKey)].empty())
        existing.insert(f.values[static_cast<size_t>(fKey)]);
      else
        existing.insert(keyOf(f, targetOwn));  // records loaded before keys existed
    // Each column this loop reads, found once.
    const auto srcOwn = ownColumns(*src, own);
    const Column cityCol{src->fieldIndex("市区町村（発生地）")}, codeCol{src->fieldIndex("市区町村コード（発生地）")},
        dateCol{src->fieldIndex(analysis::kCrimeDateField)}, keyCol{src->fieldIndex("record_key")};
    const auto xCols = columns(*src, {"X座標", "X", "x"}), yCols = columns(*src, {"Y座標", "Y", "y"});
    const auto townCols = columns(*src, {"町丁目（発生地）", "町丁目", "住所", "所在地", "address"});
    std::vector<int> toTarget(src->fields.size());
    for (size_t i = 0; i < src->fields.size(); ++i) toTarget[i] = target->fieldIndex(src->fields[i].name);
    const std::string fileName = fs::path(file).filename().string();
    // Texts every row shares, interned once (a record's values are ids into the text pool).
    const TextId fileText = internText(fileName), no = internText("0"), yes = internText("1");
    const TextId byPlane = internText("平面直角座標（第VI系）/ plane coordinates"),
                 byCoordinates = internText("座標 / coordinates");
    std::unordered_map<int, std::pair<TextId, TextId>> byTown;  // a 町丁目's two placement notes: street, inside
    std::unordered_map<const std::string*, analysis::TownMatch> matched;

    const bool csv = !src->provenance.encoding.empty();
    int row = 0;
    std::map<std::string, int> otherPlaces;
    for (const auto& sf : src->features) {
      ++row;
      ++r.rows;
      // CSV: the line the record starts on (the header is line 1), as the reader numbered it.
      int rowNumber = csv ? static_cast<int>(sf.fid) : row;
      if (cityCol.index >= 0) {  // a police file: keep Minato Ward's records
        const std::string* city = cityCol.of(sf);
        const std::string* code = codeCol.of(sf);
        bool noCity = !city || city->empty(), noCode = !code || code->empty();
        if (noCity && noCode) {  // reported, never guessed from the 町丁目 alone
          r.unplaced.push_back({rowNumber, "no municipality (市区町村) given: not placed"});
          continue;
        }
        bool minato = noCity ? code->rfind("27107", 0) == 0 : city->find("港区") != std::string::npos;
        if (!minato) {
          ++r.outsideWard;
          otherPlaces[noCity ? "code " + *code : *city]++;
          continue;
        }
      }
      if (crimes)
        if (const std::string* date = dateCol.of(sf))
          if (std::string why = analysis::dateProblem(*date); !why.empty()) {
            r.refused.push_back({rowNumber, why});
            continue;
          }
      // A record this project (or another centre's) exported keeps its key: the round trip adds nothing twice.
      const std::string* exportedKey = keyCol.of(sf);
      const bool validKey = exportedKey && exportedKey->size() == 16 &&
                            exportedKey->find_first_not_of("0123456789abcdef") == std::string::npos;
      std::string key = validKey ? *exportedKey : keyOf(sf, srcOwn);
      if (existing.count(key)) {
        ++r.duplicates;
        continue;
      }
      Feature f;
      f.values.assign(target->fields.size(), "");
      for (size_t i = 0; i < src->fields.size() && i < sf.values.size(); ++i)
        if (int ti = toTarget[i]; ti >= 0) f.values.setId(static_cast<size_t>(ti), sf.values.id(i));
      f.values.set(static_cast<size_t>(fKey), key);
      f.values.setId(static_cast<size_t>(fFrom), fileText);
      f.values.setId(static_cast<size_t>(fSynthetic), no);
      f.values.setId(static_cast<size_t>(fSource), fileText);
      f.geometry = sf.geometry;
      Vec2 plane;
      if (f.geometry.empty() && planeXY(sf, xCols, yCols, plane)) {
        f.geometry.type = GeometryType::Point;
        f.geometry.points = {plane};
        f.values.setId(static_cast<size_t>(fPlacement), byPlane);
        f.values.setId(static_cast<size_t>(fApprox), no);
      } else if (!f.geometry.empty()) {
        f.values.setId(static_cast<size_t>(fPlacement), byCoordinates);
        f.values.setId(static_cast<size_t>(fApprox), no);
        if (!ward.empty() && !ward.contains(f.geometry.bounds().center()))
          diag.warning(file, fmt::format("row {}: the coordinates lie outside Minato Ward", rowNumber));
      } else {
        const std::string* town = firstValue(sf, townCols);
        if (!towns) {
          r.unplaced.push_back({rowNumber, "no coordinates, and no 町丁目 layer to place it by"});
          continue;
        }
        // Texts are pooled, so one pointer per distinct 町丁目 name: each is matched once per file.
        auto known = matched.find(town);
        if (known == matched.end()) known = matched.emplace(town, towns->match(town ? *town : "")).first;
        const analysis::TownMatch& m = known->second;
        if (m.feature < 0) {
          r.unplaced.push_back({rowNumber, m.reason});
          continue;
        }
        const Feature& cf = chome->features[static_cast<size_t>(m.feature)];
        std::uint64_t seed = std::stoull(key, nullptr, 16);
        f.geometry.type = GeometryType::Point;
        f.values.setId(static_cast<size_t>(fApprox), yes);
        auto note = byTown.find(m.feature);
        if (note == byTown.end())
          note =
              byTown
                  .emplace(m.feature, std::pair{internText("町丁目「" + m.town +
                                                           "」内の道路上の点（概略）/ a point on a street inside " +
                                                           m.town + " (approximate)"),
                                                internText("町丁目「" + m.town + "」内の点（概略）/ a point inside " +
                                                           m.town + " (approximate)")})
                  .first;
        if (auto onStreet = streets ? streets->place(m.feature, seed) : std::nullopt) {
          f.geometry.points = {*onStreet};
          f.values.setId(static_cast<size_t>(fPlacement), note->second.first);
        } else {
          f.geometry.points = {analysis::pointInside(cf.geometry, seed)};
          f.values.setId(static_cast<size_t>(fPlacement), note->second.second);
        }
        ++r.placedByTown;
      }
      existing.insert(key);
      target->features.push_back(std::move(f));
      ++r.imported;
    }
    if (!otherPlaces.empty()) {
      std::string list;
      for (const auto& [city, n] : otherPlaces) list += fmt::format(" {} {}", city, n);
      diag.info(file, fmt::format("{} records of other municipalities skipped:{}", r.outsideWard, list));
    }
    for (const auto& [rowNumber, reason] : r.refused)
      diag.warning(file, fmt::format("row {} not imported: {}", rowNumber, reason));
    for (const auto& [rowNumber, reason] : r.unplaced)
      diag.warning(file, fmt::format("row {} not placed: {}", rowNumber, reason));
    if (created && target->features.empty()) {  // nothing of this file could be imported: no empty layer
      p.removeLayer(target->id);
      continue;
    }
    if (!target->style.categoryField.empty()) target->assignCategories();
    target->provenance.approximate = target->approximateCount() > 0;
    if (const Layer* d = p.layerByRole(LayerRole::Districts)) analysis::DistrictLocator(*d).tag(*target);
    target->touchData();
  }
  return r;
}

}  // namespace safetymap::jobs
