#include "jobs/snapshot.hpp"

namespace safetymap::jobs {

std::shared_ptr<Project> snapshotProject(const Project& p) {
  auto copy = std::make_shared<Project>(p);
  for (auto& l : copy->layers()) l = std::make_shared<Layer>(*l);
  return copy;
}

}  // namespace safetymap::jobs
