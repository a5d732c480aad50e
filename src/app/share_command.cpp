#include "app/share_command.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "jobs/load.hpp"
#include "share/checkout.hpp"
#include "share/pg_connection.hpp"
#include "share/records.hpp"
#include "share/store_init.hpp"
#include "share/users.hpp"

namespace safetymap::app {

using json = nlohmann::json;

namespace {

constexpr int kConflict = 3;  // exit status: nothing written, the changes conflict with newer versions
constexpr int kRefused = 4;   // exit status: the database refused the login (row-level security, a grant)

int fail(const Status& s) {
  std::fprintf(stderr, "safetymap share: %s\n", s.message().c_str());
  return 1;
}

// Each conflict on stderr: which record, who changed it when, and the version the change was made on. Nothing of the
// step (or the sync) was written.
void sayConflicts(const std::vector<share::Conflict>& conflicts) {
  for (const auto& k : conflicts)
    std::fprintf(stderr,
                 "safetymap share: conflict: %s record %s was %s by %s at %s (version %d; yours was made on %d): "
                 "nothing was written\n",
                 k.mine.table.c_str(), k.mine.uid.c_str(), k.deleted ? "deleted" : "changed", k.theirBy.c_str(),
                 k.theirAt.c_str(), k.theirVersion, k.mine.baseVersion);
}

int init(const ShareOptions& o) {
  Diagnostics diag(true);
  auto project = jobs::commandProject(o.from, o.geodataDir, o.roleFiles, diag, false, /*withRoads=*/true);
  if (!project) return 1;
  share::InitReport report;
  if (auto s = share::initStore(o.db, *project, o.from.empty() ? "the bundled data" : o.from, report); !s)
    return fail(s);
  std::string added;
  for (const auto& t : report.added) added += " " + t;
  std::printf("%s: %s; %zu layer(s) added%s, %zu already there\n", share::describeDatabase(o.db).c_str(),
              report.created ? "shared store created" : "shared store already set up", report.added.size(),
              added.c_str(), report.kept.size());
  return 0;
}

int userAdd(const ShareOptions& o) {
  share::NewLogin login{o.name, o.districts, o.wardOffice, std::nullopt};
  if (!o.passwordFile.empty()) {
    Status st;
    login.password = share::readPasswordFile(o.passwordFile, st);
    if (!login.password) return fail(st);
  }
  if (auto s = share::addLogin(o.db, login); !s) return fail(s);
  std::string where;
  for (const auto& d : o.districts) where += (where.empty() ? "" : ", ") + d;
  std::printf("login %s: %s\n", o.name.c_str(),
              o.wardOffice ? "ward office (edits everywhere)" : ("edits inside " + where).c_str());
  return 0;
}

std::optional<std::vector<share::RecordChange>> readChanges(const std::string& path, Status& st) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    st = Status::failure(path + ": cannot read the changes");
    return std::nullopt;
  }
  std::vector<share::RecordChange> out;
  try {
    for (const auto& j : json::parse(in)) {
      share::RecordChange ch;
      std::string op = j.at("op");
      ch.kind = op == "insert"   ? share::RecordChange::Kind::Insert
                : op == "update" ? share::RecordChange::Kind::Update
                : op == "delete" ? share::RecordChange::Kind::Delete
                                 : throw std::runtime_error("op must be insert, update or delete, not " + op);
      ch.table = j.at("table");
      ch.uid = j.at("uid");
      ch.baseVersion = j.value("version", 0);
      ch.recreate = j.value("recreate", false);
      const json values = j.value("values", json::object());  // a named copy: items() of a temporary dangles
      for (const auto& [k, v] : values.items())
        ch.values[k] =
            v.is_null() ? std::nullopt : std::optional<std::string>(v.is_string() ? v.get<std::string>() : v.dump());
      if (j.contains("geometry") && j["geometry"].is_string()) ch.geometryWkt = j["geometry"].get<std::string>();
      out.push_back(std::move(ch));
    }
  } catch (const std::exception& e) {
    st = Status::failure(path + ": not a list of changes: " + e.what());
    return std::nullopt;
  }
  return out;
}

int apply(const ShareOptions& o) {
  Status st;
  auto changes = readChanges(o.changes, st);
  if (!changes) return fail(st);
  auto c = share::Connection::open(o.db, st);
  if (!c) return fail(st);
  auto r = share::applyChanges(*c, *changes, o.force);
  if (!r.status) {
    fail(r.status);
    return r.refused ? kRefused : 1;
  }
  if (o.json) {
    json out{{"written", r.written}, {"conflicts", json::array()}};
    for (const auto& k : r.conflicts)
      out["conflicts"].push_back({{"table", k.mine.table},
                                  {"uid", k.mine.uid},
                                  {"mine_version", k.mine.baseVersion},
                                  {"deleted", k.deleted},
                                  {"their_version", k.theirVersion},
                                  {"their_by", k.theirBy},
                                  {"their_at", k.theirAt},
                                  {"theirs", k.theirs.empty() ? json() : json::parse(k.theirs)}});
    std::printf("%s\n", out.dump(1).c_str());
  } else if (r.conflicts.empty()) {
    std::printf("%d change(s) written\n", r.written);
  }
  sayConflicts(r.conflicts);
  return r.conflicts.empty() ? 0 : kConflict;
}

int history(const ShareOptions& o) {
  Status st;
  auto c = share::Connection::open(o.db, st);
  if (!c) return fail(st);
  std::vector<share::HistoryEntry> h;
  if (auto s = share::recordHistory(*c, o.table, o.uid, h); !s) return fail(s);
  json out = json::array();
  for (const auto& e : h) {
    if (!o.json) {
      std::printf("%s  v%d  %-6s  %s\n", e.at.c_str(), e.version, e.op.c_str(), e.by.c_str());
      continue;
    }
    out.push_back({{"id", e.id},
                   {"op", e.op},
                   {"by", e.by},
                   {"at", e.at},
                   {"version", e.version},
                   {"before", e.before.empty() ? json() : json::parse(e.before)},
                   {"after", e.after.empty() ? json() : json::parse(e.after)}});
  }
  if (o.json) std::printf("%s\n", out.dump(1).c_str());
  return 0;
}

int restore(const ShareOptions& o) {
  Status st;
  auto c = share::Connection::open(o.db, st);
  if (!c) return fail(st);
  auto r = share::restoreVersion(*c, o.table, o.uid, o.version);
  if (!r.status) {
    fail(r.status);
    return r.refused ? kRefused : 1;
  }
  std::printf("%s record %s: version %d restored as a new version\n", o.table.c_str(), o.uid.c_str(), o.version);
  return 0;
}

int checkout(const ShareOptions& o) {
  share::CheckoutReport report;
  if (auto s = share::checkout(o.db, o.out, report); !s) return fail(s);
  std::printf("%s: %d layer(s), %d record(s) checked out from %s\n", o.out.c_str(), report.layers, report.records,
              share::describeDatabase(o.db).c_str());
  return 0;
}

int sync(const ShareOptions& o) {
  if (o.mine && o.theirs) return fail(Status::failure("choose --mine or --theirs, not both"));
  share::SyncOptions so;
  so.db = o.db;
  so.resolve = o.mine     ? share::SyncOptions::Resolve::Mine
               : o.theirs ? share::SyncOptions::Resolve::Theirs
                          : share::SyncOptions::Resolve::Ask;
  // Tests only: stop at a point of the sync until a line arrives on stdin (the fault test stops the server there).
  if (const char* pause = std::getenv("SAFETYMAP_TEST_SYNC_PAUSE"))
    so.at = [at = std::atoi(pause)](int point, const char* what) {
      if (point != at) return;
      std::fprintf(stderr, "safetymap share sync: paused at %d (%s)\n", point, what);
      std::fflush(stderr);
      char line[16];
      if (!std::fgets(line, sizeof line, stdin)) return;
    };
  share::SyncReport report;
  if (auto s = share::sync(o.checkoutFile, so, report); !s) return fail(s);
  sayConflicts(report.conflicts);
  if (!report.conflicts.empty()) {
    std::fprintf(stderr,
                 "safetymap share: nothing was sent or taken: run again with --mine (write yours over "
                 "theirs) or --theirs (give yours up where they differ)\n");
    return kConflict;
  }
  std::printf("%s: %d change(s) sent, %d already there, %d given up for theirs; %d record(s) now\n",
              o.checkoutFile.c_str(), report.sent, report.unchanged, report.dropped, report.records);
  return 0;
}

}  // namespace

CLI::App* addShareCommands(CLI::App& app, ShareOptions& o) {
  auto* share = app.add_subcommand(
      "share", "the shared PostGIS store of the ward office and the centres (see the README: a shared database)");
  share->require_subcommand(1);
  auto db = [&](CLI::App* cmd) {
    cmd->add_option("--db", o.db, "the database: \"PG:dbname=… host=… user=…\" (the password from ~/.pgpass)")
        ->required();
  };
  auto* initCmd =
      share->add_subcommand("init", "create the shared store from a project (running it again is harmless)");
  db(initCmd);
  initCmd->add_option("--from", o.from, "a saved project FILE.gpkg (default: the bundled data)");
  auto* user = share->add_subcommand("user", "logins of the store");
  user->require_subcommand(1);
  auto* add = user->add_subcommand("add", "create a login (or change its districts and password)");
  db(add);
  add->add_option("--name", o.name, "the login name")->required();
  add->add_option("--district", o.districts, "a district this login edits (Japanese or English name; repeatable)");
  add->add_flag("--ward-office", o.wardOffice, "the ward office: edits every record");
  add->add_option("--password-file", o.passwordFile, "the login's password, the first line of this file");
  auto* applyCmd = share->add_subcommand(
      "apply", "write changes (a JSON list) in one transaction, each checked against the version it was made on");
  db(applyCmd);
  applyCmd->add_option("--changes", o.changes, "the JSON file of changes")->required();
  applyCmd->add_flag("--force", o.force, "write over newer versions (after seeing the conflict)");
  applyCmd->add_flag("--json", o.json, "report as JSON");
  auto* historyCmd = share->add_subcommand("history", "who changed a record, when, and what");
  db(historyCmd);
  historyCmd->add_option("--table", o.table, "the layer's table")->required();
  historyCmd->add_option("--uid", o.uid, "the record's uid")->required();
  historyCmd->add_flag("--json", o.json, "with each version's record, as JSON");
  auto* restoreCmd = share->add_subcommand("restore", "write an earlier version of a record back as a new version");
  db(restoreCmd);
  restoreCmd->add_option("--table", o.table, "the layer's table")->required();
  restoreCmd->add_option("--uid", o.uid, "the record's uid")->required();
  restoreCmd->add_option("--version", o.version, "the version to restore")->required();
  auto* checkoutCmd =
      share->add_subcommand("checkout", "a GeoPackage of the store to work on without the server (sync sends it back)");
  db(checkoutCmd);
  checkoutCmd->add_option("--out", o.out, "the checkout FILE.gpkg")->required();
  auto* syncCmd = share->add_subcommand("sync", "send a checkout's edits and take everyone else's");
  syncCmd->add_option("checkout", o.checkoutFile, "the checkout FILE.gpkg")->required();
  syncCmd->add_option("--db", o.db, "the store (default: the one it was checked out from; password from ~/.pgpass)");
  syncCmd->add_flag("--mine", o.mine, "where someone changed the same record: write yours over theirs");
  syncCmd->add_flag("--theirs", o.theirs, "where someone changed the same record: keep theirs, give yours up");
  return share;
}

int runShare(CLI::App& share, const ShareOptions& o) {
  if (share.got_subcommand("init")) return init(o);
  if (share.got_subcommand("user")) return userAdd(o);
  if (share.got_subcommand("apply")) return apply(o);
  if (share.got_subcommand("history")) return history(o);
  if (share.got_subcommand("restore")) return restore(o);
  if (share.got_subcommand("checkout")) return checkout(o);
  if (share.got_subcommand("sync")) return sync(o);
  return 2;
}

}  // namespace safetymap::app
