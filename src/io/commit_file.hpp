#pragma once
// Every file safetymap writes goes to a temporary file beside its target first; commitFile renames it over the
// target (fsync'd before, so a power cut cannot leave the new name on empty blocks). A failure leaves the target
// as it was and removes the temporary file.
#include <string>

namespace safetymap::io {

bool commitFile(const std::string& tmp, const std::string& target, std::string& error);

}  // namespace safetymap::io
