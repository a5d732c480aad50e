// safetymap: the viewer, and its headless subcommands (stats, print, briefing, import, check, export).
#include <CLI/CLI.hpp>
#include <filesystem>

#include "app/briefing_command.hpp"
#include "app/data_commands.hpp"
#include "app/print_command.hpp"
#include "app/share_command.hpp"
#include "app/stats_command.hpp"
#include "core/text.hpp"
#include "ui/viewer.hpp"

namespace fs = std::filesystem;
using namespace safetymap;

static std::string defaultGeodata(const char* argv0) {
  // Next to the source tree the binary was built from, or the current directory's geodata/.
  for (fs::path p : {fs::path(SAFETYMAP_SOURCE_DIR) / "geodata", fs::current_path() / "geodata",
                     fs::path(argv0).parent_path() / "../geodata"})
    if (fs::exists(p / "layers.json")) return p.lexically_normal().string();
  return {};
}

int main(int argc, char** argv) {
  CLI::App app{"safetymap — 港区 安全マップ: community safety and disaster preparedness map of Minato Ward, Osaka"};
  ui::ViewerOptions opt;
  std::string lang, size;
  app.add_option("files", opt.files, "extra files to open as layers (anything GDAL reads)");
  app.add_option("--db", opt.database,
                 "open the shared store: \"PG:dbname=… host=… user=…\" (the password from ~/.pgpass or asked)");
  app.add_option("--geodata", opt.geodataDir, "the project folder with layers.json (default: the bundled geodata/)");
  app.add_option("--lang", lang, "UI language: ja (default) or en")->check(CLI::IsMember({"ja", "en"}));
  app.add_option("--district", opt.district, "start with this district chosen (Japanese or English name)");
  app.add_option("--plan", opt.policyItem,
                 "start with this plan item chosen: its layers shown, its indicators open (e.g. 2-2)");
  app.add_option("--screenshot", opt.screenshot, "render the settled view to this PNG and exit");
  app.add_option("--state-file", opt.stateFile, "write the viewer's state as JSON whenever it changes (for tests)");
  app.add_option("--bench-frames", opt.benchFrames,
                 "benchmark: once ready, draw this many frames with the camera moving, print the timings, exit");
  app.add_option("--size", size, "window size WIDTHxHEIGHT (default: remembered, else 1600x1000)");
  for (const char* role :
       {"districts", "tsunami_buildings", "safety_centres", "crimes", "shelters", "ward", "walk_network", "tsunami_depth",
        "base_image"}) {
    std::string flag = std::string("--") + role;
    std::replace(flag.begin(), flag.end(), '_', '-');
    app.add_option_function<std::string>(
        flag, [&opt, role](const std::string& f) { opt.roleFiles.emplace_back(role, f); },
        std::string("load this file as the ") + role + " layer, in place of the bundled one");
  }
  // Headless subcommands share --geodata, --lang and the role files with the viewer.
  app::StatsOptions statsOpt;
  auto* stats =
      app.add_subcommand("stats", "print the policy's indicators and per-district counts (what the policy panel shows)");
  stats->add_flag("--json", statsOpt.json, "JSON instead of text");
  stats->add_option("--district", statsOpt.district, "only this district (Japanese or English name)");
  stats->add_option("--project,--db", statsOpt.project,
                    "a saved project FILE.gpkg or the shared store \"PG:…\" (default: the bundled data)");
  stats->fallthrough();
  app::PrintCommandOptions printOpt;
  auto* printCmd =
      app.add_subcommand("print", "print a district's safety map and crime table to PDF (or --all as one atlas)");
  printCmd->add_option("--district", printOpt.district, "the district (Japanese or English name)");
  printCmd->add_option("--project,--db", printOpt.project,
                       "a saved project FILE.gpkg or the shared store \"PG:…\" (default: the bundled data)");
  printCmd->add_flag("--per-1000", printOpt.perResident,
                     "colour the 町丁目 by records per 1,000 residents (2015 census) instead of counts");
  printCmd->add_flag("--all", printOpt.all, "every district, one PDF");
  printCmd->add_option("--out", printOpt.out, "the PDF to write")->required();
  printCmd->add_option("--paper", printOpt.paper, "A4 (default) or A3");
  printCmd->add_flag("--landscape", printOpt.landscape, "landscape instead of portrait");
  printCmd->add_option("--from", printOpt.from, "first month YYYY-MM (default: 12 months up to the latest record)");
  printCmd->add_option("--to", printOpt.to, "last month YYYY-MM");
  printCmd->fallthrough();
  app::BriefingCommandOptions briefOpt;
  auto* briefCmd =
      app.add_subcommand("briefing", "the evacuation drill briefing of a district (routes, minutes, room) as PDF");
  briefCmd->add_option("--district", briefOpt.district, "the district (Japanese or English name)")->required();
  briefCmd->add_option("--project,--db", briefOpt.project,
                       "a saved project FILE.gpkg or the shared store \"PG:…\" (default: the bundled data)");
  briefCmd->add_option("--out", briefOpt.out, "the PDF to write");
  briefCmd->add_option("--speed", briefOpt.speed, "walking speed in m/s (default 1.0)");
  briefCmd->add_option("--support-speed", briefOpt.supportSpeed,
                       "walking speed of people needing support (default 0.5)");
  briefCmd->add_option("--mode", briefOpt.mode, "nearest (default) or capacity");
  briefCmd->add_option("--capacity", briefOpt.capacity, "assumed capacity of each building whose capacity is unknown");
  briefCmd->add_option("--cell", briefOpt.cell, "walking grid cell size in metres (default 2)");
  briefCmd->add_option("--walk-on", briefOpt.surface,
                       "auto (default: the --walk-network lines when given, else the road-surface grid), grid or "
                       "network");
  briefCmd->add_option("--deadline", briefOpt.deadlines,
                       "minutes after the quake to hold each walk against (repeatable; default 15 and 120: a short JMA "
                       "forecast and the prefecture's +1 m arrival at 港区)");
  briefCmd->add_flag("--only-tall-enough", briefOpt.onlyTallEnough,
                     "send no one to a building known to be too low for the tsunami depth at it (Osaka City's rule)");
  briefCmd->add_flag("--json", briefOpt.json, "print the analysis as JSON");
  briefCmd->fallthrough();
  app::DataCommandOptions dataOpt;
  auto* importCmd = app.add_subcommand(
      "import", "import records (police CSV in any encoding, GeoJSON, GeoPackage, Shapefile, KML) into a project");
  importCmd->add_option("--into", dataOpt.project, "the project GeoPackage (created from the bundled data if missing)")
      ->required();
  importCmd->add_option("files", dataOpt.files, "files to import")->required();
  importCmd->fallthrough();
  auto* checkCmd =
      app.add_subcommand("check", "report every problem of a file and what an import would do with each row");
  checkCmd->add_option("files", dataOpt.files, "files to check")->required();
  checkCmd->add_option("--into", dataOpt.project, "the project an import would go into (default: the bundled data)");
  checkCmd->fallthrough();
  auto* exportCmd = app.add_subcommand("export", "export a layer as GeoJSON (EPSG:4326) or CSV");
  exportCmd->add_option("--layer", dataOpt.layer, "the layer id (e.g. crimes)")->required();
  exportCmd->add_option("--out", dataOpt.out, "FILE.geojson or FILE.csv")->required();
  exportCmd->add_option("--project", dataOpt.project, "a saved project (default: the bundled data)");
  exportCmd->add_option("--encoding", dataOpt.encoding, "CSV encoding: utf-8 (default, with BOM) or sjis")
      ->check(CLI::IsMember({"utf-8", "sjis", "shift_jis", "cp932"}));
  exportCmd->fallthrough();
  app::ShareOptions shareOpt;
  auto* shareCmd = app::addShareCommands(app, shareOpt);
  CLI11_PARSE(app, argc, argv);
  if (!lang.empty()) opt.lang = parseLang(lang);
  if (opt.geodataDir.empty()) opt.geodataDir = defaultGeodata(argv[0]);
  if (*stats) {
    statsOpt.geodataDir = opt.geodataDir;
    statsOpt.roleFiles = opt.roleFiles;
    statsOpt.lang = opt.lang.value_or(Lang::Ja);
    return app::runStats(statsOpt);
  }
  dataOpt.geodataDir = opt.geodataDir;
  dataOpt.lang = opt.lang.value_or(Lang::Ja);
  if (*importCmd) return app::runImport(dataOpt);
  if (*shareCmd) {
    shareOpt.geodataDir = opt.geodataDir;
    shareOpt.roleFiles = opt.roleFiles;
    return app::runShare(*shareCmd, shareOpt);
  }
  if (*briefCmd) {
    briefOpt.geodataDir = opt.geodataDir;
    briefOpt.roleFiles = opt.roleFiles;
    briefOpt.lang = opt.lang.value_or(Lang::Ja);
    return app::runBriefing(briefOpt);
  }
  if (*checkCmd) return app::runCheck(dataOpt);
  if (*exportCmd) return app::runExport(dataOpt);
  if (*printCmd) {
    printOpt.geodataDir = opt.geodataDir;
    printOpt.roleFiles = opt.roleFiles;
    printOpt.lang = opt.lang.value_or(Lang::Ja);
    return app::runPrint(printOpt);
  }
  if (!size.empty()) {
    int w = 0, h = 0;
    if (std::sscanf(size.c_str(), "%dx%d", &w, &h) != 2 || w < 320 || h < 240) {
      std::fprintf(stderr, "safetymap: --size must look like 1600x1000\n");
      return 2;
    }
    opt.width = w, opt.height = h, opt.sizeGiven = true;
  }
  if ((!opt.screenshot.empty() || opt.benchFrames > 0) && !opt.sizeGiven)
    opt.sizeGiven = true;  // screenshots and benchmarks are reproducible: 1600x1000
  return ui::runViewer(opt);
}
