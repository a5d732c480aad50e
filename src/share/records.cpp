#include "share/records.hpp"

#include <algorithm>
#include <set>

#include "share/pg_connection.hpp"

namespace safetymap::share {

namespace {

const std::set<std::string> kKept = {"fid", "uid", "version", "changed_by", "changed_at", "geom"};

// The predicate a login must pass to write a record of this table (as in the row-level security policies).
std::optional<std::string> writeCheck(Connection& c, const std::string& table, Status& st) {
  if (table == "safetymap_activities") return "safetymap_may_edit_district(district)";
  Rows rows;
  if (st = c.run(Query{"SELECT scope FROM safetymap_layers WHERE table_name = $1", {table}}, &rows); !st)
    return std::nullopt;
  if (rows.size() == 0) {
    st = Status::failure(c.name() + ": there is no shared layer named " + table);
    return std::nullopt;
  }
  return rows.text(0, 0) == "district" ? "safetymap_may_edit(geom)" : "safetymap_is_ward_office()";
}

std::string loginsDistricts(Connection& c) {
  Rows rows;
  (void)c.run(
      "SELECT coalesce(string_agg(district, '・' ORDER BY district), '') FROM safetymap_logins "
      "WHERE login = session_user",
      &rows);
  return rows.text(0, 0);
}

Status refusal(Connection& c, const RecordChange& ch, const std::string& detail) {
  std::string districts = loginsDistricts(c);
  return Status::failure(c.name() + ": refused by the database: login " + c.login() + " may change " + ch.table +
                         " records only " + (districts.empty() ? "if it is the ward office's" : "inside " + districts) +
                         (detail.empty() ? "" : " (" + detail + ")") + "; nothing of this change was written");
}

const char* verb(RecordChange::Kind k) {
  return k == RecordChange::Kind::Insert ? "add" : k == RecordChange::Kind::Update ? "change" : "delete";
}

}  // namespace

ApplyResult applyChanges(Connection& c, const std::vector<RecordChange>& changes, bool force,
                         const std::function<void(int)>& before) {
  ApplyResult r;
  Transaction tx(c);
  if (!tx.begun()) {
    r.status = tx.begun();
    r.lost = !c.alive();
    return r;
  }
  std::map<std::string, std::string> checks;  // by table: asked once per transaction
  for (size_t index = 0; index < changes.size(); ++index) {
    const RecordChange& ch = changes[index];
    if (before) before(static_cast<int>(index));
    auto known = checks.find(ch.table);
    if (known == checks.end()) {
      auto got = writeCheck(c, ch.table, r.status);
      if (!got) return r;
      known = checks.emplace(ch.table, *got).first;
    }
    const std::string* check = &known->second;
    for (const auto& [column, value] : ch.values)
      if (kKept.count(column)) {
        r.status = Status::failure(c.name() + ": column " + column + " of " + ch.table + " is kept by the store");
        return r;
      }
    const std::string t = c.quoteIdentifier(ch.table);
    Query q;
    auto param = [&](std::optional<std::string> v) {
      q.parameters.push_back(std::move(v));
      return "$" + std::to_string(q.parameters.size());
    };
    const char* stamp = " RETURNING uid::text, version, changed_by, changed_at::text";
    if (ch.kind == RecordChange::Kind::Upsert) {
      std::string cols, vals, sets, key;
      for (const auto& [column, value] : ch.values) {
        const std::string col = c.quoteIdentifier(column);
        cols += (cols.empty() ? "" : ", ") + col;
        vals += (vals.empty() ? "" : ", ") + param(value);
        if (std::find(ch.key.begin(), ch.key.end(), column) == ch.key.end())
          sets += (sets.empty() ? "" : ", ") + col + " = EXCLUDED." + col;
      }
      for (const auto& k : ch.key) key += (key.empty() ? "" : ", ") + c.quoteIdentifier(k);
      q.sql = "INSERT INTO " + t + " (" + cols + ") VALUES (" + vals + ") ON CONFLICT (" + key + ") DO UPDATE SET " +
              sets + stamp;
    } else if (ch.kind == RecordChange::Kind::Insert) {
      if (!ch.recreate) {  // a record the store had and someone deleted since: theirs was the last word
        Rows had;
        if (auto s = c.run(Query{"SELECT changed_by, changed_at::text, version FROM safetymap_history WHERE layer = $1 "
                                 "AND uid = $2::uuid AND op = 'delete' AND NOT EXISTS (SELECT 1 FROM " +
                                     t + " WHERE uid = $2::uuid) ORDER BY id DESC LIMIT 1",
                                 {ch.table, ch.uid}},
                           &had);
            !s) {
          r.status = s;
          return r;
        }
        if (had.size() > 0) {
          if (force) continue;  // mine was to add it; theirs deleted it since; the user chose to leave it
          Conflict k;
          k.mine = ch, k.deleted = true, k.theirBy = had.text(0, 0), k.theirAt = had.text(0, 1);
          k.theirVersion = static_cast<int>(had.integer(0, 2));
          r.conflicts.push_back(std::move(k));
          continue;
        }
      }
      std::string cols = "uid", vals = param(ch.uid) + "::uuid";
      for (const auto& [column, value] : ch.values) {
        cols += ", " + c.quoteIdentifier(column);
        vals += ", " + param(value);
      }
      if (ch.geometryWkt) {
        cols += ", geom";
        vals += ", ST_GeomFromText(" + param(*ch.geometryWkt) + ", 6674)";
      }
      q.sql = "INSERT INTO " + t + " (" + cols + ") VALUES (" + vals + ") ON CONFLICT (uid) DO NOTHING" + stamp;
    } else if (ch.kind == RecordChange::Kind::Update) {
      std::string sets;
      for (const auto& [column, value] : ch.values)
        sets += (sets.empty() ? "" : ", ") + c.quoteIdentifier(column) + " = " + param(value);
      if (ch.geometryWkt)
        sets += std::string(sets.empty() ? "" : ", ") + "geom = ST_GeomFromText(" + param(*ch.geometryWkt) + ", 6674)";
      if (sets.empty()) continue;
      q.sql = "UPDATE " + t + " SET " + sets + " WHERE uid = " + param(ch.uid) + "::uuid";
      if (!force) q.sql += " AND version = " + param(std::to_string(ch.baseVersion));
      q.sql += stamp;
    } else {
      q.sql = "DELETE FROM " + t + " WHERE uid = " + param(ch.uid) + "::uuid";
      if (!force) q.sql += " AND version = " + param(std::to_string(ch.baseVersion));
    }
    Rows done;
    if (auto s = c.run(q, &done); !s) {
      r.refused = c.lastState() == "42501";
      // Lost, or worth sending again as it is (a deadlock, a serialization failure, a statement cancelled).
      const std::string& state = c.lastState();
      r.lost = state.rfind("08", 0) == 0 || state == "57P01" || state == "40P01" || state == "40001" ||
               state == "57014" || !c.alive();
      r.status =
          r.refused ? refusal(c, ch, std::string("the ") + verb(ch.kind) + " would put a record outside them") : s;
      return r;
    }
    if (done.affected() > 0) {
      ++r.written;
      for (int i = 0; i < done.size(); ++i)
        r.stamps.push_back(
            {ch.table, done.text(i, 0), static_cast<int>(done.integer(i, 1)), done.text(i, 2), done.text(i, 3)});
      continue;
    }
    if (ch.kind == RecordChange::Kind::Insert || ch.kind == RecordChange::Kind::Upsert)
      continue;  // sent before (an interrupted sync): it is there
    // Nothing written: why? Another version, gone, refused by row-level security, or a change to nothing.
    Rows probe;
    if (auto s = c.run(Query{"SELECT version, changed_by, changed_at::text, to_jsonb(x)::text, " + *check + " FROM " +
                                 t + " x WHERE uid = $1::uuid",
                             {ch.uid}},
                       &probe);
        !s) {
      r.status = s;
      return r;
    }
    if (probe.size() == 0) {
      if (ch.kind == RecordChange::Kind::Delete) continue;  // already deleted: what was asked
      if (force) {  // "keep mine" cannot change what is gone: said, nothing written
        r.status = Status::failure(c.name() + ": " + ch.table + " record " + ch.uid +
                                   " was deleted by someone else: restore it from its history first, then change it");
        return r;
      }
      Conflict k;
      k.mine = ch;
      k.deleted = true;
      r.conflicts.push_back(std::move(k));
      continue;
    }
    if (probe.text(0, 4) != "t") {
      r.refused = true;
      r.status = refusal(c, ch, "");
      return r;
    }
    if (!force && probe.integer(0, 0) != ch.baseVersion) {
      // The newer version already says what this change says (the same change made twice, or sent again by a sync
      // that stopped after its commit): nothing to do, and nothing in conflict.
      if (ch.kind == RecordChange::Kind::Update) {
        Query same{"SELECT true", {}};
        for (const auto& [column, value] : ch.values) {
          same.parameters.push_back(value);
          same.sql += " AND " + c.quoteIdentifier(column) + " IS NOT DISTINCT FROM $" +  // as the column's type
                      std::to_string(same.parameters.size());
        }
        if (ch.geometryWkt) {
          same.parameters.push_back(*ch.geometryWkt);
          same.sql +=
              " AND ST_OrderingEquals(geom, ST_GeomFromText($" + std::to_string(same.parameters.size()) + ", 6674))";
        }
        same.parameters.push_back(ch.uid);
        same.sql += " FROM " + t + " WHERE uid = $" + std::to_string(same.parameters.size()) + "::uuid";
        Rows equal;
        if (auto s = c.run(same, &equal); !s) {
          r.status = s;
          return r;
        }
        if (equal.text(0, 0) == "t") continue;
      }
      Conflict k{
          ch, false, static_cast<int>(probe.integer(0, 0)), probe.text(0, 1), probe.text(0, 2), probe.text(0, 3)};
      r.conflicts.push_back(std::move(k));
    }
  }
  if (!r.conflicts.empty()) {
    r.written = 0;
    return r;  // rolled back: none of the step is written
  }
  if (before) before(static_cast<int>(changes.size()));
  r.status = tx.commit();
  if (!r.status) {
    r.written = 0;
    r.stamps.clear();
    r.lost = !c.alive();
  }
  return r;
}

Status recordHistory(Connection& c, const std::string& table, const std::string& uid, std::vector<HistoryEntry>& out) {
  Rows rows;
  if (auto s = c.run(Query{"SELECT id, op, changed_by, changed_at::text, version, before::text, after::text FROM "
                           "safetymap_history WHERE layer = $1 AND uid = $2::uuid ORDER BY id",
                           {table, uid}},
                     &rows);
      !s)
    return s;
  out.clear();
  for (int i = 0; i < rows.size(); ++i)
    out.push_back({rows.integer(i, 0), rows.text(i, 1), rows.text(i, 2), rows.text(i, 3),
                   static_cast<int>(rows.integer(i, 4)), rows.text(i, 5), rows.text(i, 6)});
  return {};
}

ApplyResult restoreVersion(Connection& c, const std::string& table, const std::string& uid, int version) {
  ApplyResult r;
  Rows rows;
  // The record as it was at that version: the state a change produced, or what a deletion removed.
  if (auto s = c.run(Query{"SELECT coalesce(after, before)::text FROM safetymap_history WHERE layer = $1 AND "
                           "uid = $2::uuid AND (version = $3::integer AND op <> 'delete' OR version = $3::integer + 1 "
                           "AND op = 'delete') ORDER BY id DESC LIMIT 1",
                           {table, uid, std::to_string(version)}},
                     &rows);
      !s) {
    r.status = s;
    return r;
  }
  if (rows.size() == 0) {
    r.status =
        Status::failure(c.name() + ": " + table + " has no version " + std::to_string(version) + " of record " + uid);
    return r;
  }
  const std::string record = rows.text(0, 0);
  Rows cols;
  if (auto s = c.run(Query{"SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND "
                           "table_name = $1 ORDER BY ordinal_position",
                           {table}},
                     &cols);
      !s) {
    r.status = s;
    return r;
  }
  std::string list, from;
  bool geom = false;
  for (int i = 0; i < cols.size(); ++i) {
    std::string col = cols.text(i, 0);
    geom = geom || col == "geom";
    if (kKept.count(col)) continue;
    list += (list.empty() ? "" : ", ") + c.quoteIdentifier(col);
    from += (from.empty() ? "" : ", ") + std::string("r.") + c.quoteIdentifier(col);
  }
  if (geom) {
    list += (list.empty() ? "" : ", ") + std::string("geom");
    from += (from.empty() ? "" : ", ") + std::string(
                                             "CASE WHEN jsonb_typeof($1::jsonb->'geom') = 'object' THEN "
                                             "ST_SetSRID(ST_GeomFromGeoJSON($1::jsonb->'geom'), 6674) END");
  }
  const std::string t = c.quoteIdentifier(table);
  Transaction tx(c);
  if (!tx.begun()) {
    r.status = tx.begun();
    return r;
  }
  Rows exists;
  if (auto s = c.run(Query{"SELECT 1 FROM " + t + " WHERE uid = $1::uuid", {uid}}, &exists); !s) {
    r.status = s;
    return r;
  }
  std::string sql = exists.size()
                        ? "UPDATE " + t + " SET (" + list + ") = (SELECT " + from +
                              " FROM jsonb_populate_record(NULL::" + t + ", $1::jsonb - 'geom') r) WHERE uid = $2::uuid"
                        : "INSERT INTO " + t + " (uid, " + list + ") SELECT $2::uuid, " + from +
                              " FROM jsonb_populate_record(NULL::" + t + ", $1::jsonb - 'geom') r";
  Rows done;
  if (auto s = c.run(Query{sql, {record, uid}}, &done); !s) {
    r.refused = c.lastState() == "42501";
    r.status = s;
    return r;
  }
  r.written = done.affected();
  Rows allowed;
  if (r.written == 0 && exists.size() &&
      c.run(Query{"SELECT " + std::string(table == "safetymap_activities" ? "true" : "safetymap_may_edit(geom)") +
                      " FROM " + t + " WHERE uid = $1::uuid",
                  {uid}},
            &allowed) &&
      allowed.text(0, 0) != "t") {  // row-level security hid the record from the update
    r.refused = true;
    r.status = Status::failure(c.name() + ": refused by the database: login " + c.login() + " may not change this " +
                               table + " record (it is outside the login's districts)");
    return r;
  }
  r.status = tx.commit();
  return r;
}

}  // namespace safetymap::share
