#include "io/commit_file.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

namespace fs = std::filesystem;

namespace safetymap::io {

namespace {
// Renames tmp over target; the reason when it cannot (the temporary file is then removed), else empty.
std::string replaceTarget(const std::string& tmp, const std::string& target) {
  // fsync the data before the rename so a power cut cannot leave the new name on empty blocks.
  if (FILE* f = std::fopen(tmp.c_str(), "rb")) {
    ::fsync(fileno(f));
    std::fclose(f);
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (!ec) return {};
  std::error_code ignored;
  fs::remove(tmp, ignored);
  return "cannot replace the file: " + ec.message();
}
}  // namespace

Status commitFile(const std::string& tmp, const std::string& target) {
  std::string why = replaceTarget(tmp, target);
  return why.empty() ? Status{} : Status::failure(target + ": " + why);
}

bool commitFile(const std::string& tmp, const std::string& target, Diagnostics& diag) {
  std::string why = replaceTarget(tmp, target);
  if (!why.empty()) diag.error(target, why);  // the panel names the file beside the message
  return why.empty();
}

Status writeFileAtomically(const std::string& target, std::initializer_list<std::string_view> parts) {
  // A name of this process and thread: two writers at once each write theirs, the rename is atomic.
  const std::string tmp = target + "." + std::to_string(static_cast<long>(::getpid())) + "-" +
                          std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id())) + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    for (std::string_view p : parts) out.write(p.data(), static_cast<std::streamsize>(p.size()));
    if (!out.flush()) {
      std::error_code ec;
      fs::remove(tmp, ec);
      return Status::failure(target + ": cannot write the file");
    }
  }
  return commitFile(tmp, target);
}

}  // namespace safetymap::io
