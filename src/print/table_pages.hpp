#pragma once
// Page 2 onwards: counts per crime type beside the previous period, then every incident by date,
// continued over as many pages as needed with the header repeated.
#include "print/layout.hpp"

namespace safetymap::print {

// How many pages the table needs on this paper (known before drawing, for "n / N").
int tablePageCount(const PageSetup& setup, const analysis::CrimeTable& table);
// Draws table page `index` (0-based) of the district's table.
void drawTablePage(const Canvas& c, const PageSetup& setup, const PageInfo& info, const Project& project, int district,
                   const analysis::CrimeTable& table, int index);

}  // namespace safetymap::print
