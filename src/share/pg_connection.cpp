#include "share/pg_connection.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <map>

namespace safetymap::share {

namespace {

bool contains(const std::string& s, const char* what) {
  return s.find(what) != std::string::npos;
}

std::string firstLine(std::string s) {
  if (auto nl = s.find('\n'); nl != std::string::npos) s.resize(nl);
  return s;
}

// The server's message without libpq's "ERROR:  " prefix and with its DETAIL, which says which row or column.
std::string serverMessage(const PGresult* r, PGconn* c) {
  if (!r) return firstLine(PQerrorMessage(c));
  std::string msg = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY)
                                                                   : firstLine(PQresultErrorMessage(r));
  if (const char* d = PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL)) msg += std::string(" (") + d + ")";
  return msg;
}

std::map<std::string, std::string> settings(const std::string& conninfo) {
  std::map<std::string, std::string> out;
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(conninfo.c_str(), &err);
  if (err) PQfreemem(err);
  if (!opts) return out;
  for (PQconninfoOption* o = opts; o->keyword; ++o)
    if (o->val && *o->val) out[o->keyword] = o->val;
  PQconninfoFree(opts);
  auto env = [&](const char* key, const char* var) {
    if (!out.count(key))
      if (const char* v = std::getenv(var)) out[key] = v;
  };
  env("dbname", "PGDATABASE");
  env("host", "PGHOST");
  env("port", "PGPORT");
  env("user", "PGUSER");
  return out;
}

}  // namespace

std::string connectionString(const std::string& db) {
  return db.rfind("PG:", 0) == 0 ? db.substr(3) : db;
}

std::string connectionWithout(const std::string& db, const std::string& key) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(connectionString(db).c_str(), &err);
  if (err) PQfreemem(err);
  std::string out;
  if (!opts) return out;
  for (PQconninfoOption* o = opts; o->keyword; ++o) {
    if (!o->val || !*o->val || key == o->keyword) continue;
    std::string v;
    for (char ch : std::string(o->val)) {
      if (ch == '\'' || ch == '\\') v += '\\';
      v += ch;
    }
    out += (out.empty() ? "" : " ") + std::string(o->keyword) + "='" + v + "'";
  }
  PQconninfoFree(opts);
  return out;
}

std::string describeDatabase(const std::string& db) {
  auto s = settings(connectionString(db));
  auto get = [&](const char* k, const char* fallback) { return s.count(k) ? s[k] : std::string(fallback); };
  std::string user = get("user", "");
  std::string name = get("dbname", user.empty() ? "(default)" : user.c_str());
  std::string out = "database " + name + " on " + get("host", "localhost") + ":" + get("port", "5432");
  if (!user.empty()) out += " as " + user;
  return out;
}

Rows::Rows(PGresult* result) : result_(result) {}
Rows::Rows(Rows&& o) noexcept : result_(o.result_) {
  o.result_ = nullptr;
}
Rows& Rows::operator=(Rows&& o) noexcept {
  if (this != &o) {
    if (result_) PQclear(result_);
    result_ = o.result_;
    o.result_ = nullptr;
  }
  return *this;
}
Rows::~Rows() {
  if (result_) PQclear(result_);
}
int Rows::size() const {
  return result_ ? PQntuples(result_) : 0;
}
int Rows::columns() const {
  return result_ ? PQnfields(result_) : 0;
}
std::string Rows::columnName(int column) const {
  return result_ ? PQfname(result_, column) : "";
}
std::optional<std::string> Rows::get(int row, int column) const {
  if (!result_ || row >= size() || column >= columns() || PQgetisnull(result_, row, column)) return std::nullopt;
  return std::string(PQgetvalue(result_, row, column), static_cast<size_t>(PQgetlength(result_, row, column)));
}
long long Rows::integer(int row, int column) const {
  auto v = get(row, column);
  return v ? std::atoll(v->c_str()) : 0;
}
int Rows::affected() const {
  return result_ ? std::atoi(PQcmdTuples(result_)) : 0;
}
std::string Rows::command() const {
  return result_ ? PQcmdStatus(result_) : "";
}

std::unique_ptr<Connection> Connection::open(const std::string& db, Status& status) {
  std::string conninfo = connectionString(db);
  std::string name = describeDatabase(db);
  // The application name shows in pg_stat_activity; a short timeout so a missing server is said at once.
  std::string full =
      conninfo + " application_name=safetymap" + (contains(conninfo, "connect_timeout") ? "" : " connect_timeout=10");
  if (conninfo.rfind("postgres", 0) == 0) full = conninfo;  // a URI takes its options in its own form
  PGconn* c = PQconnectdb(full.c_str());
  if (!c) {
    status = Status::failure(name + ": out of memory");
    return nullptr;
  }
  if (PQstatus(c) != CONNECTION_OK) {
    std::string why = PQerrorMessage(c);
    std::string said;
    if (contains(why, "password authentication failed"))
      said = "the server refused the login: wrong user name or password";
    else if (contains(why, "no password supplied") || contains(why, "fe_sendauth"))
      said =
          "the server asks for a password: put it in the PostgreSQL password file (~/.pgpass, or PGPASSFILE), "
          "or give it when asked";
    else if (contains(why, "Connection refused") || contains(why, "No such file or directory") ||
             contains(why, "could not translate host name") || contains(why, "timeout expired"))
      said = "no PostgreSQL server answers there (is it running, and is the host and port right?)";
    else if (contains(why, "does not exist") && contains(why, "database"))
      said = "the server has no such database";
    else if (contains(why, "invalid connection option") || contains(why, "missing \"=\""))
      said =
          "the connection string is not understood (expected key=value pairs such as dbname=ward host=server "
          "user=centre)";  // libpq's message quotes the string, which may hold the password
    else
      said = firstLine(why.substr(why.find("FATAL:") == std::string::npos ? 0 : why.find("FATAL:") + 7));
    status = Status::failure(name + ": " + said);
    PQfinish(c);
    return nullptr;
  }
  PQsetClientEncoding(c, "UTF8");
  // Notices (an IF NOT EXISTS that found the thing) are not problems: keep them off the terminal.
  PQsetNoticeProcessor(
      c, [](void*, const char*) {}, nullptr);
  status = Status();
  return std::unique_ptr<Connection>(new Connection(c, name));
}

Connection::~Connection() {
  PQfinish(conn_);
}

Status Connection::run(const Query& query, Rows* rows) {
  state_.clear();
  PGresult* r;
  if (query.parameters.empty()) {
    r = PQexec(conn_, query.sql.c_str());
  } else {
    std::vector<const char*> values;
    for (const auto& p : query.parameters) values.push_back(p ? p->c_str() : nullptr);
    r = PQexecParams(conn_, query.sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                     nullptr, 0);
  }
  ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
    if (rows)
      *rows = Rows(r);
    else
      PQclear(r);
    return {};
  }
  if (r && PQresultErrorField(r, PG_DIAG_SQLSTATE)) state_ = PQresultErrorField(r, PG_DIAG_SQLSTATE);
  std::string msg = serverMessage(r, conn_);
  if (r) PQclear(r);
  if (PQstatus(conn_) == CONNECTION_BAD) {
    state_ = "08006";
    msg = "the connection to the server was lost (" + msg + ")";
  }
  return Status::failure(name_ + ": " + msg);
}

std::string Connection::quoteIdentifier(const std::string& name) const {
  char* q = PQescapeIdentifier(conn_, name.c_str(), name.size());
  std::string out = q ? q : "";
  PQfreemem(q);
  return out;
}

std::string Connection::quoteLiteral(const std::string& value) const {
  char* q = PQescapeLiteral(conn_, value.c_str(), value.size());
  std::string out = q ? q : "";
  PQfreemem(q);
  return out;
}

std::optional<std::string> Connection::encryptPassword(const std::string& password, const std::string& login) {
  char* e = PQencryptPasswordConn(conn_, password.c_str(), login.c_str(), nullptr);
  if (!e) return std::nullopt;
  std::string out = e;
  PQfreemem(e);
  return out;
}

std::string Connection::login() const {
  return PQuser(conn_);
}
bool Connection::alive() const {
  return PQstatus(conn_) == CONNECTION_OK;
}
int Connection::backendPid() const {
  return PQbackendPID(conn_);
}

Transaction::Transaction(Connection& c) : c_(c) {
  begun_ = c_.run("BEGIN");
}
Transaction::~Transaction() {
  if (!done_ && begun_.ok() && c_.alive()) (void)c_.run("ROLLBACK");
}
Status Transaction::commit() {
  done_ = true;
  if (!begun_.ok()) return begun_;
  Rows r;
  if (auto s = c_.run("COMMIT", &r); !s) return s;
  if (r.command() == "ROLLBACK") return Status::failure(c_.name() + ": the transaction failed and was rolled back");
  return {};
}

}  // namespace safetymap::share
