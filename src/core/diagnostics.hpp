#pragma once
// Problems with input, each naming the file and what is wrong. Shown in the errors panel and on stderr.
#include <mutex>
#include <string>
#include <vector>

namespace safetymap {

enum class Severity { Info, Warning, Error };

struct Message {
  Severity severity = Severity::Error;
  std::string file;         // the file concerned (may be empty for general messages)
  std::string text;         // what is wrong, in plain words
  std::string str() const;  // "file: text"
};

// Thread-safe log: the loader thread reports, the UI thread reads.
class Diagnostics {
 public:
  explicit Diagnostics(bool echoToStderr = true) : echo_(echoToStderr) {}
  void report(Severity s, std::string file, std::string text);
  void error(std::string file, std::string text) { report(Severity::Error, std::move(file), std::move(text)); }
  void warning(std::string file, std::string text) { report(Severity::Warning, std::move(file), std::move(text)); }
  void info(std::string file, std::string text) { report(Severity::Info, std::move(file), std::move(text)); }
  std::vector<Message> snapshot() const;
  size_t count(Severity s) const;
  size_t size() const;
  void clear();

 private:
  mutable std::mutex mutex_;
  std::vector<Message> messages_;
  bool echo_;
};

}  // namespace safetymap
