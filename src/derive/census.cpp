// The 2015 census (平成27年国勢調査) population and households of each 町丁目, joined to the 町丁目 by name.
// e-Stat's table is real; only its polygons are missing here, so the figures ride on the approximate cells.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "analysis/town_match.hpp"
#include "derive/derive.hpp"
#include "io/layer_reader.hpp"
#include "jobs/load.hpp"

namespace fs = std::filesystem;

namespace safetymap::derive {

namespace {
// A whole count as the census writes it; -1 for an empty, concealed ("X", "-") or malformed value.
long count(const std::string* v) {
  if (!v || v->empty()) return -1;
  char* end = nullptr;
  long n = std::strtol(v->c_str(), &end, 10);
  return end != v->c_str() && *end == '\0' && n >= 0 ? n : -1;
}
}  // namespace

void joinCensus(const Paths& p, std::vector<Chome>& chome, Diagnostics& diag) {
  std::string file = (fs::path(p.reference) / "census2015-minato-population/h27ka27107_minato_points.geojson").string();
  auto layers = jobs::readLayers(file, diag);
  if (layers.empty()) throw std::runtime_error(file + ": cannot read the census table");
  const Layer& src = *layers.front();
  std::map<std::string, const Feature*> byName;
  long ward = 0;
  for (const auto& f : src.features) {
    const std::string* name = src.value(f, "S_NAME");
    const std::string* people = src.value(f, "JINKO");
    ward += std::max(0L, count(people));
    if (name && !name->empty()) byName[analysis::normaliseTown(*name)] = &f;
  }
  long joined = 0;
  for (auto& c : chome) {
    auto it = byName.find(analysis::normaliseTown(c.town));
    if (it == byName.end()) {
      diag.warning(file, "no census record for 町丁目 " + c.town + ": its population is unknown");
      continue;
    }
    c.censusName = *src.value(*it->second, "S_NAME");
    c.population = count(src.value(*it->second, "JINKO"));  // -1: concealed (秘匿) or missing
    c.households = count(src.value(*it->second, "SETAI"));
    if (c.population < 0) diag.warning(file, "町丁目 " + c.town + ": no population figure in the census table");
    joined += std::max(0L, c.population);
  }
  // Everyone the census counted in the ward lives in one of the 町丁目 (the water record has none).
  if (joined != ward)
    diag.warning(file, "the 町丁目 hold " + std::to_string(joined) + " people, the census ward total is " +
                           std::to_string(ward));
  std::printf("derive: census 2015 population %ld in %zu 町丁目\n", joined, chome.size());
}

}  // namespace safetymap::derive
