#pragma once
// One result type for what can fail: ok, or one sentence that names the file or source and the problem. (Reading
// a file reports to a Diagnostics instead: it has many things to say about one file, row by row.)
#include <string>

namespace safetymap {

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  static Status failure(std::string message) {
    Status s;
    s.message_ = message.empty() ? "failed" : std::move(message);
    return s;
  }
  bool ok() const { return message_.empty(); }
  explicit operator bool() const { return ok(); }
  const std::string& message() const { return message_; }  // empty when ok

 private:
  std::string message_;
};

}  // namespace safetymap
