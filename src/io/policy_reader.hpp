#pragma once
// Reads geodata/plan/plan.json into the core Policy; a missing or malformed file is one message naming it.
#include <optional>
#include <string>

#include "core/diagnostics.hpp"
#include "core/policy.hpp"

namespace safetymap::io {

std::optional<Policy> readPolicy(const std::string& path, Diagnostics& diag);

}  // namespace safetymap::io
