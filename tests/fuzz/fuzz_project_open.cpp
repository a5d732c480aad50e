// libFuzzer harness for opening a project someone sent: the bytes become the safetymap_project metadata
// of a real GeoPackage (split at NUL bytes into the layer list, the district activities and the view),
// written through GDAL, then io::openProject reads it. Layer entries may name tables that do not exist,
// references anywhere on the machine, styles of any shape: the result must be a message, never a crash,
// a leak, a hang or a file read outside the project (no folder is trusted here).
#include <unistd.h>

#include <cstdint>
#include <string>

#include "io/layer_writer.hpp"
#include "io/project_file.hpp"

using namespace safetymap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/safetymap-fuzz-project-" + std::to_string(::getpid()) + ".gpkg";
  std::string parts[3];
  int k = 0;
  for (std::size_t i = 0; i < size; ++i)
    if (data[i] == 0 && k < 2)
      ++k;
    else
      parts[k] += static_cast<char>(data[i]);
  Layer points;
  points.id = "points";
  points.fields = {{"name"}};
  Feature f;
  f.values = {"a"};
  f.geometry.type = GeometryType::Point;
  f.geometry.points = {{-51000, -146500}};
  points.features.push_back(f);
  io::WriteOptions wo;
  wo.driver = "GPKG";
  wo.crs = "EPSG:6674";
  wo.layerNames = {"points"};
  io::WriteOptions::Table meta{io::kProjectTable, {"key", "value"}, {}};
  meta.rows = {{"format", "1"}, {"layers", parts[0]}, {"district_activities", parts[1]}, {"view", parts[2]}};
  wo.tables.push_back(meta);
  Diagnostics quiet(false);
  if (!io::writeLayers({&points}, path, wo, quiet)) return 0;
  Project project;
  Diagnostics diag(false);
  io::OpenOptions options;  // nothing outside the project is trusted
  auto view = io::openProject(path, project, diag, options);
  return view && project.layers().size() > 100000 ? -1 : 0;
}
