#pragma once
// Drawing on a page with cairo, text laid out by pango (Noto Sans CJK from fonts-noto-cjk, embedded
// in the PDF as a subset; text stays text). Units are PostScript points, origin top-left.
#include <cairo.h>

#include <string>

#include "core/layer.hpp"

namespace safetymap::print {

struct TextStyle {
  double size = 9;  // points
  bool bold = false;
  Rgba color{30, 30, 30, 255};
  double width = -1;  // wrap at this width (points); -1 = one line
  enum class Align { Left, Center, Right } align = Align::Left;
  bool halo = false;       // a white outline, for labels on the map
  bool ellipsize = false;  // with a width: one line, cut with "…" rather than wrapped
};

struct TextSize {
  double w = 0, h = 0;
};

class Canvas {
 public:
  explicit Canvas(cairo_t* cr) : cr_(cr) {}
  cairo_t* cr() const { return cr_; }
  TextSize measure(const std::string& text, const TextStyle& s) const;
  // Draws with the top-left of the text box at (x, y); returns its size.
  TextSize text(double x, double y, const std::string& text, const TextStyle& s) const;
  // One table cell: the text on one line inside a column of width w, `pad` in from its edges, cut with an
  // ellipsis when too long, left- or right-aligned.
  void cell(double x, double y, double w, const std::string& text, const TextStyle& s, bool right, double pad) const;
  void setColor(Rgba c, double alpha = 1.0) const;
  void rect(double x, double y, double w, double h, Rgba fill, double alpha = 1.0) const;
  void frame(double x, double y, double w, double h, Rgba stroke, double width) const;
  void line(double x0, double y0, double x1, double y1, Rgba c, double width) const;
  // A point symbol like the screen's (circle, square, triangle, diamond, star), centred at (x, y).
  void symbol(double x, double y, double size, PointShape shape, Rgba fill, Rgba stroke, double strokeWidth) const;

  static const char* fontFamily() { return "Noto Sans CJK JP"; }

 private:
  cairo_t* cr_;
};

}  // namespace safetymap::print
