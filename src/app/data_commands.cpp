#include "app/data_commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <set>
#include <thread>

#include "analysis/repair.hpp"
#include "analysis/ward_stats.hpp"
#include "io/exporter.hpp"
#include "io/layer_reader.hpp"
#include "io/project_file.hpp"
#include "io/raster_source.hpp"
#include "jobs/importer.hpp"
#include "jobs/load.hpp"

namespace fs = std::filesystem;

namespace safetymap::app {

namespace {
void printMessages(const Diagnostics& d, const char* prefix) {
  for (const auto& m : d.snapshot()) {
    const char* sev = m.severity == Severity::Error ? "error" : m.severity == Severity::Warning ? "warning" : "info";
    std::fprintf(stderr, "%s %s: %s\n", prefix, sev, m.str().c_str());
  }
}

// The project a command works on: a saved one, or the bundled data.
bool loadProject(const std::string& path, const std::string& geodata, Project& project, io::ProjectView& view,
                 Diagnostics& diag) {
  std::error_code ec;
  if (!path.empty() && fs::exists(path, ec)) {
    auto v = jobs::openProjectNow(path, geodata, project, diag);
    if (!v) return false;
    view = *v;
    return true;
  }
  project = jobs::loadProjectNow(geodata, {}, diag, false, /*withRoads=*/true);
  return true;
}
}  // namespace

int runImport(const DataCommandOptions& o) {
  if (o.project.empty() || o.files.empty()) {
    std::fprintf(stderr, "safetymap import: usage: safetymap import --into PROJECT.gpkg FILE…\n");
    return 2;
  }
  Diagnostics diag(false);
  // The files are read on a second thread while the project loads and while their records are imported: neither
  // needs the other.
  std::vector<std::unique_ptr<Diagnostics>> fileDiags;
  std::vector<std::unique_ptr<jobs::ImportSource>> sources;
  for (const auto& file : o.files) {
    fileDiags.push_back(std::make_unique<Diagnostics>(false));
    sources.push_back(std::make_unique<jobs::ImportSource>(file));
  }
  std::jthread reading([&sources, &fileDiags] {
    for (size_t i = 0; i < sources.size(); ++i) sources[i]->read(*fileDiags[i]);
  });
  Project project;
  io::ProjectView view;
  if (!loadProject(o.project, o.geodataDir, project, view, diag)) {
    printMessages(diag, "safetymap import:");
    return 1;
  }
  // What loading the project found (a file outside it not read, a layer that could not be read).
  for (const auto& m : diag.snapshot())
    if (m.severity != Severity::Info) std::fprintf(stderr, "safetymap import: %s\n", m.str().c_str());
  diag.clear();
  int failed = 0;
  std::vector<std::string> summaries;  // printed once the save has made them true
  std::error_code ec;
  const bool isNew = !fs::exists(o.project, ec);
  bool changed = false;
  for (size_t i = 0; i < o.files.size(); ++i) {
    Diagnostics& fileDiag = *fileDiags[i];
    auto r = jobs::importFile(project, *sources[i], fileDiag);
    for (const auto& m : fileDiag.snapshot())
      if (m.severity != Severity::Info || m.text.find("encoding") != std::string::npos ||
          m.text.find("replaced") != std::string::npos || m.text.find("skipped") != std::string::npos)
        std::fprintf(stderr, "safetymap import: %s\n", m.str().c_str());
    if (!r.ok) {
      ++failed;
      continue;
    }
    summaries.push_back(r.summary(o.lang));
    changed = changed || r.imported > 0 || r.replacedSample;
  }
  // A new project file is made once a file was read, even with nothing new in it; never for files all refused.
  changed = changed || (isNew && !summaries.empty());
  if (!changed) {  // every file refused, or nothing new in them: the project is left exactly as it was
    for (const auto& s : summaries) std::printf("%s\n", s.c_str());
    std::fprintf(stderr,
                 isNew ? "safetymap import: nothing was imported: %s was not made\n"
                       : "safetymap import: nothing was imported: %s is as it was\n",
                 o.project.c_str());
    return failed || summaries.empty() ? 1 : 0;
  }
  io::SaveOptions so;
  if (const char* d = std::getenv("SAFETYMAP_TEST_SAVE_DELAY_US")) so.delayPerFeatureUs = std::atoi(d);
  if (const char* n = std::getenv("SAFETYMAP_TEST_SAVE_PROGRESS")) so.progressEvery = std::atoi(n);
  if (const char* n = std::getenv("SAFETYMAP_TEST_SAVE_FAIL_AFTER")) so.failAfterFeatures = std::atoi(n);
  // Progress on stderr (unbuffered), so a watcher sees each step as it happens.
  std::fprintf(stderr, "safetymap import: saving %s\n", o.project.c_str());
  if (!io::saveProject(project, view, o.project, diag, so)) {
    printMessages(diag, "safetymap import:");
    std::fprintf(stderr, "safetymap import: nothing was imported: %s is as it was\n", o.project.c_str());
    return 1;
  }
  printMessages(diag, "safetymap import:");  // e.g. the tables of others that the save kept
  std::fprintf(stderr, "safetymap import: saved %s\n", o.project.c_str());
  for (const auto& s : summaries) std::printf("%s\n", s.c_str());
  std::printf("saved %s\n", o.project.c_str());
  return failed ? 1 : 0;
}

namespace {
// What `check` says of a raster: its facts, and where it lies against the ward. Overviews are not built here.
void checkRaster(const std::string& file, const Layer* ward, Diagnostics& d) {
  io::RasterOpenOptions ro;
  ro.overviewsFrom = std::numeric_limits<int>::max();
  auto r = io::openRaster(file, d, ro);
  if (!r) return;
  const RasterInfo& i = r->info();
  d.info(file, fmt::format("raster ({}), {} × {} cells, {} band{} of {}{}", i.driver, i.width, i.height, i.bands,
                           i.bands == 1 ? "" : "s", i.bandType,
                           i.nodata ? fmt::format(", nodata {:g}", *i.nodata) : std::string(", no nodata value")));
  d.info(file, fmt::format("CRS {}; {:.2f} m cells {}", i.crs, i.cellMetres,
                           i.warped ? "once warped into the working CRS (EPSG:6674)"
                                    : "(read as it is: already in the working CRS)"));
  if (i.rgb)
    d.info(file, "drawn as it is (colours)");
  else
    d.info(file, fmt::format("band 1 values {:g} to {:g}", i.minValue, i.maxValue));
  const int side = std::max(i.width, i.height);
  if (i.overviews > 0)
    d.info(file, fmt::format("{} overview level{} in the file", i.overviews, i.overviews == 1 ? "" : "s"));
  else if (side > io::RasterOpenOptions{}.overviewsFrom)
    d.info(file, "no overviews: the viewer builds them once into its cache (" + io::overviewCacheDir() +
                     "), never into the file");
  else
    d.info(file, "no overviews (small enough not to need them)");
  if (!ward || ward->features.empty()) return;
  const Bounds w = ward->bounds(), e = i.extent;
  if (!e.intersects(w)) {
    const double dx = std::max({0.0, w.minx - e.maxx, e.minx - w.maxx}),
                 dy = std::max({0.0, w.miny - e.maxy, e.miny - w.maxy});
    d.warning(file, fmt::format("lies {:.1f} km from Minato Ward and covers none of it: is its CRS right?",
                                std::hypot(dx, dy) / 1000));
    return;
  }
  const double cover = std::max(0.0, std::min(e.maxx, w.maxx) - std::max(e.minx, w.minx)) *
                       std::max(0.0, std::min(e.maxy, w.maxy) - std::max(e.miny, w.miny)) / (w.width() * w.height());
  d.info(file, fmt::format("covers {:.0f} % of the ward's extent", 100 * cover));
}
}  // namespace

int runCheck(const DataCommandOptions& o) {
  if (o.files.empty()) {
    std::fprintf(stderr, "safetymap check: usage: safetymap check FILE…\n");
    return 2;
  }
  // The ward, to tell records outside it.
  Diagnostics quiet(false);
  std::shared_ptr<Layer> ward;
  if (!o.geodataDir.empty())
    if (auto w = io::readLayers((fs::path(o.geodataDir) / "derived" / "ward.geojson").string(), quiet); !w.empty())
      ward = w.front();
  // The project an import would go into (the given one, or the bundled data without its road surfaces,
  // which only refine where a record lands, not whether it can): each file is imported into a copy of it,
  // so check says exactly what import would do, row by row.
  Project target;
  {
    io::ProjectView view;
    std::error_code ec;
    if (!o.project.empty() && fs::exists(o.project, ec)) {
      if (!loadProject(o.project, o.geodataDir, target, view, quiet)) {
        printMessages(quiet, "safetymap check:");
        return 1;
      }
    } else if (!o.geodataDir.empty()) {
      target = jobs::loadProjectNow(o.geodataDir, {}, quiet, false, /*withRoads=*/false);
    }
  }
  // One copy for the whole batch, imported in order as `import` would (the layers it changes are copied on
  // write), so a record in two of the files is a duplicate the second time here too.
  Project trial = target;
  int problems = 0;
  for (const auto& file : o.files) {
    Diagnostics d(false);
    if (io::isRasterFile(file)) {
      checkRaster(file, ward.get(), d);
      for (const auto& m : d.snapshot()) {
        const char* sev = m.severity == Severity::Error     ? "error"
                          : m.severity == Severity::Warning ? "warning"
                                                            : "info";
        std::printf("%s: %s: %s\n", m.file.c_str(), sev, m.text.c_str());
      }
      const size_t n = d.count(Severity::Error) + d.count(Severity::Warning);
      if (n == 0) std::printf("%s: ok\n", file.c_str());
      problems += static_cast<int>(n);
      continue;
    }
    io::ReadOptions ro;
    ro.keepWithoutGeometry = true;
    // No repair: `check` reports invalid geometries one by one instead of repairing them.
    ro.strict = true;
    auto layers = io::readLayers(file, d, ro);
    auto report = [&](Severity s, const std::string& where, const std::string& what) {
      d.report(s, file, where.empty() ? what : where + ": " + what);
    };
    for (const auto& l : layers) {
      if (!l->provenance.encoding.empty()) report(Severity::Info, "", "text encoding: " + l->provenance.encoding);
      bool crimes = l->fieldIndex("手口") >= 0 || l->fieldIndex("罪名") >= 0;
      bool csv = !l->provenance.encoding.empty();
      if (csv && !crimes && !l->features.empty() && l->features.front().geometry.empty())
        report(Severity::Warning, "", "no coordinate columns: expected 緯度/経度, lat/lon or X/Y (plane metres)");
      if (crimes)
        for (const char* need : {"手口", "発生年月日（始期）", "町丁目（発生地）"})
          if (l->fieldIndex(need) < 0) report(Severity::Error, "", std::string("missing column ") + need);
      int outside = 0;
      for (size_t i = 0; i < l->features.size(); ++i) {
        const Feature& f = l->features[i];
        std::string where = (csv ? "row " : "feature ") + std::to_string(f.fid);
        if (!csv && f.geometry.empty()) report(Severity::Warning, where, "no geometry");
        if (!f.geometry.polygons.empty()) {
          auto r = analysis::checkAndRepair(f.geometry);
          if (!r.wasValid)
            report(
                Severity::Warning, where,
                "invalid geometry (" + r.reason + ")" + (r.repaired ? ", repairable with GEOS" : ", not repairable"));
        }
        if (!f.geometry.empty() && ward && !ward->features.empty() &&
            !contains(ward->features.front().geometry, f.geometry.bounds().center())) {
          if (++outside <= 20) report(Severity::Warning, where, "outside Minato Ward");
        }
        if (crimes) {
          const std::string* date = l->value(f, "発生年月日（始期）");
          if (date && !date->empty() && analysis::yearOf(*date) == 0)
            report(Severity::Warning, where, "date '" + *date + "' is not a date (expected YYYYMMDD)");
          const std::string* town = l->value(f, "町丁目（発生地）");
          if (f.geometry.empty() && (!town || town->empty()))
            report(Severity::Warning, where, "no coordinates and no 町丁目: the record cannot be placed");
        }
      }
      if (outside > 20)
        report(Severity::Warning, "", fmt::format("{} features in all lie outside Minato Ward", outside));
    }
    // The import itself, into a copy of the project (its crime layers copied: the import changes them).
    std::string verdict;
    if (!layers.empty() && !trial.layers().empty()) {
      Diagnostics dry(false);
      jobs::ImportReport r = jobs::importFile(trial, file, dry);
      for (const auto& m : dry.snapshot()) d.report(m.severity, m.file, m.text);
      verdict = r.summary(o.lang);
    }
    std::set<std::string> said;  // the strict read and the import's read find some things twice
    for (const auto& m : d.snapshot()) {
      const char* sev = m.severity == Severity::Error ? "error" : m.severity == Severity::Warning ? "warning" : "info";
      if (!said.insert(std::string(sev) + m.text).second) continue;
      std::printf("%s: %s: %s\n", m.file.c_str(), sev, m.text.c_str());
    }
    if (!verdict.empty())
      std::printf("%s: %s %s\n", file.c_str(),
                  o.lang == Lang::Ja ? "取り込むと:" : "an import would give:", verdict.c_str());
    size_t n = d.count(Severity::Error) + d.count(Severity::Warning);
    if (n == 0) std::printf("%s: ok\n", file.c_str());
    problems += static_cast<int>(n);
  }
  return problems ? 1 : 0;
}

int runExport(const DataCommandOptions& o) {
  if (o.layer.empty() || o.out.empty()) {
    std::fprintf(stderr, "safetymap export: usage: safetymap export --layer ID --out FILE.geojson|FILE.csv\n");
    return 2;
  }
  Diagnostics diag(false);
  Project project;
  io::ProjectView view;
  if (!loadProject(o.project, o.geodataDir, project, view, diag)) {
    printMessages(diag, "safetymap export:");
    return 1;
  }
  const Layer* l = project.layer(o.layer);
  if (!l) {
    std::string ids;
    for (const auto& x : project.layers()) ids += " " + x->id;
    std::fprintf(stderr, "safetymap export: no layer '%s'; the layers are:%s\n", o.layer.c_str(), ids.c_str());
    return 2;
  }
  Diagnostics out(false);
  io::ExportOptions eo;
  eo.shiftJis = o.encoding == "sjis" || o.encoding == "shift_jis" || o.encoding == "cp932";
  if (!io::exportLayer(*l, o.out, eo, out)) {
    printMessages(out, "safetymap export:");
    return 1;
  }
  std::printf("wrote %s (%zu features)\n", o.out.c_str(), l->features.size());
  return 0;
}

}  // namespace safetymap::app
