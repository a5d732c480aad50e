#include "share/listener.hpp"

#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <nlohmann/json.hpp>

#include "share/pg_connection.hpp"

namespace safetymap::share {

std::string Listener::problem() const {
  std::lock_guard lock(mutex_);
  return problem_;
}

void Listener::setProblem(std::string p) {
  std::lock_guard lock(mutex_);
  problem_ = std::move(p);
}

std::vector<Notice> Listener::take() {
  std::lock_guard lock(mutex_);
  return std::exchange(notices_, {});
}

void Listener::add(std::vector<Notice> got, const std::function<void()>& wake) {
  if (got.empty()) return;
  {
    std::lock_guard lock(mutex_);
    notices_.insert(notices_.end(), got.begin(), got.end());
  }
  if (wake) wake();
}

void Listener::run(const std::string& db, long long after, std::stop_token stop, const std::function<void()>& wake) {
  // A pipe the stop request writes to, so the wait on the server's socket ends at once.
  int pipe[2];
  if (::pipe2(pipe, O_CLOEXEC) != 0) {
    setProblem(std::string("cannot listen for changes: ") + std::strerror(errno));
    return;
  }
  listen(db, after, stop, wake, pipe);
  ::close(pipe[0]);
  ::close(pipe[1]);
}

void Listener::listen(const std::string& db, long long after, std::stop_token stop, const std::function<void()>& wake,
                      int pipe[2]) {
  std::stop_callback onStop(stop, [&] { (void)::write(pipe[1], "x", 1); });
  std::mutex m;
  std::condition_variable_any cv;
  for (int attempt = 0; !stop.stop_requested(); ++attempt) {
    if (attempt > 0) {  // after a lost connection: again in a few seconds, or at once when stopped
      std::unique_lock lock(m);
      cv.wait_for(lock, stop, std::chrono::seconds(std::min(attempt, 5)), [] { return false; });
      if (stop.stop_requested()) break;
    }
    Status st;
    // TCP keepalives: a connection whose other end went away without a word (a cable, a sleeping laptop) is noticed
    // in about a minute instead of never.
    const std::string conninfo = connectionString(db);
    const bool uri = conninfo.rfind("postgres", 0) == 0;  // a URI takes its options in its own form: as given
    auto c = Connection::open(
        uri ? conninfo : conninfo + " keepalives=1 keepalives_idle=30 keepalives_interval=10 keepalives_count=3", st);
    if (!c || !c->run("LISTEN safetymap")) {
      setProblem(st.ok() ? "cannot listen for changes" : st.message());
      continue;
    }
    // What happened while this viewer was not listening (before its first LISTEN, or while the server was away).
    Rows missed;
    if (c->run(Query{"SELECT id, layer, uid::text, op, version, changed_by FROM safetymap_history WHERE id > $1 "
                     "ORDER BY id",
                     {std::to_string(after)}},
               &missed)) {
      std::vector<Notice> got;
      for (int i = 0; i < missed.size(); ++i) {
        got.push_back({missed.text(i, 1), missed.text(i, 2), missed.text(i, 3), missed.text(i, 5),
                       static_cast<int>(missed.integer(i, 4)), 0, missed.integer(i, 0)});
        after = std::max(after, missed.integer(i, 0));
      }
      add(std::move(got), wake);
    }
    connected_ = true;
    setProblem("");
    if (wake) wake();
    attempt = 0;
    PGconn* raw = c->raw();
    while (!stop.stop_requested()) {
      pollfd fds[2] = {{PQsocket(raw), POLLIN, 0}, {pipe[0], POLLIN, 0}};
      if (::poll(fds, 2, -1) < 0) continue;
      if (fds[1].revents) break;
      if (!PQconsumeInput(raw) || PQstatus(raw) != CONNECTION_OK) {
        setProblem(c->name() + ": the connection to the server was lost; trying again");
        break;
      }
      std::vector<Notice> got;
      while (PGnotify* n = PQnotifies(raw)) {
        try {
          auto j = nlohmann::json::parse(n->extra);
          got.push_back({j.value("layer", ""), j.value("uid", ""), j.value("op", ""), j.value("by", ""),
                         j.value("version", 0), n->be_pid, j.value("id", 0LL)});
          after = std::max(after, j.value("id", 0LL));
        } catch (const std::exception&) {
        }
        PQfreemem(n);
      }
      add(std::move(got), wake);
    }
    connected_ = false;
    if (wake) wake();
  }
}

}  // namespace safetymap::share
