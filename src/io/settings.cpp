#include "io/settings.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "io/commit_file.hpp"

namespace fs = std::filesystem;

namespace safetymap::io {

void Settings::addRecent(const std::string& path) {
  std::string abs = fs::absolute(path).lexically_normal().string();
  std::erase(recentFiles, abs);
  recentFiles.insert(recentFiles.begin(), abs);
  if (recentFiles.size() > 10) recentFiles.resize(10);
}

std::string settingsPath() {
  if (const char* d = std::getenv("SAFETYMAP_CONFIG_DIR"); d && *d) return (fs::path(d) / "settings.json").string();
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x)
    return (fs::path(x) / "safetymap/settings.json").string();
  const char* home = std::getenv("HOME");
  return (fs::path(home ? home : ".") / ".config/safetymap/settings.json").string();
}

Settings loadSettings() {
  Settings s;
  std::ifstream in(settingsPath());
  if (!in) return s;
  try {
    nlohmann::json j;
    in >> j;
    if (auto l = parseLang(j.value("lang", ""))) s.lang = *l, s.langSet = true;
    s.recentFiles = j.value("recent_files", std::vector<std::string>{});
    s.windowWidth = std::clamp(j.value("window_width", 1600), 640, 8192);
    s.windowHeight = std::clamp(j.value("window_height", 1000), 480, 8192);
    const nlohmann::json activities = j.value("district_activities", nlohmann::json::object());
    for (auto [key, kind] : {std::pair{"drill", ActivityKind::Drill}, std::pair{"study", ActivityKind::StudySession}}) {
      const nlohmann::json byDistrict = activities.value(key, nlohmann::json::object());
      for (const auto& [district, status] : byDistrict.items())
        if (auto st = activityStatusFromKey(status.get<std::string>())) s.activities.set(kind, district, *st);
    }
  } catch (...) {
    // A damaged settings file must not stop the viewer: start from defaults.
  }
  return s;
}

bool saveSettings(const Settings& s) {
  fs::path p(settingsPath());
  std::error_code ec;
  fs::create_directories(p.parent_path(), ec);
  nlohmann::json j{{"lang", langCode(s.lang)},
                   {"recent_files", s.recentFiles},
                   {"window_width", s.windowWidth},
                   {"window_height", s.windowHeight}};
  for (auto [key, map] : {std::pair{"drill", &s.activities.drill}, std::pair{"study", &s.activities.study}})
    for (const auto& [district, status] : *map) j["district_activities"][key][district] = activityStatusKey(status);
  // Two viewers closing at once each write a temporary file of their own: neither half-writes the other's.
  return writeFileAtomically(p.string(), j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n").ok();
}

}  // namespace safetymap::io
