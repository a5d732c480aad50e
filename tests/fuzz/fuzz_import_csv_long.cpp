// libFuzzer harness for the whole CSV import (jobs::importFile): bytes → a police-style CSV → the structure
// scan, GDAL, the town matcher, date checks and placement into a small project. Each 0x01 byte in the input
// becomes 16,384 characters, so short inputs reach the long values a hostile file carries (a 町丁目 of
// 50 KB, a value past the 64 KiB limit). Any crash, leak or overflow under ASan/UBSan is a failure.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "jobs/importer.hpp"

using namespace safetymap;

namespace {
std::shared_ptr<Layer> square(const char* id, LayerRole role, std::vector<std::pair<const char*, Vec2>> named) {
  auto l = std::make_shared<Layer>();
  l->id = id;
  l->role = role;
  l->fields = {{"town"}, {"name"}};
  for (auto [name, at] : named) {
    Feature f;
    f.values = {name, name};
    f.geometry.type = GeometryType::Polygon;
    f.geometry.polygons.push_back({{at, {at.x + 500, at.y}, {at.x + 500, at.y + 500}, {at.x, at.y + 500}}, {}});
    l->features.push_back(f);
  }
  return l;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/safetymap-fuzz-import-" + std::to_string(::getpid()) + ".csv";
  std::string text;
  for (std::size_t i = 0; i < size; ++i)
    if (data[i] == 0x01)
      for (int k = 0; k < 16384; ++k) text += "\xE3\x81\x82";  // あ
    else
      text += static_cast<char>(data[i]);
  if (FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
  Project project;
  project.addLayer(
      square("chome", LayerRole::Chome, {{"築港一丁目", {-51000, -146500}}, {"市岡一丁目", {-50000, -146500}}}));
  project.addLayer(square("districts", LayerRole::Districts, {{"築港", {-51000, -146500}}}));
  Diagnostics diag(false);
  auto report = jobs::importFile(project, path, diag);
  return report.rows > 10000000 ? -1 : 0;
}
