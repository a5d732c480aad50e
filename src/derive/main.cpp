// safetymap-derive: run by scripts/setup.sh. See geodata/README.md for what each layer is.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "derive/derive.hpp"
#include "io/layer_writer.hpp"

namespace fs = std::filesystem;
using namespace safetymap;

int main(int argc, char** argv) {
  CLI::App app{"Derives safetymap's layers from the official reference data"};
  derive::Paths paths;
  app.add_option("--reference", paths.reference, "the reference-data folder (../shared/reference-data)")
      ->check(CLI::ExistingDirectory);
  app.add_option("--geodata", paths.geodata, "the repository's geodata/ folder")->check(CLI::ExistingDirectory);
  app.add_option("--out", paths.out, "where to write the derived layers (geodata/derived)");
  auto* sample = app.add_subcommand("sample-crimes", "write the synthetic crime sample CSV (police format)");
  std::string sampleOut;
  std::uint64_t seed = 2021;
  sample->add_option("--out", sampleOut, "CSV to write")->required();
  sample->add_option("--seed", seed, "random seed");
  CLI11_PARSE(app, argc, argv);

  Diagnostics diag;
  try {
    if (*sample) {
      auto rows = derive::readTsv((fs::path(paths.geodata) / "facts/chome-districts.tsv").string());
      std::vector<std::string> towns;
      for (auto& r : rows) towns.push_back(r["town_chome"]);
      derive::writeCrimeSample(towns, sampleOut, seed);
      std::printf("wrote %s\n", sampleOut.c_str());
      return 0;
    }
    if (paths.reference.empty() || paths.geodata.empty() || paths.out.empty()) {
      std::fprintf(stderr, "safetymap-derive: --reference, --geodata and --out are required\n");
      return 2;
    }
    auto t0 = std::chrono::steady_clock::now();
    fs::create_directories(paths.out);
    io::WriteOptions geojson;
    geojson.layerOptions = {"RFC7946=YES", "COORDINATE_PRECISION=7", "WRITE_NAME=NO"};
    auto write = [&](const Layer& l, const char* name) {
      std::string path = (fs::path(paths.out) / name).string();
      if (!io::writeLayer(l, path, geojson, diag)) throw std::runtime_error("cannot write " + path);
      std::printf("derive: %-24s %5zu features\n", name, l.features.size());
    };
    Layer ward = derive::deriveWard(paths, diag);
    write(ward, "ward.geojson");
    write(derive::deriveNeighbours(paths, diag), "neighbours.geojson");
    auto chome = derive::deriveChome(paths, ward, diag);
    derive::joinCensus(paths, chome, diag);
    Layer districts = derive::deriveDistricts(paths, chome, diag);
    Layer chomeLayer = derive::chomeLayer(chome);
    write(chomeLayer, "chome.geojson");
    write(districts, "districts.geojson");
    Layer buildings = derive::deriveBuildings(paths, diag);
    Layer sites = derive::deriveTsunamiBuildings(paths, diag);
    derive::joinBuildingsToSites(sites, buildings);
    write(buildings, "buildings.geojson");
    write(sites, "tsunami-buildings.geojson");
    write(derive::deriveShelters(paths, diag), "shelters.geojson");
    write(derive::deriveFacilities(paths, diag), "facilities.geojson");
    write(derive::deriveSafetyCentres(paths, diag), "safety-centres.geojson");
    derive::deriveRoads(paths, diag);
    write(derive::deriveCrimes(paths, chomeLayer, districts, (fs::path(paths.out) / "roads.gpkg").string(), diag),
          "crimes.geojson");
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("derive: done in %.1f s -> %s\n", s, paths.out.c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "safetymap-derive: %s\n", e.what());
    return 1;
  }
  return diag.count(Severity::Error) ? 1 : 0;
}
