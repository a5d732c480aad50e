#pragma once
// The evacuation drill briefing (strategy 2-1-1): a map page (routes along streets, walking-time bands,
// the buildings with their load against capacity, the district), table pages (each block → building,
// distance, minutes at the drill speed and the support speed; each building's load; the shortfall) and
// the assumptions in plain words. Same rules as the printouts: vector PDF, fonts embedded, written to a
// temporary file and renamed.
#include <stop_token>
#include <string>

#include "analysis/evacuation.hpp"
#include "analysis/tsunami_impact.hpp"
#include "analysis/walk_surface.hpp"
#include "core/project.hpp"
#include "print/print_job.hpp"

namespace safetymap::print {

struct BriefingOptions {
  int district = 0;
  Lang lang = Lang::Ja;
  std::string out;
  std::optional<analysis::TsunamiImpact> impact;  // the hazard against the district's people and buildings
};

// Returns the number of pages written, 0 on failure (with the file and the problem in `error`).
PrintResult printBriefing(const Project& project, const analysis::WalkSurface& surface,
                          const analysis::EvacuationPlan& plan, const BriefingOptions& options, std::stop_token stop = {});

}  // namespace safetymap::print
