#include "print/print_job.hpp"

#include <cairo-pdf.h>
#include <fmt/format.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>

#include "analysis/crime_choropleth.hpp"
#include "analysis/crime_table.hpp"
#include "print/map_page.hpp"
#include "print/pdf_file.hpp"
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

Project printedProject(const Project& shown, const PrintOptions& o) {
  Project project = shown;  // shares the layers: the choropleth below changes its own copy of the 町丁目
  analysis::applyCrimeChoropleth(
      project, o.perResident ? analysis::CrimeMeasure::RatePer1000 : analysis::CrimeMeasure::Count, o.period);
  return project;
}

PrintResult printDistricts(const Project& shown, const PrintOptions& o, const PrintProgress& progress,
                           std::stop_token stop) {
  PrintResult r;
  auto cancelled = [&] {
    if (!stop.stop_requested()) return false;
    r.cancelled = true;
    r.status = Status::failure(o.out + ": printing cancelled; nothing was written");
    return true;  // a PdfFile not committed removes its temporary file
  };
  const Project project = printedProject(shown, o);
  if (o.districts.empty()) {
    r.status = Status::failure(o.out + ": no district to print");
    return r;
  }
  // The tables first: they decide how many pages there are, so every page can say "n / N".
  std::vector<analysis::CrimeTable> tables;
  std::vector<int> tablePages;
  int total = 0;
  for (int d : o.districts) {
    if (cancelled()) return r;
    tables.push_back(analysis::buildCrimeTable(project, d, o.period));
    tablePages.push_back(tablePageCount(o.setup, tables.back()));
    total += 1 + tablePages.back();
  }
  PdfFile pdf(o.out, o.setup.width(), o.setup.height());
  if (!pdf.status()) {
    r.status = pdf.status();
    return r;
  }
  pdf.setTitle(std::string(tr(o.lang, "app.title")) + " — " + periodText(o.period, o.lang));
  cairo_t* cr = pdf.cr();
  Canvas canvas(cr);
  PageInfo info{o.lang, o.printedDate.empty() ? today() : o.printedDate, 0, total};
  const auto impact = analysis::tsunamiImpact(project);  // once for every district's page
  for (size_t i = 0; i < o.districts.size(); ++i) {
    int d = o.districts[i];
    if (progress) progress(double(i) / double(o.districts.size()), districtTitle(project, d, o.lang));
    if (cancelled()) return r;
    ++info.page;
    r.mapPages.push_back(info.page);
    drawMapPage(canvas, o.setup, info, project, d, tables[i], impact ? &*impact : nullptr);
    pdf.nextPage();
    for (int t = 0; t < tablePages[i]; ++t) {
      if (cancelled()) return r;
      ++info.page;
      drawTablePage(canvas, o.setup, info, project, d, tables[i], t);
      pdf.nextPage();
    }
  }
  if (r.status = pdf.commit(); !r.status) return r;
  if (progress) progress(1.0, "done");
  r.pages = total;
  return r;
}

}  // namespace safetymap::print
