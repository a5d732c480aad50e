#include "io/layer_meta.hpp"

#include "io/style_json.hpp"

namespace safetymap::io {

using json = nlohmann::json;

namespace {
json provenanceJson(const Provenance& p) {
  return {
      {"path", p.path}, {"source", p.source},     {"approximate", p.approximate},     {"synthetic", p.synthetic},
      {"note", p.note}, {"encoding", p.encoding}, {"repaired", p.repairedGeometries}, {"skipped", p.skippedFeatures}};
}

Provenance provenanceFrom(const json& j) {
  Provenance p;
  p.path = j.value("path", "");
  p.source = j.value("source", "");
  p.approximate = j.value("approximate", false);
  p.synthetic = j.value("synthetic", false);
  p.note = j.value("note", "");
  p.encoding = j.value("encoding", "");
  p.repairedGeometries = j.value("repaired", 0);
  p.skippedFeatures = j.value("skipped", 0);
  return p;
}
}  // namespace

json layerMeta(const Layer& l) {
  return {{"id", l.id},
          {"name_ja", l.nameJa},
          {"name_en", l.nameEn},
          {"role", roleKey(l.role)},
          {"style", styleToJson(l.style)},
          {"provenance", provenanceJson(l.provenance)}};
}

void applyLayerMeta(Layer& l, const json& m) {
  l.id = m.value("id", l.id);
  l.nameJa = m.value("name_ja", l.id);
  l.nameEn = m.value("name_en", l.nameJa);
  l.role = roleFromKey(m.value("role", "other")).value_or(LayerRole::Other);
  l.style = styleFromJson(m.value("style", json::object()), l.style);
  l.provenance = provenanceFrom(m.value("provenance", json::object()));
  l.assignCategories();
}

}  // namespace safetymap::io
