#include "share/sql_sources.hpp"

namespace safetymap::share {

std::string sqlSource(const std::string& name) {
  for (int i = 0; i < kSqlSourceCount; ++i)
    if (name == kSqlSources[i].name) return kSqlSources[i].text;
  return {};
}

}  // namespace safetymap::share
