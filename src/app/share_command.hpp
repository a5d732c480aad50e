#pragma once
// `safetymap share …`: the shared PostGIS store of the ward office and the 12 centres (init, logins, changes,
// history, restore).
#include <string>
#include <vector>

#include "core/text.hpp"

namespace CLI {
class App;
}

namespace safetymap::app {

struct ShareOptions {
  std::string geodataDir;
  std::vector<std::pair<std::string, std::string>> roleFiles;
  std::string db, from;
  std::string name, passwordFile;
  std::vector<std::string> districts;
  bool wardOffice = false;
  std::string changes;  // apply: a JSON file of changes
  bool force = false, json = false;
  std::string table, uid;
  std::string out, checkoutFile;  // checkout: --out; sync: the checkout
  bool mine = false, theirs = false;
  int version = 0;
};

// Declares the subcommands on `app`; returns the "share" command.
CLI::App* addShareCommands(CLI::App& app, ShareOptions& o);
int runShare(CLI::App& share, const ShareOptions& o);

}  // namespace safetymap::app
