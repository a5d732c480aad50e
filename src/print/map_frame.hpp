#pragma once
// What every printed map shares: the world-to-paper transform, the layers drawn in the screen's styles,
// the north arrow and the scale bar. The safety map and the drill briefing both draw with these.
#include <cairo.h>

#include "core/project.hpp"
#include "print/canvas.hpp"

namespace safetymap::print {

// World (working CRS metres) to page points, north up.
struct PageTransform {
  Bounds world;
  double x0 = 0, y0 = 0, scale = 1;  // points per metre
  double px(double wx) const { return x0 + (wx - world.minx) * scale; }
  double py(double wy) const { return y0 + (world.maxy - wy) * scale; }
};
// The transform that shows `area` (plus a margin) filling the frame.
PageTransform fitFrame(Bounds area, double fx, double fy, double fw, double fh);

inline const Rgba kWater{200, 222, 237, 255};  // the screen's background: Osaka Bay and the rivers
inline const Rgba kInk{30, 30, 30, 255};
inline const Rgba kWarn{170, 70, 0, 255};
// Screen pixels to paper points: a symbol of 9 px on screen prints at about 6.5 pt.
inline constexpr double kPxToPt = 0.72;

void ringPath(cairo_t* cr, const Ring& r, const PageTransform& t);
void geometryPath(cairo_t* cr, const Geometry& g, const PageTransform& t);
// Whether a layer is printed: the safety layers always, the others as they are on screen.
bool printed(const Layer& l);
// The areas (fills and outlines) of one layer; district fills fade outside the chosen district.
void drawAreas(const Canvas& c, const Layer& l, const Project& p, int district, const PageTransform& t);
// A raster layer over the frame (fx, fy, fw, fh in points), painted by the screen's evaluator at about 200 dpi.
void drawRaster(const Canvas& c, const Layer& l, const PageTransform& t, double fx, double fy, double fw, double fh);
void drawNorthArrow(const Canvas& c, double x, double y, double k, Lang lang);
void drawScaleBar(const Canvas& c, const PageTransform& t, double fx, double fy, double fw, double fh, double k);
// What every printed map has around it: its frame, the north arrow and the scale bar.
void drawMapFurniture(const Canvas& c, const PageTransform& t, double fx, double fy, double fw, double fh, double k,
                      Lang lang);

}  // namespace safetymap::print
