#pragma once
// The crime table each community safety centre posts (strategy 2-2-1): the records of a district
// for a period, sorted by date, and the counts per type beside the previous period.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/period.hpp"
#include "core/project.hpp"

namespace safetymap::analysis {

struct CrimeRecord {
  int feature = -1;
  std::string date;  // as written (20240315)
  YearMonth month;
  int day = 0;
  std::string hour, type, town, place;
  int category = -1;  // index into the crime layer's categories (its colour)
};

struct TypeCount {
  std::string type;
  int category = -1;
  int count = 0;
  std::optional<int> previous;  // none when the data does not reach back to the previous period
  bool noRecords = false;       // no loaded record has this type at all: "no records loaded", not 0
};

// One 町丁目: the unit the police records are located by.
struct TownCount {
  std::string town;  // as the records write it
  int count = 0;
  std::optional<int> previous;
};

struct CrimeTable {
  Period period;
  std::optional<Period> previousPeriod;  // set when the data covers it
  std::vector<CrimeRecord> records;      // sorted by date, then hour
  std::vector<TypeCount> counts;         // every type of the layer, in legend order
  std::vector<TownCount> towns;          // per 町丁目 of the district, most first
  std::map<int, int> byYear;             // every record of the district by the year of its date (the trend)
  long population = -1;                  // the district's (or ward's) 2015 census people; -1 = unknown
  int total = 0;
  std::optional<int> previousTotal;
  bool synthetic = false, approximate = false;
};

// The months the crime records span (first and last month with a dated record); nullopt when none.
std::optional<Period> crimeDataSpan(const Project& project);
// The default period: the twelve months ending with the latest record (or the whole span if shorter).
std::optional<Period> defaultPeriod(const Project& project);
// district < 0: the whole ward.
CrimeTable buildCrimeTable(const Project& project, int district, const Period& period);

}  // namespace safetymap::analysis
