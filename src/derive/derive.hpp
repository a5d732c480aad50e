#pragma once
// safetymap-derive: builds the project's layers from the official reference data at set-up.
// Each step reads real files through GDAL (or the reference JSON/TSV facts), writes one derived
// layer through GDAL, and marks every approximation in the features' own properties.
#include <map>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/layer.hpp"

namespace safetymap::derive {

struct Paths {
  std::string reference;  // ../shared/reference-data
  std::string geodata;    // the repository's geodata/ (facts, samples, manifest)
  std::string out;        // geodata/derived/
};

using Row = std::map<std::string, std::string>;
std::vector<Row> readTsv(const std::string& path);  // header row gives the keys; throws on failure

// Builds a layer field by field; values not given are left empty.
class LayerBuilder {
 public:
  LayerBuilder(std::string id, std::vector<Field> fields);
  Feature& add(Geometry g, const Row& values);
  Layer& layer() { return layer_; }

 private:
  Layer layer_;
};

Geometry pointGeometry(Vec2 p);

// The steps, in order. Each throws std::runtime_error with the file and problem on failure.
struct Chome {
  std::string town;
  Vec2 point;                             // representative point (MLIT 位置参照情報), working CRS
  Geometry cell;                          // approximate polygon
  std::string district;                   // district id
  std::string method;                     // exact / narrowed-nearest / town-name / nearest-school / school-site
  std::string censusName;                 // the 2015 census's name for it (full-width digits)
  long population = -1, households = -1;  // 2015 census; -1 = no census record
};

Layer deriveWard(const Paths& p, Diagnostics& d);
Layer deriveNeighbours(const Paths& p, Diagnostics& d);
std::vector<Chome> deriveChome(const Paths& p, const Layer& ward, Diagnostics& d);
Layer chomeLayer(const std::vector<Chome>& chome);
void joinCensus(const Paths& p, std::vector<Chome>& chome, Diagnostics& d);
Layer deriveDistricts(const Paths& p, std::vector<Chome>& chome, Diagnostics& d);
Layer deriveTsunamiBuildings(const Paths& p, Diagnostics& d);
Layer deriveShelters(const Paths& p, Diagnostics& d);
void deriveRoads(const Paths& p, Diagnostics& d);
// OpenStreetMap: police, fire, schools, hospitals and the ward office; the 老人憩の家 it has (2 of 12);
// the elementary schools' positions by name (築港小学校 → point).
Layer deriveFacilities(const Paths& p, Diagnostics& d);
Layer deriveSafetyCentres(const Paths& p, Diagnostics& d);
std::map<std::string, Vec2> osmSchools(const Paths& p, Diagnostics& d);
// PLATEAU footprints (port edge only), and their storeys, height and tsunami depth on the sites standing on one.
Layer deriveBuildings(const Paths& p, Diagnostics& d);
void joinBuildingsToSites(Layer& sites, const Layer& buildings);
// The real police records, through the product's own import path (the CP932 files as published), placed
// on a street inside their 町丁目. roadsFile: the derived road surfaces.
Layer deriveCrimes(const Paths& p, const Layer& chome, const Layer& districts, const std::string& roadsFile,
                   Diagnostics& d);

// Writes a synthetic sample in the police open-data CSV format (tests and benchmarks only; never bundled).
void writeCrimeSample(const std::vector<std::string>& towns, const std::string& path, std::uint64_t seed);

}  // namespace safetymap::derive
