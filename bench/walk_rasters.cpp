#include "walk_rasters.hpp"

#include <fmt/format.h>
#include <gdal_priv.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <vector>

#include "analysis/evacuation.hpp"
#include "jobs/drill.hpp"
#include "jobs/load.hpp"
#include "io/crs.hpp"

namespace safetymap::bench {

namespace {
constexpr float kNoData = -1.0f;

bool writeFloatTiff(const std::string& path, const analysis::WalkGrid& g, const std::vector<float>& values) {
  GDALAllRegister();
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
  const char* opts[] = {"COMPRESS=DEFLATE", "TILED=YES", nullptr};
  GDALDataset* ds = drv->Create(path.c_str(), g.width, g.height, 1, GDT_Float32, const_cast<char**>(opts));
  if (!ds) return false;
  double gt[6] = {g.extent.minx, g.cell, 0, g.extent.maxy, 0, -g.cell};
  ds->SetGeoTransform(gt);
  OGRSpatialReference srs;
  srs.SetFromUserInput(io::kWorkingCrs);
  ds->SetSpatialRef(&srs);
  GDALRasterBand* band = ds->GetRasterBand(1);
  band->SetNoDataValue(kNoData);
  CPLErr err = band->RasterIO(GF_Write, 0, 0, g.width, g.height, const_cast<float*>(values.data()), g.width, g.height,
                              GDT_Float32, 0, 0);
  GDALClose(ds);
  return err == CE_None;
}

std::vector<float> readFloatTiff(const std::string& path, int& w, int& h, double& noData) {
  GDALAllRegister();
  auto* ds = static_cast<GDALDataset*>(GDALOpen(path.c_str(), GA_ReadOnly));
  if (!ds) return {};
  w = ds->GetRasterXSize(), h = ds->GetRasterYSize();
  GDALRasterBand* band = ds->GetRasterBand(1);
  int has = 0;
  noData = band->GetNoDataValue(&has);
  if (!has) noData = std::nan("");
  std::vector<float> v(static_cast<size_t>(w) * static_cast<size_t>(h));
  if (band->RasterIO(GF_Read, 0, 0, w, h, v.data(), w, h, GDT_Float32, 0, 0) != CE_None) v.clear();
  GDALClose(ds);
  return v;
}
}  // namespace

int writeWalkRasters(const std::string& out) {
  Diagnostics diag(false);
  Project p = jobs::loadProjectNow(std::string(SAFETYMAP_SOURCE_DIR) + "/geodata", {}, diag, false, true);
  analysis::GridSurface surface(jobs::buildWalkGrid(p, 2.0, diag));
  const analysis::WalkGrid& g = *surface.grid();
  // The doors exactly as the planner finds them.
  analysis::EvacuationPlan plan = analysis::planEvacuation(p, surface, {});
  std::vector<int> doors;
  std::ofstream txt(out + "/doors.txt");
  for (const auto& b : plan.buildings)
    if (b.cell >= 0) {
      doors.push_back(b.cell);
      Vec2 c = g.centre(b.cell);
      txt << fmt::format("{:.3f},{:.3f}\n", c.x, c.y);
    }
  auto t0 = std::chrono::steady_clock::now();
  analysis::DistanceField f = analysis::walkDistances(g, doors);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // The same walk under r.cost's rule (a diagonal may cut a corner), to tell the rule from the method.
  analysis::DistanceField loose =
      analysis::walkDistances(g, doors, std::numeric_limits<double>::infinity(), analysis::MoveRules::GrassRCost);
  std::vector<float> cost(g.walkable.size()), dist(g.walkable.size()), distLoose(g.walkable.size());
  for (size_t i = 0; i < cost.size(); ++i) {
    cost[i] = g.walkable[i] ? static_cast<float>(g.cell) : kNoData;
    dist[i] = f.distance[i] == analysis::kUnreachable ? kNoData : f.distance[i];
    distLoose[i] = loose.distance[i] == analysis::kUnreachable ? kNoData : loose.distance[i];
  }
  if (!writeFloatTiff(out + "/cost.tif", g, cost) || !writeFloatTiff(out + "/ours.tif", g, dist) ||
      !writeFloatTiff(out + "/ours-rcost-rule.tif", g, distLoose)) {
    std::fprintf(stderr, "cannot write the rasters in %s\n", out.c_str());
    return 1;
  }
  std::printf("bench=field cells=%dx%d street_cells=%zu sources=%zu walk_distances_seconds=%.3f\n", g.width, g.height,
              g.walkableCount(), doors.size(), seconds);
  return 0;
}

int compareDistanceRasters(const std::string& ours, const std::string& theirs) {
  int w1 = 0, h1 = 0, w2 = 0, h2 = 0;
  double nd1 = 0, nd2 = 0;
  auto a = readFloatTiff(ours, w1, h1, nd1), b = readFloatTiff(theirs, w2, h2, nd2);
  if (a.empty() || b.empty() || w1 != w2 || h1 != h2) {
    std::fprintf(stderr, "the rasters cannot be compared (%dx%d vs %dx%d)\n", w1, h1, w2, h2);
    return 1;
  }
  auto missing = [](float v, double nd) { return std::isnan(v) || v == static_cast<float>(nd) || v < 0; };
  std::vector<double> diffs, rel;
  size_t onlyOurs = 0, onlyTheirs = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    bool ma = missing(a[i], nd1), mb = missing(b[i], nd2);
    if (ma && mb) continue;
    if (ma || mb) {
      (ma ? onlyTheirs : onlyOurs)++;
      continue;
    }
    diffs.push_back(static_cast<double>(a[i]) - b[i]);
    if (b[i] > 50) rel.push_back((static_cast<double>(a[i]) - b[i]) / b[i]);
  }
  auto absMax = [](const std::vector<double>& v) {
    double m = 0;
    for (double d : v) m = std::max(m, std::abs(d));
    return m;
  };
  auto pct = [](std::vector<double> v, double q) {
    if (v.empty()) return 0.0;
    for (auto& d : v) d = std::abs(d);
    std::sort(v.begin(), v.end());
    return v[static_cast<size_t>(q * static_cast<double>(v.size() - 1))];
  };
  double mean = 0;
  for (double d : diffs) mean += d;
  mean /= std::max<size_t>(1, diffs.size());
  std::printf(
      "bench=field_compare cells_compared=%zu max_abs_diff_m=%.2f p99_abs_diff_m=%.2f median_abs_diff_m=%.2f "
      "mean_diff_m=%.3f max_rel_diff_over_50m=%.4f p99_rel_diff=%.4f reached_only_by_ours=%zu "
      "reached_only_by_theirs=%zu\n",
      diffs.size(), absMax(diffs), pct(diffs, 0.99), pct(diffs, 0.5), mean, absMax(rel), pct(rel, 0.99), onlyOurs,
      onlyTheirs);
  return 0;
}

}  // namespace safetymap::bench
