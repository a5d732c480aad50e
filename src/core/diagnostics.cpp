#include "core/diagnostics.hpp"

#include <algorithm>
#include <cstdio>

namespace safetymap {

std::string Message::str() const {
  return file.empty() ? text : file + ": " + text;
}

void Diagnostics::report(Severity s, std::string file, std::string text) {
  Message m{s, std::move(file), std::move(text)};
  if (echo_) {
    const char* tag = s == Severity::Error ? "error" : s == Severity::Warning ? "warning" : "info";
    std::fprintf(stderr, "safetymap: %s: %s\n", tag, m.str().c_str());
  }
  std::lock_guard lock(mutex_);
  messages_.push_back(std::move(m));
}

std::vector<Message> Diagnostics::snapshot() const {
  std::lock_guard lock(mutex_);
  return messages_;
}

size_t Diagnostics::count(Severity s) const {
  std::lock_guard lock(mutex_);
  return static_cast<size_t>(
      std::count_if(messages_.begin(), messages_.end(), [s](const Message& m) { return m.severity == s; }));
}

size_t Diagnostics::size() const {
  std::lock_guard lock(mutex_);
  return messages_.size();
}

void Diagnostics::clear() {
  std::lock_guard lock(mutex_);
  messages_.clear();
}

}  // namespace safetymap
