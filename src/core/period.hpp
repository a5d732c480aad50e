#pragma once
// A period of whole months, as the printouts and the crime table use it: 2024-01 .. 2024-12.
#include <optional>
#include <string>

namespace safetymap {

struct YearMonth {
  int year = 0, month = 0;  // month 1..12
  int index() const { return year * 12 + (month - 1); }
  static YearMonth fromIndex(int i) { return {i / 12, i % 12 + 1}; }
  friend auto operator<=>(const YearMonth&, const YearMonth&) = default;
};

struct Period {
  YearMonth from, to;  // inclusive
  int months() const { return to.index() - from.index() + 1; }
  bool contains(YearMonth m) const { return m.index() >= from.index() && m.index() <= to.index(); }
  Period previous() const;  // the same number of months just before
  bool valid() const { return from.month >= 1 && to.month >= 1 && from.index() <= to.index(); }
};

std::optional<YearMonth> parseYearMonth(const std::string& s);  // "2024-03" or "202403"

}  // namespace safetymap
