// The community safety centres' printout (File › Print district…): the dialog's choices become print options; the
// page-1 preview and the PDF are jobs on their own copy of the project, so the map stays live. A print can be
// cancelled from its progress bar; it then writes nothing.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "analysis/crime_table.hpp"
#include "jobs/snapshot.hpp"
#include "print/preview.hpp"
#include "render/texture.hpp"
#include "ui/room.hpp"

namespace fs = std::filesystem;

namespace safetymap::ui {

namespace {

class PrintRoom final : public Room {
 public:
  void poll(Workspace& ws) override {
    auto& d = ws.ui.print;
    const jobs::Job* printing = ws.jobs.find("print");
    d.busy = printing || ws.jobs.running("preview");
    d.progress = printing ? static_cast<float>(printing->fraction()) : 0.0f;
    if (!d.open || d.busy) return;
    if (d.requestPrint || d.dirty) {
      std::string error;
      auto o = options(ws, error);
      d.error = error;
      if (o) {
        if (d.requestPrint) {
          d.status = tr(ws.project.lang, "printdlg.rendering");
          startPrint(ws, *o);
        } else {
          startPreview(ws, *o);
        }
        d.busy = true;
      }
      (d.requestPrint ? d.requestPrint : d.dirty) = false;
    }
  }

  void draw(Workspace& ws) override {
    auto c = ws.panels();
    drawPrintDialog(c);
  }

  void apply(Workspace& ws) override {
    if (ws.ui.requestPrintDialog) {
      open(ws);
      ws.ui.requestPrintDialog = false;
    }
  }

 private:
  void open(Workspace& ws) {
    auto& d = ws.ui.print;
    const Project& p = ws.project;
    if (p.districts().empty()) return;
    if (!d.open) {
      d.district = std::max(0, p.selectedDistrict);
      d.lang = p.lang == Lang::En ? 1 : 0;
      if (auto period = analysis::defaultPeriod(p)) {
        std::snprintf(d.from, sizeof d.from, "%04d-%02d", period->from.year, period->from.month);
        std::snprintf(d.to, sizeof d.to, "%04d-%02d", period->to.year, period->to.month);
      }
      std::string name = p.districts()[static_cast<size_t>(d.district)].nameJa;
      std::string file = (fs::current_path() / ("地域安全マップ-" + name + ".pdf")).string();
      std::snprintf(d.out, sizeof d.out, "%s", file.c_str());
      d.error.clear(), d.status.clear();
    }
    if (!d.open) d.requestPrint = false;  // a click left over from a dialog closed before its preview was done
    d.open = d.justOpened = true;
    d.dirty = true;
  }

  std::optional<print::PrintOptions> options(const Workspace& ws, std::string& error) const {
    const auto& d = ws.ui.print;
    print::PrintOptions o;
    auto from = parseYearMonth(d.from), to = parseYearMonth(d.to);
    if (!from || !to) {
      error = tr(ws.project.lang, "printdlg.bad_month");
      return std::nullopt;
    }
    o.period = {*from, *to};
    o.perResident = ws.ui.crimeMeasure == 1;  // paper as the screen
    if (!o.period.valid()) {
      error = std::string(d.from) + " > " + d.to;
      return std::nullopt;
    }
    if (d.all)
      for (int i = 0; i < static_cast<int>(ws.project.districts().size()); ++i) o.districts.push_back(i);
    else
      o.districts.push_back(d.district);
    o.setup.paper = d.paper == 1 ? print::Paper::A3 : print::Paper::A4;
    o.setup.landscape = d.landscape;
    o.lang = d.lang == 1 ? Lang::En : Lang::Ja;
    o.out = d.out;
    return o;
  }

  void startPreview(Workspace& ws, const print::PrintOptions& o) {
    auto snapshot = jobs::snapshotProject(ws.project);
    auto image = std::make_shared<print::PreviewImage>();
    ws.jobs.start(
        "preview", tr(ws.project.lang, "printdlg.preview"), true,
        [=](jobs::JobProgress&) { *image = print::renderPreview(*snapshot, o, 1.25); },
        [this, &ws, image](bool cancelled) {
          if (cancelled || image->width <= 0) return;
          auto& d = ws.ui.print;
          texture_.upload(image->width, image->height, image->rgba);
          d.preview = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(texture_.id()));
          d.previewW = image->width, d.previewH = image->height, d.pages = image->pages;
        });
  }

  void startPrint(Workspace& ws, const print::PrintOptions& o) {
    auto snapshot = jobs::snapshotProject(ws.project);
    auto result = std::make_shared<print::PrintResult>();
    ws.jobs.start(
        "print", fs::path(o.out).filename().string(), true,
        [=](jobs::JobProgress& progress) {
          *result = print::printDistricts(
              *snapshot, o, [&](double f, const std::string& stage) { progress.stage(stage, f); }, progress.token());
        },
        [&ws, result, out = o.out](bool) {
          auto& d = ws.ui.print;
          const Lang lang = ws.project.lang;
          if (result->status) {
            d.written = out;
            d.status = fmt::format(fmt::runtime(tr(lang, "printdlg.written")), out, result->pages);
            ws.diag.info(out, d.status);
            ws.settings.addRecent(out);
          } else if (result->cancelled) {
            d.status = tr(lang, "printdlg.cancelled");
            d.error.clear();
            ws.diag.info(out, result->status.message());
          } else {
            d.error = result->status.message();
            ws.diag.error(out, result->status.message());
          }
        });
  }

  render::Texture texture_;
};

}  // namespace

std::unique_ptr<Room> makePrintRoom(Workspace&) {
  return std::make_unique<PrintRoom>();
}

}  // namespace safetymap::ui
