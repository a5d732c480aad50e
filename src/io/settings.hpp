#pragma once
// What the viewer remembers between runs: language, recent files, window size.
// Stored as JSON in $SAFETYMAP_CONFIG_DIR or ~/.config/safetymap/settings.json, written atomically.
#include <string>
#include <vector>

#include "core/district_activity.hpp"
#include "core/text.hpp"

namespace safetymap::io {

struct Settings {
  Lang lang = Lang::Ja;
  bool langSet = false;                  // false until the user (or a saved file) chooses
  std::vector<std::string> recentFiles;  // most recent first
  int windowWidth = 1600, windowHeight = 1000;
  // Until projects are saved as GeoPackages, the district activity record lives with the settings.
  DistrictActivities activities;

  void addRecent(const std::string& path);
};

std::string settingsPath();
Settings loadSettings();
bool saveSettings(const Settings& s);

}  // namespace safetymap::io
