#include "io/layer_writer.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>

#include "io/crs.hpp"
#include "io/gdal_errors.hpp"
#include "io/gpkg_rtree.hpp"
#include "io/layer_reader.hpp"

namespace fs = std::filesystem;

namespace safetymap::io {

namespace {
OGRFieldType ogrType(Field::Type t) {
  switch (t) {
    case Field::Type::Integer: return OFTInteger64;
    case Field::Type::Real: return OFTReal;
    case Field::Type::Boolean: return OFTInteger;
    default: return OFTString;
  }
}

std::unique_ptr<OGRGeometry> toOgr(const Geometry& g, const Transformer& t) {
  auto pt = [&](Vec2 p) { return t.forward(p); };
  if (!g.polygons.empty()) {
    auto mp = std::make_unique<OGRMultiPolygon>();
    for (const auto& poly : g.polygons) {
      OGRPolygon op;
      auto ring = [&](const Ring& r) {
        OGRLinearRing lr;
        for (auto p : r) {
          Vec2 q = pt(p);
          lr.addPoint(q.x, q.y);
        }
        lr.closeRings();
        return lr;
      };
      op.addRingDirectly(std::make_unique<OGRLinearRing>(ring(poly.outer)).release());  // the polygon owns it
      for (const auto& h : poly.holes) op.addRingDirectly(std::make_unique<OGRLinearRing>(ring(h)).release());
      mp->addGeometry(&op);
    }
    if (mp->getNumGeometries() == 1) return std::unique_ptr<OGRGeometry>(mp->getGeometryRef(0)->clone());
    return mp;
  }
  if (!g.lines.empty()) {
    auto ml = std::make_unique<OGRMultiLineString>();
    for (const auto& l : g.lines) {
      OGRLineString ls;
      for (auto p : l) {
        Vec2 q = pt(p);
        ls.addPoint(q.x, q.y);
      }
      ml->addGeometry(&ls);
    }
    if (ml->getNumGeometries() == 1) return std::unique_ptr<OGRGeometry>(ml->getGeometryRef(0)->clone());
    return ml;
  }
  if (g.points.size() == 1) {
    Vec2 q = pt(g.points.front());
    return std::make_unique<OGRPoint>(q.x, q.y);
  }
  if (!g.points.empty()) {
    auto mp = std::make_unique<OGRMultiPoint>();
    for (auto p : g.points) {
      Vec2 q = pt(p);
      OGRPoint op(q.x, q.y);
      mp->addGeometry(&op);
    }
    return mp;
  }
  return nullptr;
}

// The geometry type a GeoPackage table declares: QGIS reads an empty layer's type and CRS from it, and a table of
// "GEOMETRY" opens there as a table without a map. From the features (points: one each, or several), or for an
// empty layer from its role; mixed types stay GEOMETRY.
OGRwkbGeometryType declaredType(const Layer& l) {
  GeometryType type = GeometryType::None;
  bool several = false, mixed = false;
  for (const auto& f : l.features) {
    if (f.geometry.type == GeometryType::None) continue;
    if (type != GeometryType::None && f.geometry.type != type) mixed = true;
    type = f.geometry.type;
    several = several || f.geometry.points.size() > 1;
  }
  if (mixed) return wkbUnknown;
  if (type == GeometryType::None && !l.features.empty()) return wkbUnknown;  // a table of records not yet placed
  if (type == GeometryType::None) switch (l.role) {
      case LayerRole::SafetyCentres:
      case LayerRole::Crimes:
      case LayerRole::Shelters:
      case LayerRole::TsunamiBuildings:
      case LayerRole::Facilities: type = GeometryType::Point; break;
      case LayerRole::WalkNetwork: type = GeometryType::Line; break;
      case LayerRole::Other: return wkbUnknown;
      default: type = GeometryType::Polygon;
    }
  switch (type) {
    case GeometryType::Point: return several ? wkbMultiPoint : wkbPoint;
    case GeometryType::Line: return wkbMultiLineString;
    case GeometryType::Polygon: return wkbMultiPolygon;
    default: return wkbUnknown;
  }
}

// Which file a layer came from, for a message about it.
std::string from(const Layer& l) {
  return l.provenance.path.empty() ? std::string() : " (from " + fs::path(l.provenance.path).filename().string() + ")";
}

}  // namespace

bool writeLayers(const std::vector<const Layer*>& layers, const std::string& path, const WriteOptions& options,
                 Diagnostics& diag) {
  initGdal();
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(options.driver.c_str());
  if (!drv) {
    diag.error(path, "GDAL has no driver named " + options.driver);
    return false;
  }
  fs::path target(path);
  std::error_code ec;
  if (!target.parent_path().empty()) fs::create_directories(target.parent_path(), ec);
  // The temporary name keeps the extension: some drivers (GeoPackage) check it.
  std::string tmp = (target.parent_path() / ("." + target.stem().string() + ".tmp-" + std::to_string(::getpid()) +
                                             target.extension().string()))
                        .string();
  fs::remove(tmp, ec);
  // Temporary files of saves that were killed half-way (their process is gone) are removed.
  std::string stalePrefix = "." + target.stem().string() + ".tmp-";
  for (const auto& e :
       fs::directory_iterator(target.parent_path().empty() ? fs::path(".") : target.parent_path(), ec)) {
    std::string name = e.path().filename().string();
    if (name.rfind(stalePrefix, 0) != 0) continue;
    int pid = std::atoi(name.c_str() + stalePrefix.size());
    if (pid > 0 && ::kill(pid, 0) == -1 && errno == ESRCH) fs::remove(e.path(), ec);
  }
  // A GeoPackage another program has open with changes in its journal: replacing (or copying) the file
  // now would lose them, and SQLite would later replay the old journal into the new file.
  if (options.driver == "GPKG" && fs::exists(path, ec))
    for (const char* journal : {"-wal", "-journal"})
      if (std::error_code jec; fs::file_size(path + journal, jec) > 0 && !jec) {
        diag.error(path, "the GeoPackage is open in another program (" + target.filename().string() + journal +
                             " beside it holds changes not yet in the file): close that program and save again");
        return false;
      }
  GdalErrorCapture errors;
  std::unique_ptr<GDALDataset> ds;
  if (!options.keepTablesOf.empty()) {
    fs::copy_file(options.keepTablesOf, tmp, fs::copy_options::overwrite_existing, ec);
    if (ec) {
      diag.error(path, "cannot copy the file to keep the tables safetymap does not own: " + ec.message());
      fs::remove(tmp, ec);
      return false;
    }
    const char* drivers[] = {"GPKG", nullptr};
    const char* oo[] = {"LIST_ALL_TABLES=YES", nullptr};
    ds.reset(static_cast<GDALDataset*>(GDALOpenEx(tmp.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, drivers, oo, nullptr)));
    for (const auto& name : options.replaceTables)
      for (int i = ds ? ds->GetLayerCount() - 1 : -1; i >= 0; --i)
        if (EQUAL(ds->GetLayer(i)->GetName(), name.c_str()) && ds->DeleteLayer(i) != OGRERR_NONE) {
          diag.error(path, "cannot replace the table " + name + ": " + errors.last());
          ds.reset();
          fs::remove(tmp, ec);
          return false;
        }
  } else {
    ds.reset(drv->Create(tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  }
  if (!ds) {
    diag.error(path, "cannot create the file: " + errors.last());
    fs::remove(tmp, ec);
    return false;
  }
  std::unique_ptr<Transformer> transformer;
  try {
    transformer = std::make_unique<Transformer>(kWorkingCrs, options.crs);
  } catch (const std::exception& e) {
    diag.error(path, std::string("cannot write in ") + options.crs + ": " + e.what());
    ds.reset();
    fs::remove(tmp, ec);
    return false;
  }
  const Transformer& t = *transformer;
  OGRSpatialReference srs;
  srs.SetFromUserInput(options.crs.c_str());
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  bool ok = true;
  int written = 0;
  long sent = 0;  // features written, for the test-only progress lines
  for (size_t li = 0; li < layers.size(); ++li) {
    const Layer* l = layers[li];
    std::vector<const char*> lo;
    for (auto& o : options.layerOptions) lo.push_back(o.c_str());
    const bool gpkg = options.driver == "GPKG";
    if (gpkg) lo.push_back("SPATIAL_INDEX=NO");  // packed below, in one pass, instead of row by row at close
    lo.push_back(nullptr);
    std::string lname =
        li < options.layerNames.size() && !options.layerNames[li].empty() ? options.layerNames[li] : l->id;
    for (auto& c : lname)
      if (c == ':' || c == '/') c = '_';
    const OGRwkbGeometryType declared = options.driver == "GPKG" ? declaredType(*l) : wkbUnknown;
    OGRLayer* ol = ds->CreateLayer(lname.c_str(), &srs, declared, const_cast<char**>(lo.data()));
    if (!ol) {
      diag.error(path, "cannot create the table of layer '" + l->id + "'" + from(*l) + ": " + errors.last());
      ok = false;
      break;
    }
    for (const auto& f : l->fields) {
      OGRFieldDefn fd(f.name.c_str(), ogrType(f.type));
      if (f.type == Field::Type::Boolean) fd.SetSubType(OFSTBoolean);
      ol->CreateField(&fd);
    }
    std::unique_ptr<PackedRtree> rtree;
    if (gpkg) {
      std::string why;
      rtree = PackedRtree::begin(*ds, ol->GetName(), ol->GetGeometryColumn(), why);
      if (!rtree) {
        diag.error(path, "cannot index the table of layer '" + l->id + "'" + from(*l) + ": " + why);
        ok = false;
        break;
      }
    }
    // Drivers without transactions (GeoJSON, CSV) say so here, and then their commit is no failure.
    const bool transaction = ds->StartTransaction() == OGRERR_NONE;
    OGRFeature of(ol->GetLayerDefn());  // one, emptied for each feature: no allocation of its fields per feature
    for (const auto& f : l->features) {
      of.Reset();
      for (size_t i = 0; i < l->fields.size() && i < f.values.size(); ++i)
        if (!f.values[i].empty()) {
          if (l->fields[i].type == Field::Type::Boolean)
            of.SetField(static_cast<int>(i), isTruthy(f.values[i]) ? 1 : 0);
          else
            of.SetField(static_cast<int>(i), f.values[i].c_str());
        }
      if (auto g = toOgr(f.geometry, t)) {
        if (declared != wkbUnknown && wkbFlatten(g->getGeometryType()) != declared)  // one polygon → a multipolygon
          g.reset(OGRGeometryFactory::forceTo(g.release(), declared));
        of.SetGeometryDirectly(g.release());
      }
      if (options.delayPerFeatureUs > 0) ::usleep(static_cast<useconds_t>(options.delayPerFeatureUs));
      if (options.progressEvery > 0 && ++sent % options.progressEvery == 0)
        std::fprintf(stderr, "safetymap save: %ld features\n", sent);
      if (options.failAfterFeatures >= 0 && ++written > options.failAfterFeatures) {
        diag.error(path, "cannot write a feature of " + l->id + ": injected failure (test)");
        ok = false;
        break;
      }
      if (ol->CreateFeature(&of) != OGRERR_NONE) {
        diag.error(path, "cannot write a feature of layer '" + l->id + "'" + from(*l) + ": " + errors.last());
        ok = false;
        break;
      }
      if (const OGRGeometry* g = of.GetGeometryRef(); rtree && g && !g->IsEmpty()) {
        OGREnvelope e;
        g->getEnvelope(&e);
        rtree->add(of.GetFID(), e.MinX, e.MaxX, e.MinY, e.MaxY);
      }
    }
    if (std::string why; ok && rtree && !rtree->finish(why)) {
      diag.error(path, "cannot index the table of layer '" + l->id + "'" + from(*l) + ": " + why);
      ok = false;
    }
    if (transaction && ds->CommitTransaction() != OGRERR_NONE && ok) {
      diag.error(path, "cannot write the table of layer '" + l->id + "'" + from(*l) + ": " + errors.last());
      ok = false;
    }
    if (!ok) break;
  }
  for (const auto& table : options.tables) {
    if (!ok) break;
    OGRLayer* ol = ds->CreateLayer(table.name.c_str(), nullptr, wkbNone, nullptr);
    if (!ol) {
      diag.error(path, "cannot create table " + table.name + ": " + errors.last());
      ok = false;
      break;
    }
    for (const auto& c : table.columns) {
      OGRFieldDefn fd(c.c_str(), OFTString);
      ol->CreateField(&fd);
    }
    const bool transaction = ds->StartTransaction() == OGRERR_NONE;
    for (const auto& row : table.rows) {
      OGRFeature of(ol->GetLayerDefn());
      for (size_t i = 0; i < row.size() && i < table.columns.size(); ++i)
        of.SetField(static_cast<int>(i), row[i].c_str());
      if (ol->CreateFeature(&of) != OGRERR_NONE) {
        diag.error(path, "cannot write table " + table.name + ": " + errors.last());
        ok = false;
        break;
      }
    }
    if (transaction && ds->CommitTransaction() != OGRERR_NONE && ok) {
      diag.error(path, "cannot write table " + table.name + ": " + errors.last());
      ok = false;
    }
  }
  std::string beforeClose = errors.last();
  ds.reset();  // closes and flushes: a failure here (a full disk) is a failed save too
  if (ok && errors.last() != beforeClose) {
    diag.error(path, "cannot finish writing: " + errors.last());
    ok = false;
  }
  if (!ok) {
    fs::remove(tmp, ec);
    return false;
  }
  return commitFile(tmp, path, diag);
}

bool writeLayer(const Layer& layer, const std::string& path, const WriteOptions& options, Diagnostics& diag) {
  return writeLayers({&layer}, path, options, diag);
}

}  // namespace safetymap::io
