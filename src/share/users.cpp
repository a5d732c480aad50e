#include "share/users.hpp"

#include <sys/stat.h>

#include <fstream>

#include "share/pg_connection.hpp"

namespace safetymap::share {

std::optional<std::string> readPasswordFile(const std::string& path, Status& status) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    status = Status::failure(path + ": cannot read the password file");
    return std::nullopt;
  }
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) {
    status = Status::failure(path + ": the password file is empty (the password is its first line)");
    return std::nullopt;
  }
  status = {};
  return line;
}

Status addLogin(const std::string& db, const NewLogin& login) {
  if (login.name.empty()) return Status::failure("a login needs a name (--name)");
  if (login.wardOffice == !login.districts.empty())
    return Status::failure("login " + login.name + ": give its districts (--district, one or more) or --ward-office");
  Status st;
  auto c = Connection::open(db, st);
  if (!c) return st;
  Rows rows;
  if (auto s = c->run("SELECT to_regclass('public.safetymap_layers') IS NOT NULL", &rows); !s) return s;
  if (rows.text(0, 0) != "t")
    return Status::failure(c->name() + ": there is no shared store here yet: run `safetymap share init` first");
  // Districts by either name; the store keeps the Japanese one.
  std::vector<std::string> districts;
  for (const auto& d : login.districts) {
    if (auto s = c->run(Query{"SELECT name FROM districts WHERE name = $1 OR lower(name_en) = lower($1)", {d}}, &rows);
        !s)
      return s;
    if (rows.size() == 0) {
      Rows all;
      (void)c->run("SELECT string_agg(name || '(' || coalesce(name_en, '') || ')', ' ' ORDER BY name) FROM districts",
                   &all);
      return Status::failure("unknown district '" + d + "'; the districts are: " + all.text(0, 0));
    }
    districts.push_back(rows.text(0, 0));
  }
  std::optional<std::string> hash;
  if (login.password) {
    hash = c->encryptPassword(*login.password, login.name);
    if (!hash) return Status::failure(c->name() + ": cannot hash the password");
  }
  const std::string role = c->quoteIdentifier(login.name);
  Transaction tx(*c);
  if (!tx.begun()) return tx.begun();
  if (auto s = c->run(Query{"SELECT 1 FROM pg_roles WHERE rolname = $1", {login.name}}, &rows); !s) return s;
  const bool exists = rows.size() > 0;
  if (exists) {
    if (auto s = c->run(Query{"SELECT pg_has_role($1, 'safetymap_centre', 'MEMBER') OR "
                              "pg_has_role($1, 'safetymap_ward_office', 'MEMBER')",
                              {login.name}},
                        &rows);
        !s)
      return s;
    if (rows.text(0, 0) != "t")
      return Status::failure(c->name() + ": a role named " + login.name +
                             " already exists and is not a safetymap login: choose another name (nothing was changed)");
  }
  std::string sql = (exists ? "ALTER ROLE " : "CREATE ROLE ") + role + " LOGIN";
  if (hash) sql += " PASSWORD " + c->quoteLiteral(*hash);  // the hash, never the password
  if (auto s = c->run(sql); !s) return s;
  // One kind of login at a time: a centre that becomes the ward office loses its districts, and back.
  const char* grant = login.wardOffice ? "safetymap_ward_office" : "safetymap_centre";
  const char* revoke = login.wardOffice ? "safetymap_centre" : "safetymap_ward_office";
  if (auto s = c->run(Query{"SELECT pg_has_role($1, $2, 'MEMBER')", {login.name, std::string(revoke)}}, &rows); !s)
    return s;
  if (rows.text(0, 0) == "t")
    if (auto s = c->run(std::string("REVOKE ") + revoke + " FROM " + role); !s) return s;
  if (auto s = c->run(std::string("GRANT ") + grant + " TO " + role); !s) return s;
  if (auto s = c->run(Query{"DELETE FROM safetymap_logins WHERE login = $1", {login.name}}); !s) return s;
  for (const auto& d : districts)
    if (auto s = c->run(Query{"INSERT INTO safetymap_logins (login, district) VALUES ($1, $2)", {login.name, d}}); !s)
      return s;
  return tx.commit();
}

}  // namespace safetymap::share
