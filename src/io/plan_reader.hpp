#pragma once
// Reads geodata/plan/plan.json into the core Plan; a missing or malformed file is one message naming it.
#include <optional>
#include <string>

#include "core/diagnostics.hpp"
#include "core/plan.hpp"

namespace safetymap::io {

std::optional<Plan> readPlan(const std::string& path, Diagnostics& diag);

}  // namespace safetymap::io
