#pragma once
// Other people's edits as they happen: a connection that LISTENs on the store's channel (the triggers send a notice
// per committed change), kept on a background job's thread; the UI takes the notices each frame.
#include <atomic>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>
#include <vector>

namespace safetymap::share {

struct Notice {
  std::string layer, uid, op, by;  // layer = the table; op = insert / update / delete
  int version = 0;
  int pid = 0;       // the server process that made the change (the viewer's own writer is skipped by it)
  long long id = 0;  // its history row
};

class Listener {
 public:
  // Listens until stop is requested, reconnecting after a lost connection; `wake` is called when notices arrive
  // (the viewer wakes its window with it). Each (re)connection first catches up on the history after the last change
  // seen (`after`: the newest when the store was read), so nothing made while it was not listening is missed.
  void run(const std::string& db, long long after, std::stop_token stop, const std::function<void()>& wake);
  std::vector<Notice> take();
  bool connected() const { return connected_; }
  std::string problem() const;

 private:
  void listen(const std::string& db, long long after, std::stop_token stop, const std::function<void()>& wake,
              int pipe[2]);
  void add(std::vector<Notice> got, const std::function<void()>& wake);
  void setProblem(std::string p);
  mutable std::mutex mutex_;
  std::vector<Notice> notices_;
  std::string problem_;
  std::atomic<bool> connected_{false};
};

}  // namespace safetymap::share
