#pragma once
// The ward's figures computed from the loaded layers: buildings, capacity, shelters, centres,
// crimes by type, district and year. What the policy panel, `safetymap stats` and the printouts show.
#include <map>
#include <string>
#include <vector>

#include "core/project.hpp"

namespace safetymap::analysis {

struct DistrictStats {
  std::string nameJa, nameEn;
  int tsunamiBuildings = 0;
  long capacity = 0;      // sum over buildings whose capacity is known
  int capacityKnown = 0;  // buildings with a capacity
  int crimes = 0;
  std::map<std::string, int> crimesByType;
  std::map<int, int> crimesByYear;  // by the year of the record's start date
  long population = -1;             // 2015 census: the sum of its 町丁目; -1 = unknown
  int shelters = 0, welfareShelters = 0, safetyCentres = 0;
  ActivityStatus drill = ActivityStatus::NotRecorded, study = ActivityStatus::NotRecorded;
};

// One 町丁目: the unit the police records are located by.
struct ChomeStats {
  std::string town, district;  // district: the district's Japanese name, empty when none
  long population = -1;        // 2015 census; -1 = unknown
  int crimes = 0;
  std::map<int, int> crimesByYear;
};

struct CrimeYear {
  int year = 0;
  int count = 0;
  int months[12] = {};  // by month of occurrence
  std::map<std::string, int> byType;
  int childVictims = 0;
};

enum class Trend { Unknown, Decreasing, Flat, Increasing };
const char* trendKey(Trend t);  // "unknown", "decreasing", "flat", "increasing"

struct CrimeTrend {
  Trend trend = Trend::Unknown;
  int fromYear = 0, toYear = 0;
  int fromCount = 0, toCount = 0;
  int throughMonth = 12;  // the comparison covers January..throughMonth of both years
};

struct WardStats {
  int districts = 0;
  bool districtsApproximate = false;
  int tsunamiBuildings = 0;
  long capacity = 0;
  int capacityKnown = 0;
  int shelters = 0, welfareShelters = 0, safetyCentres = 0;
  int crimes = 0, crimesOutside = 0;
  bool crimesSynthetic = false;
  std::vector<std::pair<std::string, int>> crimesByType;  // in the layer's category order
  std::vector<CrimeYear> crimesByYear;                    // ascending
  int crimesWithDate = 0, crimesWithAge = 0, childVictims = 0;
  CrimeTrend crimeTrend, childTrend;
  std::vector<DistrictStats> perDistrict;  // in the project's district order
  std::vector<ChomeStats> perChome;        // in the 町丁目 layer's order
  long population = -1;                    // the ward's 2015 census population (sum of its 町丁目); -1 = unknown
  // Crime types the legend names that no loaded record has: "no records loaded", never a 0 that reads as a fact.
  std::vector<std::string> crimeTypesWithoutRecords;
  int drillsDone = 0, studyDone = 0, activitiesRecorded = 0;
};

// The crime records counted once per data version (the part that grows with the records: a type, a date, a
// 町丁目 per record), by district, so that choosing a district only adds up a few of these.
struct CrimeTally {  // the records of one district, or of none
  int crimes = 0, withDate = 0, withAge = 0, childVictims = 0;
  std::map<std::string, int> byType;
  std::map<int, CrimeYear> years;
};
struct CrimeTallies {
  bool crimesLoaded = false, synthetic = false;
  std::vector<CrimeTally> byDistrict;  // 0: in no district; 1 + i: district i
  std::vector<int> chomeCrimes;        // per 町丁目 of the 町丁目 layer, matched by the record's 町丁目 name
  std::vector<std::map<int, int>> chomeCrimesByYear;
  std::vector<std::string> typesInOrder;  // the types of the records, the layer's categories first
};
CrimeTallies tallyCrimes(const Project& project);

// districtFilter >= 0 counts only features in that district (the district's own row is still complete).
// tallies: tallyCrimes(project) made earlier for the same data (computed here when absent).
WardStats computeWardStats(const Project& project, int districtFilter = -1, const CrimeTallies* tallies = nullptr);

// Fields the statistics read, as in the police open-data format and the GSI files.
inline constexpr const char* kCrimeTypeField = "手口";
inline constexpr const char* kCrimeDateField = "発生年月日（始期）";
inline constexpr const char* kVictimAgeField = "被害者の年齢";
bool isChildVictimAge(const std::string& age);              // 10歳未満, 10歳代 and plain ages under 18
int yearOf(const std::string& date, int* month = nullptr);  // 20240315 / 2024-03-15 / 2024/3/15; 0 if none
// Why a record's date is not a real day ("2019-02-30 does not exist"); empty when it is one or is empty.
std::string dateProblem(const std::string& date);

}  // namespace safetymap::analysis
