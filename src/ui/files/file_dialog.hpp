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
  enum class Purpose { Open, Import, SaveProject, Export };
  // fileName: suggested for saving (SaveProject, Export).
  void open(const std::string& directory, Purpose purpose = Purpose::Open, const std::string& fileName = "");
  // Draws the dialog when open; returns the chosen file once, with what it was chosen for.
  std::optional<std::pair<Purpose, std::string>> draw(Lang lang);

 private:
  void list();
  bool open_ = false, justOpened_ = false;
  Purpose purpose_ = Purpose::Open;
  std::string dir_;
  char path_[1024] = {};
  struct Entry {
    std::string name;
    bool dir;
  };
  std::vector<Entry> entries_;
};

}  // namespace safetymap::ui
