#pragma once
// Page 1 of a district's printout: the district and its surroundings at a scale that fills the page,
// in the screen's layer styles, with Japanese labels that do not collide, legend, scale bar, north
// arrow, title, period, date printed, sources and the notes about approximate data.
#include "analysis/tsunami_impact.hpp"
#include "print/layout.hpp"

namespace safetymap::print {

// impact: the tsunami hazard against people and buildings, computed once for all the pages (null: no hazard figures).
void drawMapPage(const Canvas& c, const PageSetup& setup, const PageInfo& info, const Project& project, int district,
                 const analysis::CrimeTable& table, const analysis::TsunamiImpact* impact);

}  // namespace safetymap::print
