// The parts that keep hostile input bounded: the CSV structure scan, the town matcher on long text, date
// validity, spreadsheet-safe cells, polygons with no area, and what may be opened at all.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "analysis/repair.hpp"
#include "analysis/town_match.hpp"
#include "analysis/ward_stats.hpp"
#include "io/csv_cell.hpp"
#include "io/csv_scan.hpp"
#include "io/safe_open.hpp"

using namespace safetymap;
namespace fs = std::filesystem;

TEST_CASE("the CSV scan numbers records by the line they start on, as GDAL counts them", "[hostile]") {
  auto s = io::scanCsv("a,b,c\n1,2,3\n\n4,\"5\nx\",6\n7,8,9\n");
  CHECK(s.fatal.empty());
  CHECK(s.headerValues == 3);
  REQUIRE(s.recordLines.size() == 3);  // the blank line is no record; the quoted line break joins two lines
  CHECK(s.recordLines == std::vector<long>{2, 4, 6});
  CHECK(s.skipped.empty());
}

TEST_CASE("a stray quote that would swallow the rows after it refuses the file, naming the line", "[hostile]") {
  auto s = io::scanCsv("a,b,c\n1,2,3\n4,\"5,6\n7,8,9\n10,11,12\n");
  CHECK(s.fatal.find("line 3") != std::string::npos);
  CHECK(s.fatal.find("2 line(s)") != std::string::npos);
  // Closed only lines later, with the wrong number of values: refused too.
  auto t = io::scanCsv("a,b,c\n1,\"2,3\n4,5\",6,7,8\n");
  CHECK(!t.fatal.empty());
}

TEST_CASE("rows with the wrong number of values or a value too long to be real are named", "[hostile]") {
  std::string longValue(io::kMaxCsvValueBytes + 1, 'x');
  auto s = io::scanCsv("a,b,c\n1,2,3\n1,2,3,4\n1,2\n1,2,3,,\n1," + longValue + ",3\n");
  CHECK(s.fatal.empty());
  REQUIRE(s.skipped.size() == 3);
  CHECK(s.skipped[0].line == 3);
  CHECK(s.skipped[0].text.find("4 values where the header has 3") != std::string::npos);
  CHECK(s.skipped[1].line == 4);
  CHECK(s.skipped[2].line == 6);  // trailing empty values (line 5) are harmless
  CHECK(s.skipped[2].text.find("column 2") != std::string::npos);
  auto tab = io::scanCsv("a\tb\n1\t2\n");
  CHECK(tab.delimiter == '\t');
  CHECK(tab.headerValues == 2);
}

TEST_CASE("a line longer than GDAL reads refuses the file before GDAL reads it, naming the line", "[hostile]") {
  std::string huge(io::kGdalMaxLineBytes + 1, 'x');
  auto s = io::scanCsv("a,b\n1,2\n" + huge + ",3\n4,5\n");
  CHECK(s.fatal.find("line 3 is 10000003 bytes long") != std::string::npos);
  auto inQuotes = io::scanCsv("a,b\n1,\"2\n" + huge + "\"\n");  // a quoted value's second line
  CHECK(inQuotes.fatal.find("line 3 is") != std::string::npos);
  std::string justShort(io::kGdalMaxLineBytes - 10, 'x');
  CHECK(io::scanCsv("a,b\n" + justShort + ",1\n").fatal.empty());  // a value too long to keep, but GDAL reads on
}

TEST_CASE("a 町丁目 followed by 100,000 characters neither overflows the stack nor floods the message", "[hostile]") {
  Layer l;
  l.fields = {{"town"}};
  for (const char* t : {"築港一丁目", "弁天一丁目"}) {
    Feature f;
    f.values = {t};
    l.features.push_back(f);
  }
  analysis::TownMatcher m(l);
  CHECK(m.match("築港１丁目" + std::string(100000, 'x')).feature == 0);  // an address with its rest
  auto r = m.match(std::string(100000, 'z'));
  CHECK(r.feature < 0);
  CHECK(r.reason.size() < 200);
  CHECK(r.reason.find("(100000 characters)") != std::string::npos);
  CHECK(analysis::normaliseTown(std::string(100000, '1') + "丁目").size() > 100000);
}

TEST_CASE("dates that do not exist are told apart from real and unknown ones", "[hostile]") {
  for (const char* ok : {"2019-02-28", "2020-02-29", "2019/2/3", "20190101", "", "不明"})
    CHECK(analysis::dateProblem(ok).empty());
  CHECK(analysis::dateProblem("2019-02-30").find("does not exist") != std::string::npos);
  CHECK(analysis::dateProblem("2019/2/29").find("does not exist") != std::string::npos);
  CHECK(analysis::dateProblem("20190231").find("does not exist") != std::string::npos);
  CHECK(analysis::dateProblem("1900-02-29").find("does not exist") != std::string::npos);  // not a leap year
  CHECK(analysis::dateProblem("2019-13-01").find("no month 13") != std::string::npos);
  for (const char* kept : {"yesterday", "令和元年5月1日", "2019年2月頃", "2019/2"})  // unread forms are kept
    CHECK(analysis::dateProblem(kept).empty());
}

TEST_CASE("spreadsheet cells: formulas get an apostrophe, numbers do not, and reading back undoes it", "[hostile]") {
  for (const char* f : {"=1+1", "+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3", "\t=1", "\r=1", "=HYPERLINK(\"x\")"}) {
    CHECK(io::spreadsheetSafe(f) == std::string("'") + f);
    CHECK(io::fromSpreadsheetSafe(io::spreadsheetSafe(f)) == f);
  }
  for (const char* v : {"-3.5", "+81", "普通", "", "'quoted"}) {
    CHECK(io::spreadsheetSafe(v) == v);
    CHECK(io::fromSpreadsheetSafe(v) == v);
  }
}

TEST_CASE("a polygon whose points lie on one line has no area, even when projected", "[hostile]") {
  CHECK(analysis::onOneLine({{0, 0}, {1000, 0}, {2000, 0.05}}));        // a projected parallel bends a little
  CHECK(!analysis::onOneLine({{0, 0}, {1000, 0}, {1000, 1}, {0, 1}}));  // a 1 m wide street
  Geometry g;
  g.type = GeometryType::Polygon;
  g.polygons.push_back({{{0, 0}, {10, 0}, {20, 0}}, {}});
  auto r = analysis::checkAndRepair(g);
  CHECK(!r.wasValid);
  CHECK(!r.repaired);
  CHECK(r.reason.find("no area") != std::string::npos);
  g.polygons.push_back({{{0, 0}, {10, 0}, {10, 10}, {0, 10}}, {}});
  r = analysis::checkAndRepair(g);
  CHECK(r.repaired);
  CHECK(r.geometry.polygons.size() == 1);  // the square stays, the line goes
}

TEST_CASE("only ordinary local files are opened", "[hostile]") {
  fs::path dir = fs::temp_directory_path() / ("sm-open-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string fifo = (dir / "pipe.geojson").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(io::inputProblem(fifo).find("pipe (FIFO)") != std::string::npos);
  CHECK(io::inputProblem(dir.string()).find("folder") != std::string::npos);
  fs::create_symlink("b.csv", dir / "a.csv");
  fs::create_symlink("a.csv", dir / "b.csv");
  CHECK(io::inputProblem((dir / "a.csv").string()).find("loop") != std::string::npos);
  CHECK(io::inputProblem("/vsicurl/http://example.invalid/x.geojson").find("not a file") != std::string::npos);
  std::ofstream((dir / "u16.csv").string(), std::ios::binary) << std::string("\xFF\xFEn\0a\0m\0e\0", 10);
  CHECK(io::inputProblem((dir / "u16.csv").string()).find("UTF-16") != std::string::npos);
  std::ofstream((dir / "fine.geojson").string()) << R"({"type":"FeatureCollection","features":[]})";
  CHECK(io::inputProblem((dir / "fine.geojson").string()).empty());
  fs::remove_all(dir);
}
