// libFuzzer harness for the import path: bytes → a file GDAL reads (CSV or GeoJSON, chosen at build
// time) → safetymap's reader (encoding detection, GDAL, PROJ, GEOS repair). Any crash, leak, overflow
// or undefined behaviour under ASan/UBSan is a failure; messages about bad input are the expected result.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "io/layer_reader.hpp"
#include "jobs/load.hpp"

#ifndef SAFETYMAP_FUZZ_EXT
#define SAFETYMAP_FUZZ_EXT ".csv"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/safetymap-fuzz-" + std::to_string(::getpid()) + SAFETYMAP_FUZZ_EXT;
  if (FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
  safetymap::Diagnostics diag(false);
  safetymap::io::ReadOptions options;
  options.keepWithoutGeometry = true;  // the import path: rows placed later by their 町丁目
  auto layers = safetymap::jobs::readLayers(path, diag, options);
  std::size_t n = 0;
  for (const auto& l : layers) n += l->features.size();
  return n > 1000000 ? -1 : 0;
}
