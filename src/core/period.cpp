#include "core/period.hpp"

#include <cstdlib>

namespace safetymap {

Period Period::previous() const {
  int n = months();
  return {YearMonth::fromIndex(from.index() - n), YearMonth::fromIndex(from.index() - 1)};
}

std::optional<YearMonth> parseYearMonth(const std::string& s) {
  std::string digits;
  for (char c : s) {
    if (c >= '0' && c <= '9')
      digits += c;
    else if (c != '-' && c != '/')
      return std::nullopt;
  }
  if (digits.size() == 5 && s.size() == 6 && (s[4] == '-' || s[4] == '/')) digits.insert(4, "0");  // 2024-3
  if (digits.size() != 6) return std::nullopt;
  YearMonth m{std::atoi(digits.substr(0, 4).c_str()), std::atoi(digits.substr(4, 2).c_str())};
  if (m.year < 1900 || m.year > 2200 || m.month < 1 || m.month > 12) return std::nullopt;
  return m;
}

}  // namespace safetymap
