#include "print/table_pages.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace safetymap::print {

namespace {
constexpr double kChartRows = 7;  // the trend chart's height in table rows
constexpr size_t kTownRows = 20;  // 町丁目 rows on the first page; the rest are summed in one line (the ward has 58)

size_t townRows(const analysis::CrimeTable& t) {
  return t.towns.size() <= kTownRows ? t.towns.size() : kTownRows + 1;
}

// Fixed row metrics, so the page count is known before anything is drawn.
struct Metrics {
  double k, m, top, bottom, row, headH, countsH;
  int firstRows, rows;
};

Metrics metrics(const PageSetup& s, const analysis::CrimeTable& t) {
  Metrics x{};
  x.k = s.scale();
  x.m = s.margin();
  x.top = x.m + 44 * x.k;                  // below the page title
  x.bottom = s.height() - x.m - 40 * x.k;  // above the footer
  x.row = 12.5 * x.k;
  x.headH = 2 * x.row + 4 * x.k;  // section heading + column header
  x.countsH = x.headH + (static_cast<double>(t.counts.size()) + 1) * x.row + 14 * x.k;
  if (!t.towns.empty()) x.countsH += x.headH + static_cast<double>(townRows(t)) * x.row + 14 * x.k;
  if (!t.byYear.empty()) x.countsH += x.row + 2 * x.k + kChartRows * x.row + 14 * x.k;
  x.firstRows = std::max(0, static_cast<int>((x.bottom - x.top - x.countsH - x.headH) / x.row));
  x.rows = std::max(1, static_cast<int>((x.bottom - x.top - x.headH) / x.row));
  return x;
}

std::string change(int now, std::optional<int> before) {
  if (!before) return "—";
  int d = now - *before;
  return d > 0 ? fmt::format("+{}", d) : fmt::format("{}", d);
}
}  // namespace

int tablePageCount(const PageSetup& s, const analysis::CrimeTable& t) {
  Metrics x = metrics(s, t);
  int n = static_cast<int>(t.records.size());
  if (n <= x.firstRows) return 1;
  return 1 + (n - x.firstRows + x.rows - 1) / x.rows;
}

void drawTablePage(const Canvas& c, const PageSetup& s, const PageInfo& info, const Project& p, int district,
                   const analysis::CrimeTable& t, int index) {
  Metrics x = metrics(s, t);
  Lang lang = info.lang;
  double k = x.k, m = x.m, w = s.width() - 2 * m;
  const Layer* crimes = p.layerByRole(LayerRole::Crimes);

  std::string name = districtTitle(p, district, lang);
  TextStyle title{14 * k, true};
  std::string heading = fmt::format(fmt::runtime(tr(lang, "print.table_title")), name);
  if (index > 0) heading += " " + std::string(tr(lang, "print.continued"));
  TextSize ts = c.text(m, m, heading, title);
  TextStyle sub{9 * k};
  sub.color = {70, 70, 70, 255};
  c.text(m, m + ts.h + 2, periodText(t.period, lang), sub);

  TextStyle cell{8 * k};
  TextStyle head{8 * k, true};
  TextStyle sect{10 * k, true};
  const Rgba rule{150, 150, 150, 255}, band{238, 242, 246, 255};
  double y = x.top;
  auto colText = [&](double cx, double cw, const std::string& s, const TextStyle& st, bool right = false) {
    c.cell(cx, y + 2 * k, cw, s, st, right, 2 * k);
  };

  if (index == 0) {
    // Counts per type, this period beside the previous one.
    c.text(m, y, tr(lang, "print.counts"), sect);
    y += x.row + 2 * k;
    double c0 = m, c1 = m + w * 0.40, c2 = m + w * 0.58, c3 = m + w * 0.86;
    std::string prevHead = t.previousPeriod ? fmt::format(fmt::runtime(tr(lang, "print.prev_period")),
                                                          t.previousPeriod->from.year, t.previousPeriod->from.month,
                                                          t.previousPeriod->to.year, t.previousPeriod->to.month)
                                            : std::string(tr(lang, "print.prev_none"));
    // The three count columns (this period, the previous one, the change) and the header of such a table.
    auto counts = [&](int now, std::optional<int> before, const TextStyle& st) {
      colText(c1, c2 - c1, fmt::format("{}", now), st, true);
      colText(c2, c3 - c2, before ? fmt::format("{}", *before) : "—", st, true);
      colText(c3, m + w - c3, change(now, before), st, true);
    };
    auto header = [&](const char* first) {
      c.rect(m, y, w, x.row, band);
      colText(c0, c1 - c0, tr(lang, first), head);
      colText(c1, c2 - c1, tr(lang, "print.this_period"), head, true);
      colText(c2, c3 - c2, prevHead, head, true);
      colText(c3, m + w - c3, tr(lang, "print.change"), head, true);
      y += x.row;
    };
    header("print.type");
    for (const auto& tc : t.counts) {
      Rgba col = crimes && tc.category >= 0 && static_cast<size_t>(tc.category) < crimes->style.categories.size()
                     ? crimes->style.categories[static_cast<size_t>(tc.category)].color
                     : Rgba{150, 150, 150, 255};
      if (crimes)
        c.symbol(c0 + 7 * k, y + x.row / 2 + 1.5 * k, 6 * k, crimes->style.shape, col, crimes->style.stroke, 0.4);
      colText(c0 + 12 * k, c1 - c0 - 12 * k, dataValueName(tc.type, lang), cell);
      if (tc.noRecords) {  // no open records of this type are loaded: never a 0 that reads like a fact
        TextStyle none = cell;
        none.color = {120, 120, 120, 255};
        colText(c1, m + w - c1, tr(lang, "crime.no_records"), none, true);
      } else {
        counts(tc.count, tc.previous, cell);
      }
      y += x.row;
      c.line(m, y, m + w, y, rule, 0.3);
    }
    colText(c0, c1 - c0, tr(lang, "print.total"), head);
    counts(t.total, t.previousTotal, head);
    y += x.row + 14 * k;
    if (!t.towns.empty()) {
      // Counts per 町丁目, the unit the police records are located by (the choropleth on the map page).
      c.text(m, y, tr(lang, "print.towns"), sect);
      y += x.row + 2 * k;
      header("print.town");
      for (size_t i = 0; i < t.towns.size() && i < kTownRows; ++i) {
        const auto& tc = t.towns[i];
        colText(c0, c1 - c0, tc.town, cell);
        counts(tc.count, tc.previous, cell);
        y += x.row;
        c.line(m, y, m + w, y, rule, 0.3);
      }
      if (t.towns.size() > kTownRows) {  // the fewest last: summed, so the table still adds up
        int rest = 0;
        for (size_t i = kTownRows; i < t.towns.size(); ++i) rest += t.towns[i].count;
        colText(c0, c1 - c0, fmt::format(fmt::runtime(tr(lang, "print.towns_more")), t.towns.size() - kTownRows), cell);
        colText(c1, c2 - c1, fmt::format("{}", rest), cell, true);
        y += x.row;
      }
      y += 14 * k;
    }
    if (!t.byYear.empty()) {
      // The trend the plan asks about: records per year (by each record's date), and per 1,000 residents.
      c.text(m, y, tr(lang, t.population > 0 ? "plan.chart_note_rate" : "plan.chart_note"), sect);
      y += x.row + 2 * k;
      int most = 1;
      for (const auto& [yr, n] : t.byYear) most = std::max(most, n);
      const double chartH = (kChartRows - 2.5) * x.row,
                   barW = std::min(60 * k, w / static_cast<double>(t.byYear.size()));
      const double base = y + 0.8 * x.row + chartH;
      double bx = m;
      TextStyle small = cell;
      small.align = TextStyle::Align::Center;
      small.width = barW - 8 * k;
      for (const auto& [yr, n] : t.byYear) {
        double h = chartH * n / most;
        c.rect(bx + 4 * k, base - h, barW - 8 * k, h, {117, 107, 177, 255});
        c.text(bx + 4 * k, base - h - x.row * 0.9, fmt::format("{}", n), small);
        c.text(bx + 4 * k, base + 2 * k, fmt::format("{}", yr), small);
        if (t.population > 0)
          c.text(bx + 4 * k, base + 2 * k + x.row * 0.8,
                 fmt::format("{:.1f}", 1000.0 * n / static_cast<double>(t.population)), small);
        bx += barW;
      }
      c.line(m, base, m + barW * static_cast<double>(t.byYear.size()), base, Rgba{30, 30, 30, 255}, 0.5);
      y += kChartRows * x.row + 14 * k;
    }
  }

  // Every incident by date; the column header repeats on each page.
  c.text(m, y, tr(lang, "print.incidents"), sect);
  y += x.row + 2 * k;
  double d0 = m, d1 = m + w * 0.16, d2 = m + w * 0.23, d3 = m + w * 0.45, d4 = m + w * 0.70;
  c.rect(m, y, w, x.row, band);
  colText(d0, d1 - d0, tr(lang, "print.date"), head);
  colText(d1, d2 - d1, tr(lang, "print.hour"), head, true);
  colText(d2, d3 - d2, tr(lang, "print.type"), head);
  colText(d3, d4 - d3, tr(lang, "print.town"), head);
  colText(d4, m + w - d4, tr(lang, "print.place"), head);
  y += x.row;
  int first = index == 0 ? 0 : x.firstRows + (index - 1) * x.rows;
  int count = index == 0 ? x.firstRows : x.rows;
  if (t.records.empty()) {
    TextStyle none = cell;
    none.color = {120, 120, 120, 255};
    c.text(m + 4 * k, y + 2 * k, tr(lang, "print.none"), none);
  }
  for (int i = first; i < first + count && i < static_cast<int>(t.records.size()); ++i) {
    const auto& r = t.records[static_cast<size_t>(i)];
    std::string date = r.day ? fmt::format("{}-{:02}-{:02}", r.month.year, r.month.month, r.day)
                             : fmt::format("{}-{:02}", r.month.year, r.month.month);
    colText(d0, d1 - d0, date, cell);
    colText(d1, d2 - d1, r.hour, cell, true);
    Rgba col = crimes && r.category >= 0 && static_cast<size_t>(r.category) < crimes->style.categories.size()
                   ? crimes->style.categories[static_cast<size_t>(r.category)].color
                   : Rgba{150, 150, 150, 255};
    if (crimes)
      c.symbol(d2 + 7 * k, y + x.row / 2 + 1.5 * k, 5 * k, crimes->style.shape, col, crimes->style.stroke, 0.3);
    colText(d2 + 12 * k, d3 - d2 - 12 * k, dataValueName(r.type, lang), cell);
    colText(d3, d4 - d3, r.town, cell);
    colText(d4, m + w - d4, dataValueName(r.place, lang), cell);
    y += x.row;
    c.line(m, y, m + w, y, rule, 0.2);
  }
  drawFooter(c, s, info, p, t.synthetic);
}

}  // namespace safetymap::print
