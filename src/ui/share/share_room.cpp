// The shared store, when the project came from one: each step of the history (and each undo) is written as one
// transaction, checked against the version it was made on; other people's edits arrive by LISTEN/NOTIFY and are
// put on the map; a conflict stops the writing until the user has seen both versions and chosen.
#include <deque>
#include <set>
#include <utility>

#include "analysis/district_join.hpp"
#include "render/layer_mesh.hpp"
#include "share/edit_changes.hpp"
#include "share/listener.hpp"
#include "share/pg_connection.hpp"
#include "ui/room.hpp"
#include "ui/share/share_dialogs.hpp"
#include "ui/window.hpp"

namespace safetymap::ui {

namespace {

struct Step {
  std::vector<share::RecordChange> changes;
  bool force = false;  // the user chose theirs over the newer version
};

// The writer's connection: used by one write job at a time, kept between them.
struct Writer {
  std::unique_ptr<share::Connection> connection;
  std::atomic<int> pid{0};  // its server process: notices of our own writes come back with it
};

// Other people's changes to read: the records by table, and whether the drill statuses changed.
struct Fetch {
  std::map<std::string, std::set<std::string>> uids;
  bool activities = false;
  std::map<std::string, std::shared_ptr<Layer>> layers;                     // read
  std::vector<std::tuple<std::string, std::string, std::string>> statuses;  // district, kind, status
};

class ShareRoom final : public Room {
 public:
  void poll(Workspace& ws) override {
    if (ws.projectGeneration != generation_) reopen(ws);
    auto& s = ws.ui.share;
    s.open = ws.store.has_value();
    if (!ws.store) return;
    queueHistory(ws);
    // Everything is in the store (what stays on this computer is the view): nothing is left to save, so the title
    // loses its mark and quitting does not ask.
    if (pending_.empty() && conflicts_.empty() && !ws.jobs.running("share-write") && ws.history.dirty())
      ws.history.markSaved();
    takeNotices(ws);
    if (!ws.jobs.running("share-fetch") && (!fetch_.uids.empty() || fetch_.activities)) startFetch(ws);
    if (!ws.jobs.running("share-write") && !pending_.empty() && conflicts_.empty() && !offline_) startWrite(ws);
    s.listening = listener_ && listener_->connected();
    s.unsent = static_cast<int>(pending_.size());
    s.conflict = !conflicts_.empty();
    s.offline = offline_;
    s.problem = offline_ ? offlineProblem_ : listener_ && !s.listening ? listener_->problem() : "";
  }

  void draw(Workspace& ws) override {
    auto c = ws.panels();
    drawConnectDialog(c);
    drawShareStatus(c);
    if (!conflicts_.empty()) drawConflictWindow(c, conflicts_);
    if (historyOpen_) {
      const int version = drawHistoryWindow(c, history_->entries, historyOpen_);
      if (version > 0) startRestore(ws, version);
      ws.ui.share.historyRows = historyOpen_ ? static_cast<int>(history_->entries.size()) : 0;
    }
  }

  void apply(Workspace& ws) override {
    auto& s = ws.ui.share;
    if (!ws.store) return;
    // A new record gets its identity before the edit room applies it, so every step (and its undo) names it; so does
    // each record an import adds.
    for (auto& e : ws.ui.requestEdits) {
      if (!ws.store->tables.count(e.layerId)) continue;
      if (e.kind == Edit::Kind::AddFeature)
        if (const Layer* l = ws.project.layer(e.layerId); l && l->fieldIndex("uid") >= 0) {
          e.after.values.resize(l->fields.size());
          e.after.values.set(static_cast<size_t>(l->fieldIndex("uid")), share::newUid());
        }
      if (e.kind == Edit::Kind::ReplaceLayer && e.layerAfter && e.layerAfter->fieldIndex("uid") >= 0) {
        const size_t field = static_cast<size_t>(e.layerAfter->fieldIndex("uid"));
        std::shared_ptr<Layer> named;
        for (size_t i = 0; i < e.layerAfter->features.size(); ++i) {
          const auto& values = e.layerAfter->features[i].values;
          if (field < values.size() && !values[field].empty()) continue;
          if (!named) named = std::make_shared<Layer>(*e.layerAfter);
          named->features[i].values.resize(named->fields.size());
          named->features[i].values.set(field, share::newUid());
        }
        if (named) e.layerAfter = named;
      }
    }
    if (s.requestRetry) s.requestRetry = false, offline_ = false;
    if (s.requestHistory) startHistory(ws, *std::exchange(s.requestHistory, std::nullopt));
    if (const int choice = std::exchange(s.requestChoice, 0); choice && !conflicts_.empty()) {
      if (choice == 2) {
        pending_.front().force = true;  // mine, written over theirs as a new version
      } else {
        for (const auto& ch : pending_.front().changes) addFetch(ch.table, ch.uid);  // theirs onto the map
        pending_.pop_front();
      }
      conflicts_.clear();
    }
  }

 private:
  void reopen(Workspace& ws) {
    generation_ = ws.projectGeneration;
    for (const char* kind : {"share-listen", "share-fetch", "share-history"}) ws.jobs.cancel(kind);
    listener_.reset();
    writer_ = std::make_shared<Writer>();
    pending_.clear(), conflicts_.clear(), known_.clear();
    fetch_ = {};
    offline_ = false;
    seenPosition_ = ws.history.position(), seenHistory_ = ws.history.version();
    ws.ui.share.remoteChanges = 0;
    if (!ws.store) return;
    ws.ui.share.store = ws.store->name;
    ws.ui.share.login = ws.store->login;
    auto listener = listener_ = std::make_shared<share::Listener>();
    ws.jobs.startBackground("share-listen", ws.store->name,
                            [listener, db = ws.store->db, after = ws.store->lastChange](jobs::JobProgress& p) {
                              listener->run(db, after, p.token(), wakeWindow);
                            });
  }

  // Every step the history took since the last frame: new steps and redos forward, undos backward.
  void queueHistory(Workspace& ws) {
    const auto& h = ws.history;
    if (h.version() == seenHistory_) return;
    seenHistory_ = h.version();
    const size_t now = h.position();
    if (seenPosition_ > h.size()) seenPosition_ = std::min(now, h.size());  // the history was cleared
    auto known = [this, &ws](const std::string& table, const std::string& uid) { return knownVersion(ws, table, uid); };
    auto queue = [&](const Edit& e, bool undo) {
      auto step = share::changesFor(e, undo, ws.project, *ws.store, known);
      if (!step.problem.empty()) ws.diag.error(ws.store->name, step.problem);
      if (!step.changes.empty()) pending_.push_back({std::move(step.changes)});
    };
    for (size_t i = seenPosition_; i < now; ++i) queue(h.at(i), false);
    for (size_t i = seenPosition_; i > now; --i) queue(h.at(i - 1), true);
    seenPosition_ = now;
  }

  // A job's outcome is for the store it was started on: one that finishes after another project (or store) was
  // opened is dropped.
  bool current(const Workspace& ws, std::uint64_t generation) const {
    return ws.store.has_value() && generation == generation_;
  }

  int knownVersion(Workspace& ws, const std::string& table, const std::string& uid) {
    if (auto it = known_.find({table, uid}); it != known_.end()) return it->second;
    for (const auto& [id, t] : ws.store->tables)
      if (t == table)
        if (const Layer* l = ws.project.layer(id))
          if (int i = find(*l, uid); i >= 0)
            if (const std::string* v = l->value(l->features[static_cast<size_t>(i)], "version"))
              return std::atoi(v->c_str());
    return 0;
  }

  static int find(const Layer& l, const std::string& uid) {
    const int field = l.fieldIndex("uid");
    if (field < 0) return -1;
    for (size_t i = 0; i < l.features.size(); ++i)
      if (static_cast<size_t>(field) < l.features[i].values.size() && l.features[i].values[field] == uid)
        return static_cast<int>(i);
    return -1;
  }

  std::string layerOf(const Workspace& ws, const std::string& table) const {
    for (const auto& [id, t] : ws.store->tables)
      if (t == table) return id;
    return {};
  }

  void startWrite(Workspace& ws) {
    auto result = std::make_shared<share::ApplyResult>();
    Step step = pending_.front();
    // The version each change is checked against is the newest this viewer knows when it is sent: a step queued
    // while the one before it was being written is based on that write, not on what was there before it.
    for (auto& ch : step.changes)
      if (auto it = known_.find({ch.table, ch.uid}); it != known_.end()) ch.baseVersion = it->second;
    ws.jobs.start(
        "share-write", tr(ws.project.lang, "share.job.write"), false,
        [writer = writer_, step, result, db = ws.store->db](jobs::JobProgress&) {
          if (!writer->connection || !writer->connection->alive()) {
            Status st;
            writer->connection = share::Connection::open(db, st);
            if (!writer->connection) {
              result->status = st, result->lost = true;
              return;
            }
            writer->pid = writer->connection->backendPid();
          }
          *result = share::applyChanges(*writer->connection, step.changes, step.force);
        },
        [this, &ws, result, g = generation_](bool) {
          if (current(ws, g)) written(ws, *result);
        });
  }

  // A record's history, read on a connection of its own; shown in a window from which a version can be restored.
  struct History {
    std::string table, uid;
    std::vector<share::HistoryEntry> entries;
    Status status;
  };

  void startHistory(Workspace& ws, const std::pair<std::string, std::string>& record) {
    auto it = ws.store->tables.find(record.first);
    if (it == ws.store->tables.end()) return;
    auto h = std::make_shared<History>();
    h->table = it->second, h->uid = record.second;
    ws.jobs.start(
        "share-history", tr(ws.project.lang, "share.job.history"), false,
        [h, db = ws.store->db](jobs::JobProgress&) {
          Status st;
          auto c = share::Connection::open(db, st);
          h->status = c ? share::recordHistory(*c, h->table, h->uid, h->entries) : st;
        },
        [this, &ws, h, g = generation_](bool) {
          if (!current(ws, g)) return;
          if (!h->status) {
            ws.diag.error(ws.store->name, h->status.message());
            return;
          }
          history_ = h;
          historyOpen_ = true;
        });
  }

  void startRestore(Workspace& ws, int version) {
    auto h = std::make_shared<History>();  // the window keeps drawing the old one until this is read
    h->table = history_->table, h->uid = history_->uid;
    auto result = std::make_shared<share::ApplyResult>();
    ws.jobs.start(
        "share-restore", tr(ws.project.lang, "share.job.write"), false,
        [h, result, version, db = ws.store->db](jobs::JobProgress&) {
          Status st;
          auto c = share::Connection::open(db, st);
          if (!c) {
            result->status = st;
            return;
          }
          *result = share::restoreVersion(*c, h->table, h->uid, version);
          if (result->status) h->status = share::recordHistory(*c, h->table, h->uid, h->entries);
        },
        [this, &ws, h, result, g = generation_](bool) {
          if (!current(ws, g)) return;
          if (!result->status) ws.diag.error(ws.store->name, result->status.message());
          if (h->status && !h->entries.empty()) history_ = h;
          addFetch(h->table, h->uid);  // the restored version onto the map
          known_.erase({h->table, h->uid});
        });
  }

  void written(Workspace& ws, const share::ApplyResult& r) {
    if (pending_.empty()) return;
    if (r.lost) {  // kept, and sent again when the user asks (the status line has the button)
      offline_ = true;
      offlineProblem_ = r.status.message();
      return;
    }
    if (!r.status) {  // refused or impossible: said, and the map shows the store's records again
      ws.diag.error(ws.store->name, r.status.message());
      for (const auto& ch : pending_.front().changes) addFetch(ch.table, ch.uid);
      pending_.pop_front();
      return;
    }
    if (!r.conflicts.empty()) {
      conflicts_ = r.conflicts;
      return;
    }
    pending_.pop_front();
    for (const auto& st : r.stamps) stamp(ws, st);
  }

  // The store's version, author and time on the record, as a reload would show them.
  void stamp(Workspace& ws, const share::Stamp& st) {
    known_[{st.table, st.uid}] = st.version;
    const std::string id = layerOf(ws, st.table);
    const Layer* l = id.empty() ? nullptr : ws.project.layer(id);
    const int i = l ? find(*l, st.uid) : -1;
    if (i < 0) return;
    Layer* m = ws.project.edit(id);
    Feature& f = m->features[static_cast<size_t>(i)];
    for (auto [field, value] : {std::pair<const char*, std::string>{"version", std::to_string(st.version)},
                                {"changed_by", st.by},
                                {"changed_at", st.at}})
      if (int k = m->fieldIndex(field); k >= 0 && static_cast<size_t>(k) < f.values.size()) f.values.set(k, value);
  }

  void addFetch(const std::string& table, const std::string& uid) {
    if (table == "safetymap_activities")
      fetch_.activities = true;
    else
      fetch_.uids[table].insert(uid);
  }

  void takeNotices(Workspace& ws) {
    if (!listener_) return;
    for (const auto& n : listener_->take()) {
      if (n.pid == writer_->pid) continue;  // our own write, already on the map
      addFetch(n.layer, n.uid);
      known_.erase({n.layer, n.uid});
      ++ws.ui.share.remoteChanges;
    }
  }

  void startFetch(Workspace& ws) {
    auto batch = std::make_shared<Fetch>(std::exchange(fetch_, {}));
    ws.jobs.start(
        "share-fetch", tr(ws.project.lang, "share.job.fetch"), false,
        [batch, link = *ws.store, &diag = ws.diag](jobs::JobProgress& p) {
          p.set(0.1);  // where a test may hold it
          for (const auto& [table, uids] : batch->uids)
            batch->layers[table] = share::fetchRecords(link, table, {uids.begin(), uids.end()}, diag);
          if (!batch->activities) return;
          Status st;
          auto c = share::Connection::open(link.db, st);
          share::Rows rows;
          if (c && c->run("SELECT district, kind, status FROM safetymap_activities", &rows))
            for (int i = 0; i < rows.size(); ++i)
              batch->statuses.emplace_back(rows.text(i, 0), rows.text(i, 1), rows.text(i, 2));
        },
        [this, &ws, batch, g = generation_](bool cancelled) {
          if (!cancelled && current(ws, g)) arrived(ws, *batch);
        });
  }

  // Other people's records onto the map: changed ones replaced where they are, new ones added, deleted ones gone.
  void arrived(Workspace& ws, const Fetch& batch) {
    Project& p = ws.project;
    for (const auto& [table, uids] : batch.uids) {
      auto got = batch.layers.count(table) ? batch.layers.at(table) : nullptr;
      const std::string id = layerOf(ws, table);
      if (!got || id.empty() || !p.layer(id)) continue;
      Layer* l = p.edit(id);
      std::vector<int> from(l->fields.size(), -1);  // the local field's column in what was read
      for (size_t i = 0; i < l->fields.size(); ++i) from[i] = got->fieldIndex(l->fields[i].name);
      bool removed = false;
      for (const auto& uid : uids) {
        const int theirs = find(*got, uid), mine = find(*l, uid);
        if (theirs < 0) {  // deleted
          if (mine >= 0) {
            l->features.erase(l->features.begin() + mine);
            removed = true;
          }
          continue;
        }
        Feature f = got->features[static_cast<size_t>(theirs)];
        Feature local;
        local.geometry = std::move(f.geometry);
        local.values.resize(l->fields.size());
        for (size_t i = 0; i < from.size(); ++i)
          if (from[i] >= 0 && static_cast<size_t>(from[i]) < f.values.size()) local.values.set(i, f.values[from[i]]);
        if (mine >= 0)
          l->features[static_cast<size_t>(mine)] = std::move(local);
        else
          l->features.push_back(std::move(local));
      }
      l->assignCategories();
      if (const Layer* d = p.layerByRole(LayerRole::Districts); d && !isContextRole(l->role))
        analysis::DistrictLocator(*d).tag(*l);
      for (const auto& f : l->features)
        for (const auto& v : f.values) ws.fonts.require(v);
      if (l->geometryType() == GeometryType::Polygon) ws.renderer.setTriangulation(id, render::triangulateLayer(*l));
      if (removed) {
        // Indexes in the history would point at other records now: it starts again (said, not silent).
        if (p.selection.layerId == id) p.selection = {};
        if (ws.history.size() > 0) {
          ws.history.clear();
          seenPosition_ = 0, seenHistory_ = ws.history.version();
          ws.diag.info(ws.store->name, "a record of " + l->nameJa +
                                           " was deleted by someone else: undo starts again "
                                           "from here");
        }
      }
      ws.ui.selectionVersion++;
    }
    if (batch.activities) {
      for (const auto& [district, kind, status] : batch.statuses)
        if (auto st = activityStatusFromKey(status))
          p.activities.set(kind == "drill" ? ActivityKind::Drill : ActivityKind::StudySession, district, *st);
      ws.ui.activitiesChanged = true;
    }
  }

  std::uint64_t generation_ = ~0ull;
  std::shared_ptr<share::Listener> listener_;
  std::shared_ptr<Writer> writer_ = std::make_shared<Writer>();
  std::deque<Step> pending_;
  std::vector<share::Conflict> conflicts_;
  std::map<std::pair<std::string, std::string>, int> known_;  // (table, uid) → the version last written or seen
  Fetch fetch_;
  std::shared_ptr<History> history_;
  bool historyOpen_ = false;
  bool offline_ = false;
  std::string offlineProblem_;
  size_t seenPosition_ = 0;
  std::uint64_t seenHistory_ = 0;
};

}  // namespace

std::unique_ptr<Room> makeShareRoom(Workspace&) {
  return std::make_unique<ShareRoom>();
}

}  // namespace safetymap::ui
