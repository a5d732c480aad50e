#pragma once
// The bundled project: geodata/layers.json names each layer, its role, its file (usually derived
// at set-up into geodata/derived/), its style and what to say when it is empty.
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/layer.hpp"

namespace safetymap::io {

struct LayerSpec {
  std::string id;
  LayerRole role = LayerRole::Other;
  std::string file;  // absolute after loading the manifest
  std::string nameJa, nameEn;
  std::string sourceJa, sourceEn;  // attribution
  std::string emptyNoteKey;        // catalogue key shown when the layer has no features
  bool optional = false;           // a missing file is a note, not an error (e.g. the safety centres)
  LayerStyle style;
};

struct Manifest {
  std::vector<LayerSpec> layers;
};

// Reads the manifest; file paths are resolved against geodataDir.
std::optional<Manifest> readManifest(const std::string& geodataDir, Diagnostics& diag);
// The default style for a layer of this role (used for files a user opens too).
LayerStyle defaultStyle(LayerRole role, std::size_t index);

}  // namespace safetymap::io
