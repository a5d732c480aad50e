#pragma once
// What a job works on: its own copy of the project, so the user keeps panning and editing meanwhile.
#include <memory>

#include "core/project.hpp"

namespace safetymap::jobs {

// The job's own project: a copy whose layers are shared with the original, copy on write (Project::edit), so
// taking it costs a pointer per layer, and neither side sees the other's changes.
std::shared_ptr<Project> snapshotProject(const Project& project);

}  // namespace safetymap::jobs
