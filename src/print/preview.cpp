#include "print/preview.hpp"

#include "analysis/crime_table.hpp"
#include "print/map_page.hpp"
#include "print/print_job.hpp"
#include "print/table_pages.hpp"

namespace safetymap::print {

PreviewImage renderPreview(const Project& shown, const PrintOptions& o, double pxPerPt) {
  PreviewImage img;
  if (o.districts.empty()) return img;
  const Project project = printedProject(shown, o);
  img.width = static_cast<int>(o.setup.width() * pxPerPt);
  img.height = static_cast<int>(o.setup.height() * pxPerPt);
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, img.width, img.height);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, pxPerPt, pxPerPt);
  for (int d : o.districts) img.pages += 1 + tablePageCount(o.setup, analysis::buildCrimeTable(project, d, o.period));
  auto table = analysis::buildCrimeTable(project, o.districts.front(), o.period);
  PageInfo info{o.lang, o.printedDate.empty() ? today() : o.printedDate, 1, img.pages};
  const auto impact = analysis::tsunamiImpact(project);
  drawMapPage(Canvas(cr), o.setup, info, project, o.districts.front(), table, impact ? &*impact : nullptr);
  cairo_destroy(cr);
  cairo_surface_flush(s);
  // cairo's ARGB32 is premultiplied, native-endian (BGRA in memory on x86): to straight RGBA.
  const unsigned char* src = cairo_image_surface_get_data(s);
  int stride = cairo_image_surface_get_stride(s);
  img.rgba.resize(static_cast<size_t>(img.width) * img.height * 4);
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      const unsigned char* p = src + y * stride + x * 4;
      auto* q = &img.rgba[(static_cast<size_t>(y) * img.width + x) * 4];
      q[0] = p[2], q[1] = p[1], q[2] = p[0], q[3] = 255;
    }
  cairo_surface_destroy(s);
  return img;
}

}  // namespace safetymap::print
