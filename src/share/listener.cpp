#include "share/listener.hpp"

#include <libpq-fe.h>
#include <poll.h>
#include <unistd.h>

#include <condition_variable>
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

void Listener::run(const std::string& db, std::stop_token stop, const std::function<void()>& wake) {
  // A pipe the stop request writes to, so the wait on the server's socket ends at once.
  int pipe[2];
  if (::pipe(pipe) != 0) return;
  listen(db, stop, wake, pipe);
  ::close(pipe[0]);
  ::close(pipe[1]);
}

void Listener::listen(const std::string& db, std::stop_token stop, const std::function<void()>& wake, int pipe[2]) {
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
    auto c = Connection::open(db, st);
    if (!c || !c->run("LISTEN safetymap")) {
      setProblem(st.ok() ? "cannot listen for changes" : st.message());
      continue;
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
                         j.value("version", 0), n->be_pid});
        } catch (const std::exception&) {
        }
        PQfreemem(n);
      }
      if (!got.empty()) {
        {
          std::lock_guard lock(mutex_);
          notices_.insert(notices_.end(), got.begin(), got.end());
        }
        if (wake) wake();
      }
    }
    connected_ = false;
    if (wake) wake();
  }
}

}  // namespace safetymap::share
