#pragma once
// The SQL files of sql/, embedded at build time (cmake/EmbedSql.cmake).
#include <string>

namespace safetymap::share {

struct SqlSource {
  const char* name;
  const char* text;
};
extern const SqlSource kSqlSources[];
extern const int kSqlSourceCount;

// The text of sql/NAME; empty if there is no such file (a build error, caught by the tests).
std::string sqlSource(const std::string& name);

}  // namespace safetymap::share
