#include "print/print_job.hpp"

#include <cairo-pdf.h>
#include <fmt/format.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>

#include "analysis/crime_table.hpp"
#include "io/layer_writer.hpp"
#include "print/map_page.hpp"
#include "print/table_pages.hpp"

namespace fs = std::filesystem;

namespace safetymap::print {

std::string today() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

PrintResult printDistricts(const Project& project, const PrintOptions& o, const PrintProgress& progress) {
  PrintResult r;
  if (o.districts.empty()) {
    r.error = o.out + ": no district to print";
    return r;
  }
  // The tables first: they decide how many pages there are, so every page can say "n / N".
  std::vector<analysis::CrimeTable> tables;
  std::vector<int> tablePages;
  int total = 0;
  for (int d : o.districts) {
    tables.push_back(analysis::buildCrimeTable(project, d, o.period));
    tablePages.push_back(tablePageCount(o.setup, tables.back()));
    total += 1 + tablePages.back();
  }
  fs::path target = fs::absolute(o.out);
  std::error_code ec;
  if (!fs::is_directory(target.parent_path(), ec)) {
    r.error = o.out + ": the folder " + target.parent_path().string() + " does not exist";
    return r;
  }
  std::string tmp =
      (target.parent_path() / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()))).string();
  cairo_surface_t* surface = cairo_pdf_surface_create(tmp.c_str(), o.setup.width(), o.setup.height());
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    r.error = o.out + ": cannot write here (" + cairo_status_to_string(cairo_surface_status(surface)) + ")";
    cairo_surface_destroy(surface);
    fs::remove(tmp, ec);
    return r;
  }
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                 (std::string(tr(o.lang, "app.title")) + " — " + periodText(o.period, o.lang)).c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "safetymap");
  cairo_t* cr = cairo_create(surface);
  Canvas canvas(cr);
  PageInfo info{o.lang, o.printedDate.empty() ? today() : o.printedDate, 0, total};
  for (size_t i = 0; i < o.districts.size(); ++i) {
    int d = o.districts[i];
    if (progress) progress(double(i) / double(o.districts.size()), districtTitle(project, d, o.lang));
    ++info.page;
    r.mapPages.push_back(info.page);
    drawMapPage(canvas, o.setup, info, project, d, tables[i]);
    cairo_show_page(cr);
    for (int t = 0; t < tablePages[i]; ++t) {
      ++info.page;
      drawTablePage(canvas, o.setup, info, project, d, tables[i], t);
      cairo_show_page(cr);
    }
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    r.error = o.out + ": writing the PDF failed (" + cairo_status_to_string(status) + ")";
    fs::remove(tmp, ec);
    return r;
  }
  std::string err;
  if (!io::commitFile(tmp, target.string(), err)) {
    r.error = o.out + ": cannot replace the file (" + err + ")";
    return r;
  }
  if (progress) progress(1.0, "done");
  r.ok = true;
  r.pages = total;
  return r;
}

}  // namespace safetymap::print
