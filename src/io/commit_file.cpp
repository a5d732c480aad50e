#include "io/commit_file.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>

namespace fs = std::filesystem;

namespace safetymap::io {

bool commitFile(const std::string& tmp, const std::string& target, std::string& error) {
  // fsync the data before the rename so a power cut cannot leave the new name on empty blocks.
  if (FILE* f = std::fopen(tmp.c_str(), "rb")) {
    ::fsync(fileno(f));
    std::fclose(f);
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) {
    error = ec.message();
    fs::remove(tmp, ec);
    return false;
  }
  return true;
}

bool commitFile(const std::string& tmp, const std::string& target, Diagnostics& diag) {
  std::string err;
  if (commitFile(tmp, target, err)) return true;
  diag.error(target, "cannot replace the file: " + err);
  return false;
}

}  // namespace safetymap::io
