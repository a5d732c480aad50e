#pragma once
// Opening the shared store as a project: its layers (through GDAL's PostgreSQL driver) in the store's order with
// their names, roles and styles, and the drill statuses. The same map, panels, printouts and briefings as a file.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/project.hpp"

namespace safetymap::share {

// What the viewer keeps of the store it opened: where it is, who is connected, and each layer's table.
struct StoreLink {
  std::string db;    // the connection string as given (never shown: it may hold a password)
  std::string name;  // describeDatabase(db)
  std::string login;
  bool wardOffice = false;
  std::vector<std::string> districts;         // the login's districts (a centre)
  std::map<std::string, std::string> tables;  // layer id → table
  long long lastChange = 0;                   // the newest history row read: later ones are other people's edits
};

std::optional<StoreLink> openStore(const std::string& db, Project& project, Diagnostics& diag,
                                   const std::function<void(double)>& progress = {}, std::stop_token stop = {});

// The records of one table with these uids, read as the store was read (through GDAL), for the changes other people
// made; null when it cannot be read (the message in diag).
std::shared_ptr<Layer> fetchRecords(const StoreLink& link, const std::string& table,
                                    const std::vector<std::string>& uids, Diagnostics& diag);

// The columns the store keeps on every record (never edited as attributes).
bool storeColumn(const std::string& field);

}  // namespace safetymap::share
