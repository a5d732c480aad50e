// Facilities from GSI's designated evacuation sites (国土地理院 指定緊急避難場所・指定避難所), real data.
#include <filesystem>
#include <stdexcept>

#include "derive/derive.hpp"
#include "io/layer_reader.hpp"
#include "jobs/load.hpp"

namespace fs = std::filesystem;

namespace safetymap::derive {

namespace {
const Layer readGsi(const Paths& p, const char* name, Diagnostics& diag) {
  std::string file = (fs::path(p.reference) / "gsi-hinanbasho-minato" / name).string();
  auto layers = jobs::readLayers(file, diag);
  if (layers.empty()) throw std::runtime_error(file + ": cannot read");
  return *layers.front();
}

// Keeps the published columns (minus the coordinate columns, which became the geometry) and adds
// the project's own: a display name and provenance.
Layer withProvenance(const Layer& src, const std::string& id, const std::string& source,
                     const std::function<bool(const Layer&, const Feature&)>& keep,
                     const std::function<void(const Layer&, const Feature&, Row&)>& extra,
                     std::vector<Field> extraFields) {
  std::vector<Field> fields{{"name"}};
  for (const auto& f : src.fields)
    if (f.name != "緯度" && f.name != "経度") fields.push_back({f.name});
  for (auto& f : extraFields) fields.push_back(f);
  fields.push_back({"approximate", Field::Type::Boolean});
  fields.push_back({"source"});
  LayerBuilder b(id, fields);
  for (const auto& f : src.features) {
    if (!keep(src, f)) continue;
    Row r;
    for (size_t i = 0; i < src.fields.size(); ++i) r[src.fields[i].name] = f.values[i];
    r["name"] = r["施設・場所名"];
    r["approximate"] = "0";
    r["source"] = source;
    extra(src, f, r);
    b.add(f.geometry, r);
  }
  return b.layer();
}
}  // namespace

Layer deriveTsunamiBuildings(const Paths& p, Diagnostics& diag) {
  Layer src = readGsi(p, "27107_minato_shitei-kinkyu-hinanbasho.csv", diag);
  return withProvenance(
      src, "tsunami_buildings",
      "国土地理院 指定緊急避難場所データ（津波=1）, 2026-09 取得 / GSI designated emergency evacuation sites "
      "(tsunami), retrieved 2026-09",
      [](const Layer& l, const Feature& f) {
        const std::string* t = l.value(f, "津波");
        return t && *t == "1";
      },
      [](const Layer&, const Feature&, Row& r) { r["capacity"] = ""; }, {{"capacity", Field::Type::Integer}});
}

Layer deriveShelters(const Paths& p, Diagnostics& diag) {
  Layer src = readGsi(p, "27107_minato_shitei-hinanjo.csv", diag);
  return withProvenance(
      src, "shelters", "国土地理院 指定避難所データ, 2026-09 取得 / GSI designated shelters, retrieved 2026-09",
      [](const Layer&, const Feature&) { return true; },
      [](const Layer& l, const Feature& f, Row& r) {
        const std::string* who = l.value(f, "受入対象者");
        r["welfare"] = who && who->find("要配慮者") != std::string::npos ? "1" : "0";
        r["kind"] = r["welfare"] == "1" ? "福祉避難所" : "指定避難所";
      },
      {{"welfare", Field::Type::Boolean}, {"kind"}});
}

}  // namespace safetymap::derive
