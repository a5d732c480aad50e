#include "share/edit_changes.hpp"

#include <fmt/format.h>

#include <map>
#include <random>
#include <set>

#include "io/ogr_geometry.hpp"
#include "share/checkout.hpp"  // fingerprint

namespace safetymap::share {

namespace {

std::string valueOf(const Layer& l, const Feature& f, const std::string& field) {
  const std::string* v = l.value(f, field);
  return v ? *v : std::string();
}

std::optional<std::string> orNull(const std::string& v) {
  return v.empty() ? std::nullopt : std::optional(v);
}

// Every attribute of a record as the store holds it (the store's own columns are its to set).
Values valuesOf(const Layer& l, const Feature& f) {
  Values out;
  for (size_t i = 0; i < l.fields.size(); ++i)
    if (!storeColumn(l.fields[i].name) && l.fields[i].name != "fid")
      out[l.fields[i].name] = i < f.values.size() ? orNull(f.values[i]) : std::nullopt;
  return out;
}

std::optional<std::string> wktOf(const Feature& f) {
  std::string w = io::toWkt(f.geometry);
  return w.empty() ? std::nullopt : std::optional(w);
}

// An import (or its undo) is the layer before and after: the records added, changed and removed, matched by uid.
StepChanges importChanges(const Edit& e, bool undo, const StoreLink& link, const KnownVersion& known) {
  StepChanges out;
  auto table = link.tables.find(e.layerId);
  if (table == link.tables.end() || !e.layerBefore || !e.layerAfter) return out;  // not shared, or a removal
  const Layer& from = undo ? *e.layerAfter : *e.layerBefore;
  const Layer& to = undo ? *e.layerBefore : *e.layerAfter;
  std::map<std::string, const Feature*> was;
  for (const auto& f : from.features) was[valueOf(from, f, "uid")] = &f;
  std::set<std::string> kept;
  for (const auto& f : to.features) {
    const std::string uid = valueOf(to, f, "uid");
    if (uid.empty()) {
      out.problem = "a record imported into " + to.nameJa + " has no uid: the import cannot be written to the store";
      return {{}, out.problem};
    }
    kept.insert(uid);
    auto old = was.find(uid);
    if (old != was.end() && fingerprint(from, *old->second) == fingerprint(to, f)) continue;
    RecordChange ch;
    ch.table = table->second;
    ch.uid = uid;
    ch.kind = old == was.end() ? RecordChange::Kind::Insert : RecordChange::Kind::Update;
    ch.recreate = undo;  // undoing the removal of a record brings it back under its identity
    ch.baseVersion = old == was.end() ? 0 : known(ch.table, uid);
    ch.values = valuesOf(to, f);
    ch.geometryWkt = wktOf(f);
    out.changes.push_back(std::move(ch));
  }
  for (const auto& [uid, f] : was)
    if (!uid.empty() && !kept.count(uid)) {
      RecordChange ch;
      ch.kind = RecordChange::Kind::Delete;
      ch.table = table->second;
      ch.uid = uid;
      ch.baseVersion = known(ch.table, uid);
      out.changes.push_back(std::move(ch));
    }
  return out;
}

}  // namespace

std::string newUid() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  std::uint64_t a = random(), b = random();
  a = (a & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
  b = (b & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;  // variant 1
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0xffff, b >> 48,
                     b & 0xffffffffffffULL);
}

StepChanges changesFor(const Edit& e, bool undo, const Project& project, const StoreLink& link,
                       const KnownVersion& known) {
  StepChanges out;
  if (e.kind == Edit::Kind::SetActivity) {
    RecordChange ch;
    ch.kind = RecordChange::Kind::Upsert;
    ch.table = "safetymap_activities";
    ch.key = {"district", "kind"};
    ch.values = {{"district", e.district},
                 {"kind", std::string(e.activity == ActivityKind::Drill ? "drill" : "study")},
                 {"status", std::string(activityStatusKey(undo ? e.statusBefore : e.statusAfter))}};
    out.changes.push_back(std::move(ch));
    return out;
  }
  using K = Edit::Kind;
  if (e.kind == K::ReplaceLayer) return importChanges(e, undo, link, known);
  if (e.kind != K::AddFeature && e.kind != K::DeleteFeature && e.kind != K::MoveFeature && e.kind != K::SetValue)
    return out;  // styles and the order: this computer's view
  auto table = link.tables.find(e.layerId);
  if (table == link.tables.end()) return out;  // not a layer of the store
  const Layer* l = project.layer(e.layerId);
  if (!l) return out;
  RecordChange ch;
  ch.table = table->second;
  const Feature& record = e.kind == Edit::Kind::AddFeature ? e.after : e.before;
  ch.uid = valueOf(*l, record, "uid");
  if (ch.uid.empty()) {
    out.problem = "a record of " + l->nameJa + " has no uid: it cannot be written to the shared store";
    return out;
  }
  ch.baseVersion = known(ch.table, ch.uid);
  const bool adds = (e.kind == K::AddFeature) != undo;  // an add, or the undo of a deletion
  switch (e.kind) {
    case K::AddFeature:
    case K::DeleteFeature:
      if (adds) {
        ch.kind = RecordChange::Kind::Insert;
        ch.recreate = e.kind == K::DeleteFeature;  // the undo of a deletion brings the record back
        ch.values = valuesOf(*l, record);
        ch.geometryWkt = wktOf(record);
      } else {
        ch.kind = RecordChange::Kind::Delete;
      }
      break;
    case K::MoveFeature:
      ch.kind = RecordChange::Kind::Update;
      ch.geometryWkt = wktOf(undo ? e.before : e.after);
      break;
    case K::SetValue: {
      const std::string& field = l->fields[static_cast<size_t>(e.field)].name;
      if (storeColumn(field) || field == "fid") {
        out.problem = "the column " + field + " is kept by the shared store and cannot be edited";
        return out;
      }
      ch.kind = RecordChange::Kind::Update;
      const Feature& f = undo ? e.before : e.after;
      ch.values[field] = orNull(static_cast<size_t>(e.field) < f.values.size() ? f.values[e.field] : std::string());
      break;
    }
    default: return out;  // styles, the order, imports: this computer's view
  }
  out.changes.push_back(std::move(ch));
  return out;
}

}  // namespace safetymap::share
