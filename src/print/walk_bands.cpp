#include "print/walk_bands.hpp"

#include <cairo.h>

#include <cstdint>
#include <vector>

#include "analysis/overlay.hpp"
#include "core/palette.hpp"

namespace safetymap::print {

namespace {

Rgba bandColor(float metres, double speed) {
  return walkBandColor(walkBand(metres, speed));
}

// The walking-time bands of a centre-line network: each street piece in the colour of its time.
void drawNetworkBands(const Canvas& c, const analysis::WalkGraph& g, const analysis::EvacuationPlan& plan,
                      const PageTransform& t, double speed, double width, const Geometry& ward) {
  cairo_t* cr = c.cr();
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width(cr, width);
  for (auto [a, b] : g.edges()) {
    Vec2 p = g.node(a), q = g.node(b);
    if (!t.world.contains(p) && !t.world.contains(q)) continue;
    if (!ward.empty() && !contains(ward, p) && !contains(ward, q)) continue;  // nobody across the river walks here
    float d = std::max(plan.field.distance[static_cast<size_t>(a)], plan.field.distance[static_cast<size_t>(b)]);
    cairo_move_to(cr, t.px(p.x), t.py(p.y));
    cairo_line_to(cr, t.px(q.x), t.py(q.y));
    c.setColor(bandColor(d, speed), 0.85);
    cairo_stroke(cr);
  }
}

// The walking-time bands of the street cells inside the frame, as an image painted under the routes.
void drawGridBands(const Canvas& c, const analysis::WalkGrid& g, const analysis::EvacuationPlan& plan,
                   const PageTransform& t, double speed, const Geometry& ward) {
  auto c0 = g.cellAt({t.world.minx, t.world.maxy}), c1 = g.cellAt({t.world.maxx, t.world.miny});
  int x0 = c0 ? g.col(*c0) : 0, y0 = c0 ? g.row(*c0) : 0;
  int x1 = c1 ? g.col(*c1) : g.width - 1, y1 = c1 ? g.row(*c1) : g.height - 1;
  int w = x1 - x0 + 1, h = y1 - y0 + 1;
  if (w <= 0 || h <= 0) return;
  cairo_surface_t* img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
  unsigned char* px = cairo_image_surface_get_data(img);
  int stride = cairo_image_surface_get_stride(img);
  // The ward's streets only: the bands stop at its edge (nobody across the river belongs to a district).
  const Vec2 corner = g.centre(g.index(x0, y0));
  const Bounds window{corner.x - g.cell / 2, corner.y + g.cell / 2 - h * g.cell, corner.x - g.cell / 2 + w * g.cell,
                      corner.y + g.cell / 2};
  const auto inWard = ward.empty() ? std::vector<std::uint8_t>() : analysis::insideMask(ward, window, g.cell, w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      int cell = g.index(x0 + x, y0 + y);
      auto* p = reinterpret_cast<std::uint32_t*>(px + y * stride + x * 4);
      *p = 0;
      if (!g.walkable[static_cast<size_t>(cell)]) continue;
      if (!inWard.empty() && !inWard[static_cast<size_t>(y) * static_cast<size_t>(w) + static_cast<size_t>(x)])
        continue;
      Rgba col = bandColor(plan.field.distance[static_cast<size_t>(cell)], speed);
      const unsigned a = 210;  // premultiplied ARGB
      *p = (a << 24) | ((col.r * a / 255) << 16) | ((col.g * a / 255) << 8) | (col.b * a / 255);
    }
  cairo_surface_mark_dirty(img);
  cairo_t* cr = c.cr();
  cairo_save(cr);
  Vec2 topLeft = g.centre(g.index(x0, y0));
  cairo_translate(cr, t.px(topLeft.x - g.cell / 2), t.py(topLeft.y + g.cell / 2));
  cairo_scale(cr, g.cell * t.scale, g.cell * t.scale);
  cairo_set_source_surface(cr, img, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
  cairo_paint(cr);
  cairo_restore(cr);
  cairo_surface_destroy(img);
}

}  // namespace

void drawWalkBands(const Canvas& c, const analysis::WalkSurface& w, const analysis::EvacuationPlan& plan,
                    const PageTransform& t, double speed, double k, const Project& p) {
  const Geometry ward = p.wardArea();
  if (const auto* g = w.grid()) drawGridBands(c, *g, plan, t, speed, ward);
  if (const auto* g = w.graph()) drawNetworkBands(c, *g, plan, t, speed, 2.2 * k, ward);
}


}  // namespace safetymap::print
