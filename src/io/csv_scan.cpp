#include "io/csv_scan.hpp"

#include <fmt/format.h>

namespace safetymap::io {

namespace {
struct Record {
  long line = 0, lines = 0;  // first line, how many lines it spans
  size_t values = 0, longest = 0, longestColumn = 0;
  bool extraValuesEmpty = true;  // values past the header's count are all empty
  long firstQuoteLine = 0;
};

// A line ends at LF, CR LF or a lone CR, as GDAL's line reader (CPLReadLine2L) ends it.
std::string_view nextLine(std::string_view text, size_t& pos) {
  size_t end = text.find_first_of("\r\n", pos);
  if (end == std::string_view::npos) {
    std::string_view line = text.substr(pos);
    pos = text.size();
    return line;
  }
  std::string_view line = text.substr(pos, end - pos);
  pos = end + 1;
  if (text[end] == '\r' && pos < text.size() && text[pos] == '\n') ++pos;
  return line;
}

// GDAL's rule (CSVDetectSeperator): the first comma, semicolon or tab outside quotes, a comma when they mix.
char detectDelimiter(std::string_view header) {
  bool inQuotes = false;
  char found = 0;
  for (char c : header) {
    if (c == '"') inQuotes = !inQuotes;
    if (inQuotes || (c != ',' && c != ';' && c != '\t')) continue;
    if (!found) found = c;
    if (found != c) return ',';
  }
  return found ? found : ',';
}
}  // namespace

const char* gdalSeparator(char delimiter) {
  return delimiter == '\t' ? "TAB" : delimiter == ';' ? "SEMICOLON" : "COMMA";
}

CsvScan scanCsv(std::string_view text, char delimiter) {
  CsvScan scan;
  size_t pos = 0;
  long lineNo = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  std::string_view first;
  while (pos < text.size() && first.empty()) first = nextLine(text, pos), ++lineNo;
  scan.delimiter = delimiter ? delimiter : detectDelimiter(first);

  auto countValues = [&](std::string_view s, Record& r, bool& inQuotes, size_t& valueLen) {
    for (size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
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
  // One record from its first line on: GDAL reads on while its quotes are unbalanced.
  // A line GDAL will not read ends its reading there: said now, before it reads (and holds) 10 MB in vain.
  auto tooLong = [&](std::string_view line) {
    if (line.size() <= kGdalMaxLineBytes || !scan.fatal.empty()) return;
    scan.fatal = fmt::format("line {} is {} bytes long, more than the {} GDAL reads in one line: the file is damaged or "
                             "not a table. Nothing was imported",
                             lineNo, line.size(), kGdalMaxLineBytes);
  };
  auto readRecord = [&](std::string_view line, Record& r) {
    tooLong(line);
    r.line = lineNo, r.lines = 1;
    bool inQuotes = false;
    size_t len = 0;
    countValues(line, r, inQuotes, len);
    while (inQuotes && pos < text.size()) {
      ++len;  // the line break inside the value
      line = nextLine(text, pos);
      ++lineNo, ++r.lines;
      tooLong(line);
      countValues(line, r, inQuotes, len);
    }
    if (len > r.longest) r.longest = len, r.longestColumn = r.values;
    if (scan.headerValues && r.values >= scan.headerValues && len > 0) r.extraValuesEmpty = false;
    ++r.values;
    return !inQuotes;
  };
  {
    Record h;
    const bool closed = readRecord(first, h);
    if (!scan.fatal.empty()) return scan;
    if (!closed) {
      scan.fatal = fmt::format(
          "line {}: a double quote (\") in the header never closes: the columns cannot be told "
          "apart. Nothing was imported: remove the stray quote and try again",
          h.firstQuoteLine ? h.firstQuoteLine : h.line);
      return scan;
    }
    scan.headerValues = h.values;
  }
  long record = 0;
  while (pos < text.size()) {
    std::string_view line = nextLine(text, pos);
    ++lineNo;
    if (line.empty()) continue;  // GDAL skips blank lines
    Record r;
    const bool closed = readRecord(line, r);
    if (!scan.fatal.empty()) return scan;
    ++record;
    scan.recordLines.push_back(r.line);
    const bool countOk = r.values == scan.headerValues || (r.values > scan.headerValues && r.extraValuesEmpty);
    if (!closed || (r.lines > 1 && !countOk)) {
      scan.fatal = fmt::format(
          "line {}: a double quote (\") opens a quoted value that {}, so the {} line(s) after it would be read as "
          "part of one value and lost. Nothing was imported: remove the stray quote (or write it as \"\") and try "
          "again",
          r.firstQuoteLine ? r.firstQuoteLine : r.line, closed ? "closes only lines later" : "never closes",
          r.lines - 1);
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
    else if (r.lines > 1)  // kept, but said: two stray quotes in one column would read exactly like this
      scan.joined.push_back({record, r.line,
                             fmt::format("it spans lines {}–{}: a quoted value holds line breaks (if a quote there is "
                                         "a mistake, the lines between are inside that value)",
                                         r.line, r.line + r.lines - 1)});
  }
  return scan;
}

}  // namespace safetymap::io
