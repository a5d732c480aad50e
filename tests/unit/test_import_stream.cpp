// An import takes a big table's rows in batches while the file is still being read: every batch is checked, keyed
// and placed as it comes, and nothing reaches the project until the reader says the layer was read to its end.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "io/layer_reader.hpp"
#include "jobs/importer.hpp"

using namespace safetymap;
using jobs::ImportSource;
namespace fs = std::filesystem;

namespace {
// A project with a crime layer holding one record of its own.
Project projectWithCrimes() {
  Project p;
  auto crimes = std::make_shared<Layer>();
  crimes->id = "crimes";
  crimes->role = LayerRole::Crimes;
  crimes->fields = {{"手口", Field::Type::String}, {"n", Field::Type::String}};
  Feature f;
  f.values = {"ひったくり", "own"};
  f.geometry.type = GeometryType::Point;
  f.geometry.points = {Vec2{-50000, -150000}};
  crimes->features.push_back(std::move(f));
  p.addLayer(crimes);
  return p;
}

std::shared_ptr<Layer> policeSchema() {
  auto s = std::make_shared<Layer>();
  s->id = "police";
  s->fields = {{"手口", Field::Type::String}, {"n", Field::Type::String}};
  s->provenance.encoding = "UTF-8";
  return s;
}

// Rows n = from … to-1, each placed by its coordinates.
std::vector<Feature> rows(int from, int to) {
  std::vector<Feature> out;
  for (int i = from; i < to; ++i) {
    Feature f;
    f.fid = i + 2;
    f.values = {"自転車盗", std::to_string(i)};
    f.geometry.type = GeometryType::Point;
    f.geometry.points = {Vec2{-52000.0 + i * 0.01, -149000.0}};
    out.push_back(std::move(f));
  }
  return out;
}

ImportSource::Piece piece(std::shared_ptr<const Layer> schema, std::vector<Feature> r,
                          ImportSource::Piece::End end = ImportSource::Piece::End::Not) {
  ImportSource::Piece p;
  p.schema = std::move(schema);
  p.rows = std::move(r);
  p.end = end;
  return p;
}
}  // namespace

TEST_CASE("a table imported batch by batch is imported whole, each record once, in its order", "[import]") {
  Project p = projectWithCrimes();
  auto schema = policeSchema();
  ImportSource source("police.csv");
  std::thread reader([&] {
    source.push(piece(schema, rows(0, 5000)));
    auto second = rows(5000, 10000);
    for (auto& again : rows(100, 110)) second.push_back(std::move(again));  // already in the first batch
    source.push(piece(schema, std::move(second)));
    source.push(piece(schema, rows(10000, 10100), ImportSource::Piece::End::Complete));
    source.push(std::nullopt);
  });
  Diagnostics diag(false);
  const jobs::ImportReport r = jobs::importFile(p, source, diag);
  reader.join();
  CHECK(r.ok);
  CHECK(r.rows == 10110);
  CHECK(r.imported == 10100);
  CHECK(r.duplicates == 10);
  const Layer& crimes = *p.layer("crimes");
  REQUIRE(crimes.features.size() == 10101);
  CHECK(*crimes.value(crimes.features[0], "n") == "own");
  for (int i = 0; i < 10100; i += 997) {
    const Feature& f = crimes.features[static_cast<size_t>(i) + 1];
    CHECK(*crimes.value(f, "n") == std::to_string(i));
    CHECK(*crimes.value(f, "record_key") == jobs::recordKey(*schema, rows(i, i + 1).front(), {"手口", "n"}));
  }
}

TEST_CASE("a table that breaks half way through its reading adds nothing to the project", "[import]") {
  Project p = projectWithCrimes();
  const Layer* before = p.layer("crimes");
  const size_t fieldsBefore = before->fields.size();
  auto schema = policeSchema();
  ImportSource source("police.csv");
  std::thread reader([&] {
    source.push(piece(schema, rows(0, 5000)));
    source.push(piece(schema, rows(5000, 9000)));
    source.push(piece(schema, {}, ImportSource::Piece::End::Unreadable));  // e.g. GDAL stopped early
    source.push(std::nullopt);
  });
  Diagnostics diag(false);
  const jobs::ImportReport r = jobs::importFile(p, source, diag);
  reader.join();
  CHECK_FALSE(r.ok);
  CHECK(r.imported == 0);
  CHECK(p.layers().size() == 1);
  CHECK(p.layer("crimes") == before);  // the very layer: not even copied for an edit
  CHECK(before->features.size() == 1);
  CHECK(before->fields.size() == fieldsBefore);
}

TEST_CASE("a CSV is handed over in batches while it is read, each row keyed on the way", "[import]") {
  const fs::path dir = fs::temp_directory_path() / ("safetymap-stream-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path csv = dir / "police.csv";
  const int n = 2 * static_cast<int>(io::kBatchRows) + 100;
  {
    std::ofstream out(csv);
    out << "手口,n,緯度,経度\n";
    for (int i = 0; i < n; ++i) out << "自転車盗," << i << ",34.66" << (i % 10) << ",135.46" << (i % 7) << "\n";
  }
  ImportSource source(csv.string());
  Diagnostics readDiag(false);
  std::thread reader([&] { source.read(readDiag); });
  std::vector<ImportSource::Piece> pieces;
  while (auto next = source.next()) pieces.push_back(std::move(*next));
  reader.join();
  // Two full batches while reading, then the rest with the whole layer.
  REQUIRE(pieces.size() == 3);
  CHECK(pieces[0].rows.size() == io::kBatchRows);
  CHECK(pieces[0].end == ImportSource::Piece::End::Not);
  CHECK(pieces[1].rows.size() == io::kBatchRows);
  CHECK(pieces[2].rows.size() == 100);
  CHECK(pieces[2].end == ImportSource::Piece::End::Complete);
  int row = 0;
  for (const auto& piece : pieces) {
    CHECK(piece.layer == 0);
    REQUIRE(piece.keys.size() == piece.rows.size());
    REQUIRE(piece.keyTexts.size() == piece.rows.size());
    for (size_t i = 0; i < piece.rows.size(); ++i, ++row) {
      const Feature& f = piece.rows[i];
      CHECK(f.fid == row + 2);  // the line it is on
      CHECK(f.values[1] == std::to_string(row));
      const std::string key = jobs::recordKey(*piece.schema, f, {"手口", "n", "緯度", "経度"});
      CHECK(textOf(piece.keyTexts[i]) == key);
      CHECK(piece.keys[i] == std::stoull(key, nullptr, 16));
    }
  }
  CHECK(row == n);
  // And imported through the same path: every row, in its order.
  Project p = projectWithCrimes();
  Diagnostics diag(false);
  const jobs::ImportReport r = jobs::importFile(p, csv.string(), diag);
  CHECK(r.ok);
  CHECK(r.imported == n);
  const Layer& crimes = *p.layer("crimes");
  REQUIRE(crimes.features.size() == static_cast<size_t>(n) + 1);
  CHECK(*crimes.value(crimes.features.back(), "n") == std::to_string(n - 1));
  fs::remove_all(dir);
}

TEST_CASE("a cancelled import stops its reading and adds nothing", "[import]") {
  const fs::path dir = fs::temp_directory_path() / ("safetymap-cancel-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path csv = dir / "police.csv";
  const int n = 4 * static_cast<int>(io::kBatchRows);
  {
    std::ofstream out(csv);
    out << "手口,n,緯度,経度\n";
    for (int i = 0; i < n; ++i) out << "自転車盗," << i << ",34.66" << (i % 10) << ",135.46" << (i % 7) << "\n";
  }
  SECTION("cancelled before it starts: the reader stops within its first rows") {
    std::stop_source stop;
    stop.request_stop();
    jobs::JobProgress progress(stop.get_token(), "");
    Project p = projectWithCrimes();
    const Layer* before = p.layer("crimes");
    Diagnostics diag(false);
    const jobs::ImportReport r = jobs::importFile(p, csv.string(), diag, &progress);
    CHECK_FALSE(r.ok);
    CHECK(r.imported == 0);
    CHECK(p.layer("crimes") == before);
    CHECK(before->features.size() == 1);
    bool said = false;
    for (const auto& m : diag.snapshot()) said = said || m.text.find("cancelled") != std::string::npos;
    CHECK(said);
  }
  SECTION("cancelled once its first batch came: what came and what comes after is dropped") {
    std::stop_source stop;
    jobs::JobProgress progress(stop.get_token(), "");
    ImportSource source(csv.string());
    Diagnostics diag(false);
    std::thread reader([&] { source.read(diag, &progress); });
    auto first = source.next();
    REQUIRE(first);
    CHECK(first->rows.size() == io::kBatchRows);
    stop.request_stop();
    Project p = projectWithCrimes();
    const Layer* before = p.layer("crimes");
    const jobs::ImportReport r = jobs::importFile(p, source, diag, &progress);
    reader.join();
    CHECK_FALSE(r.ok);
    CHECK(r.imported == 0);
    CHECK(p.layer("crimes") == before);
    CHECK(before->features.size() == 1);
  }
  fs::remove_all(dir);
}
