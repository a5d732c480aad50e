#pragma once
// One step of the viewer's history as changes to the shared store: an added, moved, deleted or changed record, or a
// district's drill status; undoing a step sends its inverse. Steps on layers that are not in the store (a file the
// user opened beside it) and view changes (styles, order) stay on this computer.
#include <functional>
#include <string>
#include <vector>

#include "core/edit_history.hpp"
#include "share/records.hpp"
#include "share/store_open.hpp"

namespace safetymap::share {

// The version the viewer last saw of a record (by uid): the base a change is checked against.
using KnownVersion = std::function<int(const std::string& table, const std::string& uid)>;

struct StepChanges {
  std::vector<RecordChange> changes;  // empty: nothing to send
  std::string problem;                // why this step cannot be sent (a column the store keeps)
};

StepChanges changesFor(const Edit& edit, bool undo, const Project& project, const StoreLink& link,
                       const KnownVersion& known);

// A new record's identity (a random UUID, version 4).
std::string newUid();

}  // namespace safetymap::share
