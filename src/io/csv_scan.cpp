#include "io/csv_scan.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace safetymap::io {

namespace {
struct Record {
  long line = 0, lines = 0;  // first line, how many lines it spans
  size_t values = 0, longest = 0, longestColumn = 0;
  bool closed = true;            // every quote it opened is closed
  bool extraValuesEmpty = true;  // values past the header's count are all empty
  long firstQuoteLine = 0;
};

std::string_view nextLine(std::string_view text, size_t& pos) {
  size_t end = text.find('\n', pos);
  std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
  pos = end == std::string_view::npos ? text.size() : end + 1;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}
}  // namespace

CsvScan scanCsv(std::string_view text) {
  CsvScan scan;
  size_t pos = 0;
  long lineNo = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  std::string_view header;
  while (pos < text.size() && header.empty()) header = nextLine(text, pos), ++lineNo;
  if (header.find('\t') != std::string_view::npos && header.find(',') == std::string_view::npos)
    scan.delimiter = '\t';
  else if (header.find(';') != std::string_view::npos && header.find(',') == std::string_view::npos)
    scan.delimiter = ';';
  // The header's own values (it is a record too: a quote in it may span lines, which GDAL allows).
  auto countValues = [&](std::string_view s, Record& r, bool& inQuotes, size_t& valueLen) {
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (c == '"') {
        if (inQuotes && i + 1 < s.size() && s[i + 1] == '"') {
          ++i, ++valueLen;
          continue;
        }
        if (!inQuotes && r.firstQuoteLine == 0) r.firstQuoteLine = r.line + r.lines - 1;
        inQuotes = !inQuotes;
        continue;
      }
      if (c == scan.delimiter && !inQuotes) {
        if (valueLen > r.longest) r.longest = valueLen, r.longestColumn = r.values;
        if (scan.headerValues && r.values >= scan.headerValues && valueLen > 0) r.extraValuesEmpty = false;
        ++r.values, valueLen = 0;
        continue;
      }
      ++valueLen;
    }
  };
  auto finish = [&](Record& r, size_t valueLen) {
    if (valueLen > r.longest) r.longest = valueLen, r.longestColumn = r.values;
    if (scan.headerValues && r.values >= scan.headerValues && valueLen > 0) r.extraValuesEmpty = false;
    ++r.values;
  };
  {
    Record h;
    h.line = lineNo, h.lines = 1;
    bool inQuotes = false;
    size_t len = 0;
    countValues(header, h, inQuotes, len);
    finish(h, len);
    scan.headerValues = h.values;
  }
  long record = 0;
  while (pos < text.size()) {
    std::string_view line = nextLine(text, pos);
    ++lineNo;
    if (line.empty()) continue;  // GDAL skips blank lines
    Record r;
    r.line = lineNo, r.lines = 1;
    bool inQuotes = false;
    size_t len = 0;
    countValues(line, r, inQuotes, len);
    while (inQuotes && pos < text.size()) {  // GDAL reads on while the quotes are unbalanced
      ++len;                                 // the line break inside the value
      line = nextLine(text, pos);
      ++lineNo, ++r.lines;
      countValues(line, r, inQuotes, len);
    }
    r.closed = !inQuotes;
    finish(r, len);
    ++record;
    scan.recordLines.push_back(r.line);
    const bool countOk = r.values == scan.headerValues || (r.values > scan.headerValues && r.extraValuesEmpty);
    if (!r.closed || (r.lines > 1 && !countOk)) {
      long swallowed = r.lines - 1;
      scan.fatal = fmt::format(
          "line {}: a double quote (\") opens a quoted value that {}, so the {} line(s) after it would be read as "
          "part of one value and lost. Nothing was imported: remove the stray quote (or write it as \"\") and try "
          "again",
          r.firstQuoteLine ? r.firstQuoteLine : r.line, r.closed ? "closes only lines later" : "never closes",
          swallowed);
      return scan;
    }
    if (!countOk)
      scan.skipped.push_back({record, r.line,
                              fmt::format("it has {} values where the header has {}: its values would land in the "
                                          "wrong columns",
                                          r.values, scan.headerValues)});
    else if (r.longest > kMaxCsvValueBytes)
      scan.skipped.push_back({record, r.line,
                              fmt::format("its value in column {} is {} bytes long (at most {}): not a real value",
                                          r.longestColumn + 1, r.longest, kMaxCsvValueBytes)});
  }
  return scan;
}

}  // namespace safetymap::io
