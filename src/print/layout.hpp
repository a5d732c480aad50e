#pragma once
// What every printed page shares: paper, margins, language, the date printed and page numbers.
#include <string>

#include "analysis/crime_table.hpp"
#include "core/project.hpp"
#include "print/canvas.hpp"

namespace safetymap::print {

enum class Paper { A4, A3 };

struct PageSetup {
  Paper paper = Paper::A4;
  bool landscape = false;
  double width() const;   // points
  double height() const;  // points
  double margin() const { return paper == Paper::A3 ? 36 : 28; }
  double scale() const { return paper == Paper::A3 ? 1.41 : 1.0; }  // type grows with the paper
};

struct PageInfo {
  Lang lang = Lang::Ja;
  std::string printedDate;  // YYYY-MM-DD
  int page = 1, pages = 1;
};

// The footer: sources, notes about approximate and synthetic data, and "n / N".
// extraNote: one more line of what is estimated (the drill briefing's population).
void drawFooter(const Canvas& c, const PageSetup& setup, const PageInfo& info, const Project& project,
                bool syntheticCrimes, const std::string& extraNote = "");
std::string periodText(const Period& p, Lang lang);
std::string districtTitle(const Project& p, int district, Lang lang);

}  // namespace safetymap::print
