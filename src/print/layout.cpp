#include "print/layout.hpp"

#include <fmt/format.h>

namespace safetymap::print {

double PageSetup::width() const {
  double w = paper == Paper::A3 ? 841.89 : 595.28, h = paper == Paper::A3 ? 1190.55 : 841.89;
  return landscape ? h : w;
}

double PageSetup::height() const {
  double w = paper == Paper::A3 ? 841.89 : 595.28, h = paper == Paper::A3 ? 1190.55 : 841.89;
  return landscape ? w : h;
}

std::string periodText(const Period& p, Lang lang) {
  return fmt::format(fmt::runtime(tr(lang, "print.period")), p.from.year, p.from.month, p.to.year, p.to.month);
}

std::string districtTitle(const Project& p, int district, Lang lang) {
  if (district < 0) return lang == Lang::En ? "Minato Ward" : "港区全";
  const District& d = p.districts()[static_cast<size_t>(district)];
  return lang == Lang::En && !d.nameEn.empty() ? d.nameEn : d.nameJa;
}

void drawFooter(const Canvas& c, const PageSetup& s, const PageInfo& info, const Project& project, bool syntheticCrimes,
                const std::string& extraNote) {
  double k = s.scale(), m = s.margin();
  double y = s.height() - m - 30 * k;
  c.line(m, y - 4 * k, s.width() - m, y - 4 * k, {150, 150, 150, 255}, 0.5);
  TextStyle small{6.5 * k};
  small.width = s.width() - 2 * m - 60 * k;
  std::string notes;
  const Layer* d = project.layerByRole(LayerRole::Districts);
  if (d && d->provenance.approximate) notes += tr(info.lang, "legend.approximate");
  if (syntheticCrimes) notes += (notes.empty() ? "" : "  ") + std::string(tr(info.lang, "legend.synthetic"));
  if (!extraNote.empty()) notes += (notes.empty() ? "" : "  ") + extraNote;
  TextSize t = c.text(m, y, tr(info.lang, "map.attribution"), small);
  if (!notes.empty()) {
    TextStyle warn = small;
    warn.color = {170, 70, 0, 255};
    warn.bold = true;
    c.text(m, y + t.h + 1, notes, warn);
  }
  TextStyle page{8 * k};
  page.align = TextStyle::Align::Right;
  page.width = 60 * k;
  c.text(s.width() - m - 60 * k, y, fmt::format(fmt::runtime(tr(info.lang, "print.page")), info.page, info.pages),
         page);
  TextStyle date = small;
  date.width = 60 * k;
  date.align = TextStyle::Align::Right;
  c.text(s.width() - m - 60 * k, y + 12 * k,
         fmt::format(fmt::runtime(tr(info.lang, "print.printed")), info.printedDate), date);
}

}  // namespace safetymap::print
