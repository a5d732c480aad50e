#pragma once
// Every file safetymap writes goes to a temporary file beside its target first; commitFile renames it over the
// target (fsync'd before, so a power cut cannot leave the new name on empty blocks). A failure leaves the target
// as it was and removes the temporary file.
#include <initializer_list>
#include <string>
#include <string_view>

#include "core/diagnostics.hpp"
#include "core/status.hpp"

namespace safetymap::io {

Status commitFile(const std::string& tmp, const std::string& target);
// The same, said in the errors panel under the target's name.
bool commitFile(const std::string& tmp, const std::string& target, Diagnostics& diag);
// Writes `parts` one after another to a temporary file of this process and thread beside `target`, then commits it.
Status writeFileAtomically(const std::string& target, std::initializer_list<std::string_view> parts);
inline Status writeFileAtomically(const std::string& target, std::string_view bytes) {
  return writeFileAtomically(target, {bytes});
}

}  // namespace safetymap::io
