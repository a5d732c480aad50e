// A step of the viewer's history as changes to the shared store (no server needed: what would be sent).
#include <catch2/catch.hpp>

#include "share/checkout.hpp"
#include "share/edit_changes.hpp"

using namespace safetymap;
using K = share::RecordChange::Kind;

namespace {

std::shared_ptr<Layer> crimes() {
  auto l = std::make_shared<Layer>();
  l->id = "crimes";
  l->role = LayerRole::Crimes;
  l->fields = {{"罪名"}, {"uid"}, {"version"}, {"changed_by"}};
  for (auto [name, uid] : {std::pair{"自転車盗", "u-1"}, {"ひったくり", "u-2"}, {"車上ねらい", "u-3"}}) {
    Feature f;
    f.geometry.type = GeometryType::Point;
    f.geometry.points = {{100.0, 200.0}};
    f.values = {name, uid, "4", "someone"};
    l->features.push_back(std::move(f));
  }
  return l;
}

share::StoreLink link() {
  share::StoreLink s;
  s.tables = {{"crimes", "crimes"}};
  return s;
}

int known(const std::string&, const std::string& uid) { return uid == "u-2" ? 7 : 4; }

}  // namespace

TEST_CASE("an added, moved, changed and deleted record become one change each, undo the inverse") {
  Project p;
  p.setLayers({crimes()});
  const Layer& l = *p.layer("crimes");
  Feature added = l.features[0];
  added.values.set(1, "u-new");
  auto add = share::changesFor(addFeatureEdit(l, added, "add"), false, p, link(), known);
  REQUIRE(add.changes.size() == 1);
  CHECK(add.changes[0].kind == K::Insert);
  CHECK(add.changes[0].uid == "u-new");
  CHECK(add.changes[0].values.at("罪名") == "自転車盗");
  CHECK(!add.changes[0].values.count("version"));  // the store's own columns are the store's to set
  CHECK(add.changes[0].geometryWkt == "POINT (100 200)");
  auto undoAdd = share::changesFor(addFeatureEdit(l, added, "add"), true, p, link(), known);
  CHECK(undoAdd.changes.at(0).kind == K::Delete);

  auto move = share::changesFor(moveFeatureEdit(l, 1, {150, 250}), false, p, link(), known);
  CHECK(move.changes.at(0).kind == K::Update);
  CHECK(move.changes.at(0).baseVersion == 7);  // checked against the version the viewer knows
  CHECK(move.changes.at(0).geometryWkt == "POINT (150 250)");
  CHECK(move.changes.at(0).values.empty());
  auto back = share::changesFor(moveFeatureEdit(l, 1, {150, 250}), true, p, link(), known);
  CHECK(back.changes.at(0).geometryWkt == "POINT (100 200)");

  auto value = share::changesFor(setValueEdit(l, 0, 0, "窃盗"), false, p, link(), known);
  CHECK(value.changes.at(0).values == share::Values{{"罪名", "窃盗"}});
  CHECK(!value.changes.at(0).geometryWkt);
  auto store = share::changesFor(setValueEdit(l, 0, 2, "99"), false, p, link(), known);
  CHECK(store.changes.empty());
  CHECK(store.problem.find("kept by the shared store") != std::string::npos);

  auto del = share::changesFor(deleteFeatureEdit(l, 2), false, p, link(), known);
  CHECK(del.changes.at(0).kind == K::Delete);
  auto undel = share::changesFor(deleteFeatureEdit(l, 2), true, p, link(), known);
  CHECK(undel.changes.at(0).kind == K::Insert);
  CHECK(undel.changes.at(0).recreate);  // an undone deletion brings the record back under its identity

  auto style = share::changesFor(setStyleEdit(l, l.style, "style"), false, p, link(), known);
  CHECK(style.changes.empty());  // the view is this computer's
  CHECK(style.problem.empty());
}

TEST_CASE("an import is the records it added, changed and removed, matched by uid") {
  Project p;
  auto before = crimes();
  p.setLayers({before});
  auto after = std::make_shared<Layer>(*before);
  after->features.erase(after->features.begin() + 2);  // the synthetic sample it replaced
  after->features[0].values.set(0, "窃盗");           // a record it corrected
  Feature fresh = after->features[1];
  fresh.values.set(1, "u-4");
  after->features.push_back(fresh);  // a new record
  Edit e;
  e.kind = Edit::Kind::ReplaceLayer;
  e.layerId = "crimes";
  e.layerBefore = before;
  e.layerAfter = after;
  auto step = share::changesFor(e, false, p, link(), known);
  std::map<std::string, K> kinds;
  for (const auto& ch : step.changes) kinds[ch.uid] = ch.kind;
  CHECK(kinds == std::map<std::string, K>{{"u-1", K::Update}, {"u-3", K::Delete}, {"u-4", K::Insert}});
  auto undo = share::changesFor(e, true, p, link(), known);
  kinds.clear();
  for (const auto& ch : undo.changes) kinds[ch.uid] = ch.kind;
  CHECK(kinds == std::map<std::string, K>{{"u-1", K::Update}, {"u-3", K::Insert}, {"u-4", K::Delete}});
  after->features[1].values.set(1, "");
  CHECK(share::changesFor(e, false, p, link(), known).problem.find("has no uid") != std::string::npos);
}

TEST_CASE("a record's fingerprint changes with its values and place, not with the store's columns") {
  auto l = crimes();
  const Feature& f = l->features[0];
  Feature moved = f, renamed = f, restamped = f;
  moved.geometry.points = {{100.0, 200.000001}};
  renamed.values.set(0, "窃盗");
  restamped.values.set(2, "5");
  CHECK(share::fingerprint(*l, f) != share::fingerprint(*l, moved));
  CHECK(share::fingerprint(*l, f) != share::fingerprint(*l, renamed));
  CHECK(share::fingerprint(*l, f) == share::fingerprint(*l, restamped));
}
