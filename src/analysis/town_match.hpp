#pragma once
// Matching a 町丁目 or an address as people write it (市岡1丁目, 市岡１－２－３, 大阪市港区市岡一丁目)
// to one of the ward's 町丁目 polygons, so a record without coordinates can be placed inside it.
#include <string>
#include <vector>

#include "core/layer.hpp"

namespace safetymap::analysis {

// Full-width digits and letters to ASCII, 丁目 numbers to kanji, the prefecture/city/ward prefix and spaces removed:
// "大阪市港区市岡１丁目" → "市岡一丁目", "弁天1-2-3" → "弁天1-2-3" (addresses are resolved by TownMatcher).
std::string normaliseTown(const std::string& s);

struct TownMatch {
  int feature = -1;    // in the 町丁目 layer; -1 when not matched
  std::string town;    // the matched 町丁目 name
  std::string reason;  // why not, in plain words
};

class TownMatcher {
 public:
  TownMatcher(const Layer& chome, std::string nameField = "town");
  TownMatch match(const std::string& townOrAddress) const;
  size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;  // per feature, normalised
};

}  // namespace safetymap::analysis
