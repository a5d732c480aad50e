#pragma once
// Writes the community safety centres' printout: for each district a map page and its crime table,
// one PDF (an atlas when several districts). Written to a temporary file and renamed, so a failure
// never leaves a half-written PDF.
#include <functional>
#include <stop_token>
#include <string>
#include <vector>

#include "core/period.hpp"
#include "core/project.hpp"
#include "core/status.hpp"
#include "print/layout.hpp"

namespace safetymap::print {

struct PrintOptions {
  std::vector<int> districts;  // indices into the project's districts, in print order
  PageSetup setup;
  Period period;
  Lang lang = Lang::Ja;
  std::string out;           // the PDF to write
  std::string printedDate;   // YYYY-MM-DD; today when empty
  bool perResident = false;  // the 町丁目 choropleth per 1,000 residents (as the screen may show it), else counts
};

// The project as printed: the 町丁目 choropleth of the printed period and measure, on a copy of that one layer
// (the screen's stays as it is). The map page and its preview both draw from it.
Project printedProject(const Project& shown, const PrintOptions& options);

// What a printout (the centres' atlas or a drill briefing) returns.
struct PrintResult {
  Status status;  // a failure names the file and the problem
  int pages = 0;
  bool cancelled = false;     // stopped when asked: nothing was written
  std::vector<int> mapPages;  // 1-based page number of each district's map
};

using PrintProgress = std::function<void(double fraction, const std::string& stage)>;

// Stops between pages when `stop` is requested; the unfinished PDF is removed, the target left as it was.
PrintResult printDistricts(const Project& project, const PrintOptions& options, const PrintProgress& progress = {},
                           std::stop_token stop = {});

std::string today();  // YYYY-MM-DD, local time

}  // namespace safetymap::print
