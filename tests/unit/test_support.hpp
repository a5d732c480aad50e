#pragma once
// Paths and small helpers shared by the unit tests.
#include <unistd.h>

#include <filesystem>
#include <string>

#include "core/diagnostics.hpp"

namespace safetymap::test {

inline std::string dataFile(const std::string& rel) {
  return std::string(SAFETYMAP_TEST_DATA) + "/" + rel;
}
inline std::string sourceFile(const std::string& rel) {
  return std::string(SAFETYMAP_SOURCE_DIR) + "/" + rel;
}

// Every message of a diagnostics log joined, for "contains" checks.
inline std::string allMessages(const Diagnostics& d) {
  std::string s;
  for (const auto& m : d.snapshot()) s += m.str() + "\n";
  return s;
}

// A fresh temporary directory per test, removed at the end.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() /
           ("safetymap-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
  static int& counter() {
    static int c = 0;
    return c;
  }
};

}  // namespace safetymap::test
