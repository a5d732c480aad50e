#include "io/commit_file.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>

namespace fs = std::filesystem;

namespace safetymap::io {

Status commitFile(const std::string& tmp, const std::string& target) {
  // fsync the data before the rename so a power cut cannot leave the new name on empty blocks.
  if (FILE* f = std::fopen(tmp.c_str(), "rb")) {
    ::fsync(fileno(f));
    std::fclose(f);
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    return Status::failure(target + ": cannot replace the file: " + ec.message());
  }
  return {};
}

bool commitFile(const std::string& tmp, const std::string& target, Diagnostics& diag) {
  Status s = commitFile(tmp, target);
  if (!s) diag.error(target, s.message().substr(target.size() + 2));  // the panel names the file already
  return s.ok();
}

}  // namespace safetymap::io
