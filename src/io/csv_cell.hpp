#pragma once
// A CSV cell a spreadsheet will not run. Excel, LibreOffice and Numbers treat a cell that begins with
// = + - @ (or a tab or CR before one) as a formula: =HYPERLINK(…) or +cmd|' /C calc'!A0 from a hostile
// record would run on the clerk's PC. The OWASP rule: such a cell gets a leading apostrophe, which the
// spreadsheet shows as text and hides. Plain numbers (-3.5) stay numbers. Reading a CSV back removes the
// apostrophe again, so an export imports as it was. GeoJSON and GeoPackage keep every value exactly.
#include <cstdlib>
#include <string>

namespace safetymap::io {

inline bool startsFormula(const std::string& v) {
  if (v.empty()) return false;
  const char c = v.front();
  if (c != '=' && c != '+' && c != '-' && c != '@' && c != '\t' && c != '\r') return false;
  char* end = nullptr;
  std::strtod(v.c_str(), &end);  // a whole plain number is no formula
  return !(end && *end == '\0' && c != '\t' && c != '\r' && c != '=' && c != '@');
}

// A value that already begins with the apostrophe before a formula gets another, so reading back is exact.
inline std::string spreadsheetSafe(const std::string& v) {
  return startsFormula(v) || (v.size() > 1 && v.front() == '\'' && startsFormula(v.substr(1))) ? "'" + v : v;
}

inline std::string fromSpreadsheetSafe(const std::string& v) {
  return v.size() > 1 && v.front() == '\'' && startsFormula(v.substr(1)) ? v.substr(1) : v;
}

}  // namespace safetymap::io
