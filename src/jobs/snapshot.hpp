#pragma once
// What a job works on: its own copy of the project, so the user keeps panning and editing meanwhile.
#include <memory>

#include "core/project.hpp"

namespace safetymap::jobs {

// A copy of the project whose layers are copies too, owned by the job that reads (or changes) it.
std::shared_ptr<Project> snapshotProject(const Project& project);

}  // namespace safetymap::jobs
