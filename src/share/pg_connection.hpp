#pragma once
// One libpq connection to the shared store, for what GDAL's PostgreSQL driver cannot do (roles, the schema's
// functions, version-checked writes, LISTEN/NOTIFY). Every failure is one sentence naming the database (never its
// password) and the problem.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

namespace safetymap::share {

// "PG:dbname=ward host=…" or "dbname=ward host=…" or a postgresql:// URI: the libpq connection string.
std::string connectionString(const std::string& db);
// The connection string less one setting (the password), rebuilt from libpq's own reading of it (every form).
std::string connectionWithout(const std::string& db, const std::string& key);
// What a message names the database by: its settings without the password ("ward on localhost:5432 as centre_a").
std::string describeDatabase(const std::string& db);

// A query's rows, as text (NULL as nullopt).
class Rows {
 public:
  Rows() = default;
  explicit Rows(PGresult* result);
  Rows(Rows&&) noexcept;
  Rows& operator=(Rows&&) noexcept;
  ~Rows();
  int size() const;
  std::optional<std::string> get(int row, int column) const;
  std::string text(int row, int column) const { return get(row, column).value_or(""); }
  long long integer(int row, int column) const;
  int affected() const;         // rows changed by an INSERT / UPDATE / DELETE
  std::string command() const;  // the command's tag: "COMMIT", or "ROLLBACK" for a COMMIT of a failed transaction
  int columns() const;
  std::string columnName(int column) const;

 private:
  PGresult* result_ = nullptr;
};

struct Query {
  std::string sql;                                     // $1, $2 … for the parameters
  std::vector<std::optional<std::string>> parameters;  // sent apart from the SQL: stored verbatim, never parsed
};

class Connection {
 public:
  // Connects; on failure the Status says why in plain words (no server, refused password, no such database).
  static std::unique_ptr<Connection> open(const std::string& db, Status& status);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one statement (or several without parameters); rows on success, the server's message otherwise.
  Status run(const Query& query, Rows* rows = nullptr);
  Status run(const std::string& sql, Rows* rows = nullptr) { return run(Query{sql, {}}, rows); }
  // The SQLSTATE of the last failure ("42501" = refused by a row-level security policy or a grant).
  const std::string& lastState() const { return state_; }

  std::string quoteIdentifier(const std::string& name) const;
  std::string quoteLiteral(const std::string& value) const;
  // The hashed form of a password, so the password itself never travels in SQL (or the server's log).
  std::optional<std::string> encryptPassword(const std::string& password, const std::string& login);

  std::string login() const;                         // who this connection is
  const std::string& name() const { return name_; }  // describeDatabase() of it
  bool alive() const;
  int backendPid() const;          // the server process of this connection (its notices carry it)
  PGconn* raw() { return conn_; }  // for LISTEN/NOTIFY's socket

 private:
  Connection(PGconn* conn, std::string name) : conn_(conn), name_(std::move(name)) {}
  PGconn* conn_;
  std::string name_;
  std::string state_;
};

// BEGIN … COMMIT; rolled back unless commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Connection& c);
  ~Transaction();
  Status begun() const { return begun_; }
  Status commit();

 private:
  Connection& c_;
  Status begun_;
  bool done_ = false;
};

}  // namespace safetymap::share
