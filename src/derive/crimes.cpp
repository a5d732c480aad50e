// The crime layer from the police's own files (大阪府警察 犯罪オープンデータ, 自転車盗 2018 and 2019),
// read through the same import path a safety centre uses: the CP932 bytes as published, 町丁目 matched,
// each record placed on a street inside its 町丁目 and marked approximate.
#include <filesystem>
#include <stdexcept>

#include "analysis/district_join.hpp"
#include "jobs/importer.hpp"
#include "derive/derive.hpp"
#include "io/layer_reader.hpp"
#include "jobs/load.hpp"

namespace fs = std::filesystem;

namespace safetymap::derive {

Layer deriveCrimes(const Paths& p, const Layer& chome, const Layer& districts, const std::string& roadsFile,
                   Diagnostics& diag) {
  Project project;
  auto add = [&](std::shared_ptr<Layer> l, LayerRole role) {
    l->role = role;
    project.addLayer(l);
  };
  add(std::make_shared<Layer>(chome), LayerRole::Chome);
  add(std::make_shared<Layer>(districts), LayerRole::Districts);
  project.setDistricts(analysis::buildDistricts(districts));
  auto roads = jobs::readLayers(roadsFile, diag);
  if (roads.empty()) throw std::runtime_error(roadsFile + ": cannot read the road surfaces");
  add(roads.front(), LayerRole::Roads);
  auto crimes = std::make_shared<Layer>();
  crimes->id = "crimes";
  crimes->style.categoryField = "手口";
  add(std::move(crimes), LayerRole::Crimes);  // the project's alone: the import changes it there

  const fs::path folder = fs::path(p.reference) / "osaka-police-crime-minato";
  for (const char* name : {"osaka_2018zitensyatou_27107_minato.csv", "osaka_2019zitensyatou_27107_minato.csv"}) {
    std::string file = (folder / name).string();
    auto r = jobs::importFile(project, file, diag);
    if (!r.ok) throw std::runtime_error(file + ": cannot import the police records");
    std::printf("derive: %s (%s): %d records, %d added, %d duplicates, %d not placed\n", name, r.encoding.c_str(),
                r.rows, r.imported, r.duplicates, static_cast<int>(r.unplaced.size()));
    if (!r.unplaced.empty()) throw std::runtime_error(file + ": some records could not be placed (see above)");
  }
  return *project.layerByRole(LayerRole::Crimes);
}

}  // namespace safetymap::derive
