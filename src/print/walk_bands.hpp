#pragma once
// The walking-time bands on paper, as on screen: the street cells of the grid as one image, or the street pieces
// of a centre-line network, each in the colour of its time at the given speed; only inside the ward.
#include "analysis/evacuation.hpp"
#include "analysis/walk_surface.hpp"
#include "core/project.hpp"
#include "print/canvas.hpp"
#include "print/map_frame.hpp"

namespace safetymap::print {

void drawWalkBands(const Canvas& c, const analysis::WalkSurface& surface, const analysis::EvacuationPlan& plan,
                   const PageTransform& t, double speed, double k, const Project& p);

}  // namespace safetymap::print
