// The 11 community districts (地域活動協議会 = elementary-school districts). No official polygons are
// published, so each is the union of the approximate cells of the 町丁目 assigned to its school:
// exactly where a source says so, otherwise by the rules below, each recorded per feature.
#include <algorithm>
#include <filesystem>
#include <limits>
#include <stdexcept>

#include "analysis/overlay.hpp"
#include "derive/derive.hpp"
#include "io/layer_reader.hpp"
#include "jobs/load.hpp"

namespace fs = std::filesystem;

namespace safetymap::derive {

namespace {
std::vector<std::string> splitBar(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t bar = s.find('|', start);
    std::string part = s.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
    if (!part.empty()) out.push_back(part);
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return out;
}

// 市岡元町三丁目 → 市岡元町: the town name without its 丁目 number.
std::string townName(const std::string& chome) {
  static const char* kNumbers[] = {"一丁目", "二丁目", "三丁目", "四丁目", "五丁目",
                                   "六丁目", "七丁目", "八丁目", "九丁目"};
  for (const char* n : kNumbers) {
    std::string suffix(n);
    if (chome.size() > suffix.size() && chome.compare(chome.size() - suffix.size(), suffix.size(), suffix) == 0)
      return chome.substr(0, chome.size() - suffix.size());
  }
  return chome;
}

std::map<std::string, Vec2> schoolLocations(const Paths& p, Diagnostics& diag) {
  std::string file = (fs::path(p.reference) / "gsi-hinanbasho-minato/27107_minato_shitei-hinanjo.csv").string();
  auto layers = jobs::readLayers(file, diag);
  if (layers.empty()) throw std::runtime_error(file + ": cannot read the GSI shelter list");
  std::map<std::string, Vec2> out;
  const Layer& l = *layers.front();
  for (const auto& f : l.features)
    if (const std::string* name = l.value(f, "施設・場所名"); name && !f.geometry.points.empty())
      out[*name] = f.geometry.points.front();
  return out;
}
}  // namespace

Layer deriveDistricts(const Paths& p, std::vector<Chome>& chome, Diagnostics& diag) {
  auto districts = readTsv((fs::path(p.geodata) / "facts/districts.tsv").string());
  auto facts = readTsv((fs::path(p.geodata) / "facts/chome-districts.tsv").string());
  auto schools = schoolLocations(p, diag);
  std::map<std::string, std::string> schoolToId;
  std::vector<std::string> allSchools;
  for (auto& d : districts) {
    if (!schools.count(d["school"]))
      throw std::runtime_error("the GSI shelter list has no " + d["school"] + ": cannot place district " + d["id"]);
    schoolToId[d["school"]] = d["id"];
    allSchools.push_back(d["school"]);
  }
  std::map<std::string, Row> factByTown;
  for (auto& f : facts) factByTown[f["town_chome"]] = f;

  for (auto& c : chome) {
    auto it = factByTown.find(c.town);
    if (it == factByTown.end()) throw std::runtime_error("facts/chome-districts.tsv has no row for " + c.town);
    auto candidates = splitBar(it->second["candidate_schools"]);
    const std::string evidence = it->second["evidence"];
    if (evidence == "exact" && candidates.size() == 1) {
      c.district = schoolToId.at(candidates.front());
      c.method = "exact";
      continue;
    }
    if (candidates.empty()) candidates = allSchools;
    // A town that carries a school's name belongs to that school's district (市岡 → 市岡小学校).
    std::string town = townName(c.town);
    auto named = std::find(candidates.begin(), candidates.end(), town + "小学校");
    if (named != candidates.end()) {
      c.district = schoolToId.at(*named);
      c.method = evidence == "narrowed" ? "narrowed+town-name" : "town-name";
      continue;
    }
    // Otherwise the nearest candidate school to the 町丁目's representative point.
    double best = std::numeric_limits<double>::infinity();
    for (const auto& s : candidates) {
      double d = distance(c.point, schools.at(s));
      if (d < best) best = d, c.district = schoolToId.at(s);
    }
    c.method = evidence == "narrowed" ? "narrowed+nearest-school" : "nearest-school";
  }

  // Every district holds its own school: the 町丁目 under a school's real position (OpenStreetMap) goes to
  // that school's district unless a source says otherwise. The approximate cells decide the rest.
  auto sites = osmSchools(p, diag);
  for (auto& d : districts) {
    auto site = sites.find(d["school"]);
    if (site == sites.end()) {
      diag.warning("osm-poi-minato", d["school"] + " is not in OpenStreetMap: its district is not checked");
      continue;
    }
    for (auto& c : chome) {
      if (!contains(c.cell, site->second) || c.district == d["id"]) continue;
      if (c.method == "exact") {
        diag.warning("facts/chome-districts.tsv",
                     d["school"] + " stands in the approximate cell of " + c.town +
                         ", which a source puts in another district: left as the source says");
        continue;
      }
      std::printf("derive: %s moves to district %s (%s stands in its approximate cell; was %s by %s)\n", c.town.c_str(),
                  d["id"].c_str(), d["school"].c_str(), c.district.c_str(), c.method.c_str());
      c.district = d["id"];
      c.method = "school-site";
    }
  }

  LayerBuilder b("districts", {{"district_id"},
                               {"name"},
                               {"name_en"},
                               {"council"},
                               {"school"},
                               {"chome"},
                               {"chome_count", Field::Type::Integer},
                               {"chome_exact", Field::Type::Integer},
                               {"population", Field::Type::Integer},
                               {"population_source"},
                               {"approximate", Field::Type::Boolean},
                               {"source"}});
  for (auto& d : districts) {
    std::vector<const Geometry*> parts;
    std::string list;
    int exact = 0;
    long people = 0;
    for (const auto& c : chome)
      if (c.district == d["id"]) {
        parts.push_back(&c.cell);
        people += std::max(0L, c.population);
        list += (list.empty() ? "" : "、") + c.town;
        exact += c.method == "exact";
      }
    if (parts.empty()) {
      diag.error("facts/chome-districts.tsv", "district " + d["name"] + " received no 町丁目");
      continue;
    }
    Geometry g = analysis::unionAll(parts);
    b.add(std::move(g),
          {{"district_id", d["id"]},
           {"name", d["name"]},
           {"name_en", d["name_en"]},
           {"council", d["council"]},
           {"school", d["school"]},
           {"chome", list},
           {"chome_count", std::to_string(parts.size())},
           {"chome_exact", std::to_string(exact)},
           {"population", std::to_string(people)},
           {"population_source", "2015年国勢調査の町丁目別人口の合計 / sum of its 町丁目 in the 2015 census"},
           {"approximate", "1"},
           {"source",
            "概略: 小学校区ごとに町丁目の概略ポリゴンを結合（町丁目の帰属は facts/chome-districts.tsv、"
            "不明分は町名＝校名または最寄りの小学校で推定）。公式の校区境界ではない / approximation: "
            "union of approximate 町丁目 cells per school district; unknown 町丁目 assigned by "
            "town name or nearest school"}});
  }
  return b.layer();
}

}  // namespace safetymap::derive
