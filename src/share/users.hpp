#pragma once
// The logins of the shared store: a centre's login edits records inside its districts, the ward office's edits
// everywhere, and everyone reads everything. The database enforces it (row-level security), not the viewer.
#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"

namespace safetymap::share {

struct NewLogin {
  std::string name;
  std::vector<std::string> districts;  // Japanese or English names, as in the districts table
  bool wardOffice = false;
  std::optional<std::string> password;  // sent hashed (PQencryptPasswordConn); none = the server's other methods
};

// Creates the login, or changes an existing one's districts (and password when one is given), in one transaction.
Status addLogin(const std::string& db, const NewLogin& login);

// A password from a file (its first line; the file should be readable by its owner only).
std::optional<std::string> readPasswordFile(const std::string& path, Status& status);

}  // namespace safetymap::share
