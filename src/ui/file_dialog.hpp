#pragma once
// File › Open: a small ImGui file browser (ImGui has none). Any file may be chosen: GDAL decides
// whether it can read it, and says why not.
#include <optional>
#include <string>
#include <vector>

#include "core/text.hpp"

namespace safetymap::ui {

class FileDialog {
 public:
  void open(const std::string& directory);
  // Draws the dialog when open; returns the chosen file once.
  std::optional<std::string> draw(Lang lang);

 private:
  void list();
  bool open_ = false, justOpened_ = false;
  std::string dir_;
  char path_[1024] = {};
  struct Entry {
    std::string name;
    bool dir;
  };
  std::vector<Entry> entries_;
};

}  // namespace safetymap::ui
