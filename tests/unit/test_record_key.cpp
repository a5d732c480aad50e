#include <catch2/catch.hpp>

#include "jobs/importer.hpp"

using namespace safetymap;

// Keys are stored in every project file and shared store (record_key): a change to how they are made would import
// every record again as new. The value is FNV-1a (64 bit) of "手口=自転車盗\x1f発生日=2019-05-01\x1f", computed
// apart from this code (Python: h = (h ^ byte) * 1099511628211 mod 2^64 from 1469598103934665603).
TEST_CASE("a record's key is the FNV-1a of its own columns' names and values, as projects store it", "[import]") {
  Layer l;
  l.fields = {{"手口", Field::Type::String}, {"発生日", Field::Type::String}, {"record_key", Field::Type::String}};
  Feature f;
  f.values = {"自転車盗", "2019-05-01", "ignored"};
  CHECK(jobs::recordKey(l, f, {"手口", "発生日"}) == "193ce8b150314eca");
  // A column the layer lacks adds nothing; the order of the columns is part of the key.
  CHECK(jobs::recordKey(l, f, {"手口", "missing", "発生日"}) == "193ce8b150314eca");
  CHECK(jobs::recordKey(l, f, {"発生日", "手口"}) != "193ce8b150314eca");
}
