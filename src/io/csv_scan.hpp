#pragma once
// The structure of a text table, checked before GDAL reads it: where each record starts, which records
// cannot be read as the header says (a wrong number of values, a value too long to be real), and whether
// a stray double quote would swallow the rows after it. GDAL's CSV reader joins lines while a record's
// quotes are unbalanced and skips blank lines; this scan follows the same rules, in one linear pass.
#include <string>
#include <string_view>
#include <vector>

namespace safetymap::io {

constexpr size_t kMaxCsvValueBytes = 64 * 1024;       // longer than any real record's value
constexpr size_t kGdalMaxLineBytes = 10'000'000;      // GDAL's CSV reader stops at a longer line

struct CsvRowProblem {
  long record = 0;  // 1-based, as GDAL numbers features (blank lines not counted)
  long line = 0;    // the line the record starts on (the header is line 1)
  std::string text;
};

struct CsvScan {
  char delimiter = ',';
  size_t headerValues = 0;
  std::vector<long> recordLines;       // recordLines[r - 1]: the line record r starts on
  std::vector<CsvRowProblem> skipped;  // records that are not read, each with its reason
  std::vector<CsvRowProblem> joined;   // records kept that span several lines (said, in case a quote is stray)
  std::string fatal;                   // the rows cannot be told apart: the file is refused
};

// delimiter: 0 to detect it as GDAL does; the caller passes the same one to GDAL (SEPARATOR=).
CsvScan scanCsv(std::string_view utf8Text, char delimiter = 0);

const char* gdalSeparator(char delimiter);  // "COMMA", "SEMICOLON" or "TAB"

}  // namespace safetymap::io
