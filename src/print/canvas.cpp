#include "print/canvas.hpp"

#include <pango/pangocairo.h>

#include <cmath>
#include <memory>

namespace safetymap::print {

namespace {
struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;

LayoutPtr makeLayout(cairo_t* cr, const std::string& text, const TextStyle& s) {
  LayoutPtr layout(pango_cairo_create_layout(cr));
  PangoFontDescription* fd = pango_font_description_new();
  pango_font_description_set_family(fd, Canvas::fontFamily());
  pango_font_description_set_weight(fd, s.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size(fd, s.size * PANGO_SCALE);
  pango_layout_set_font_description(layout.get(), fd);
  pango_font_description_free(fd);
  if (s.width > 0) {
    pango_layout_set_width(layout.get(), static_cast<int>(s.width * PANGO_SCALE));
    if (s.ellipsize)
      pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
    else
      pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_alignment(layout.get(), s.align == TextStyle::Align::Center  ? PANGO_ALIGN_CENTER
                                           : s.align == TextStyle::Align::Right ? PANGO_ALIGN_RIGHT
                                                                                : PANGO_ALIGN_LEFT);
  pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
  return layout;
}
}  // namespace

TextSize Canvas::measure(const std::string& text, const TextStyle& s) const {
  auto layout = makeLayout(cr_, text, s);
  int w = 0, h = 0;
  pango_layout_get_size(layout.get(), &w, &h);
  return {s.width > 0 ? s.width : double(w) / PANGO_SCALE, double(h) / PANGO_SCALE};
}

TextSize Canvas::text(double x, double y, const std::string& text, const TextStyle& s) const {
  auto layout = makeLayout(cr_, text, s);
  int w = 0, h = 0;
  pango_layout_get_size(layout.get(), &w, &h);
  cairo_save(cr_);
  cairo_move_to(cr_, x, y);
  if (s.halo) {  // outline first, then the glyphs: legible over any map colour
    pango_cairo_layout_path(cr_, layout.get());
    cairo_set_source_rgba(cr_, 1, 1, 1, 0.9);
    cairo_set_line_width(cr_, std::max(1.5, s.size * 0.25));
    cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr_);
    cairo_move_to(cr_, x, y);
  }
  setColor(s.color);
  pango_cairo_show_layout(cr_, layout.get());
  cairo_restore(cr_);
  return {s.width > 0 ? s.width : double(w) / PANGO_SCALE, double(h) / PANGO_SCALE};
}

void Canvas::cell(double x, double y, double w, const std::string& t, const TextStyle& s, bool right,
                  double pad) const {
  TextStyle one = s;
  one.width = w - 2 * pad;
  one.ellipsize = true;
  if (right) one.align = TextStyle::Align::Right;
  text(x + pad, y, t, one);
}

void Canvas::setColor(Rgba c, double alpha) const {
  cairo_set_source_rgba(cr_, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0 * alpha);
}

void Canvas::rect(double x, double y, double w, double h, Rgba fill, double alpha) const {
  setColor(fill, alpha);
  cairo_rectangle(cr_, x, y, w, h);
  cairo_fill(cr_);
}

void Canvas::frame(double x, double y, double w, double h, Rgba stroke, double width) const {
  setColor(stroke);
  cairo_set_line_width(cr_, width);
  cairo_rectangle(cr_, x, y, w, h);
  cairo_stroke(cr_);
}

void Canvas::line(double x0, double y0, double x1, double y1, Rgba c, double width) const {
  setColor(c);
  cairo_set_line_width(cr_, width);
  cairo_move_to(cr_, x0, y0);
  cairo_line_to(cr_, x1, y1);
  cairo_stroke(cr_);
}

void Canvas::symbol(double x, double y, double size, PointShape shape, Rgba fill, Rgba stroke, double sw) const {
  double r = size / 2;
  cairo_new_path(cr_);
  switch (shape) {
    case PointShape::Square: cairo_rectangle(cr_, x - r, y - r, 2 * r, 2 * r); break;
    case PointShape::Triangle:
      cairo_move_to(cr_, x, y - r);
      cairo_line_to(cr_, x + r, y + r * 0.8);
      cairo_line_to(cr_, x - r, y + r * 0.8);
      cairo_close_path(cr_);
      break;
    case PointShape::Diamond:
      cairo_move_to(cr_, x, y - r);
      cairo_line_to(cr_, x + r, y);
      cairo_line_to(cr_, x, y + r);
      cairo_line_to(cr_, x - r, y);
      cairo_close_path(cr_);
      break;
    case PointShape::Star:
      for (int i = 0; i < 10; ++i) {
        double a = -M_PI / 2 + i * M_PI / 5, rr = (i % 2) ? r * 0.45 : r;
        if (i == 0)
          cairo_move_to(cr_, x + std::cos(a) * rr, y + std::sin(a) * rr);
        else
          cairo_line_to(cr_, x + std::cos(a) * rr, y + std::sin(a) * rr);
      }
      cairo_close_path(cr_);
      break;
    default: cairo_arc(cr_, x, y, r, 0, 2 * M_PI);
  }
  setColor(fill);
  cairo_fill_preserve(cr_);
  setColor(stroke);
  cairo_set_line_width(cr_, sw);
  cairo_stroke(cr_);
}

}  // namespace safetymap::print
