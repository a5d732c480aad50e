#include "jobs/snapshot.hpp"

namespace safetymap::jobs {

std::shared_ptr<Project> snapshotProject(const Project& p) {
  return std::make_shared<Project>(p);  // the layers are shared: a change on either side copies that one layer
}

}  // namespace safetymap::jobs
