#pragma once
// Geometry in the working CRS (JGD2011 / Japan Plane Rectangular CS VI, EPSG:6674), in metres.
// x is easting, y is northing: the axis order of a map, whatever order the EPSG definition uses.
#include <cstdint>
#include <limits>
#include <vector>

#include "core/boxed_vector.hpp"
#include "core/small_vector.hpp"

namespace safetymap {

struct Vec2 {
  double x = 0, y = 0;
  friend bool operator==(const Vec2&, const Vec2&) = default;
};

struct Bounds {
  double minx = std::numeric_limits<double>::infinity();
  double miny = std::numeric_limits<double>::infinity();
  double maxx = -std::numeric_limits<double>::infinity();
  double maxy = -std::numeric_limits<double>::infinity();

  bool empty() const { return minx > maxx || miny > maxy; }
  void add(Vec2 p);
  void add(const Bounds& b);
  bool contains(Vec2 p) const { return p.x >= minx && p.x <= maxx && p.y >= miny && p.y <= maxy; }
  bool intersects(const Bounds& b) const;
  // The part both hold (empty when they do not meet).
  Bounds overlap(const Bounds& b) const {
    return {std::max(minx, b.minx), std::max(miny, b.miny), std::min(maxx, b.maxx), std::min(maxy, b.maxy)};
  }
  Vec2 center() const { return {(minx + maxx) / 2, (miny + maxy) / 2}; }
  double width() const { return maxx - minx; }
  double height() const { return maxy - miny; }
};

using Ring = std::vector<Vec2>;  // closed implicitly: the last point is not repeated

struct Polygon {
  Ring outer;
  BoxedVector<Ring> holes;  // most polygons have none
};

enum class GeometryType : std::uint8_t { None, Point, Line, Polygon };

using PointList = SmallVector<Vec2, 1>;  // one point inline: most point features have exactly one

// One feature's geometry; a multi-geometry is several parts of the same type.
// 48 bytes, and no allocation for a single point: a layer may hold millions of point records.
struct Geometry {
  GeometryType type = GeometryType::None;
  PointList points;                      // Point / MultiPoint
  BoxedVector<std::vector<Vec2>> lines;  // LineString / MultiLineString
  BoxedVector<Polygon> polygons;         // Polygon / MultiPolygon

  bool empty() const { return points.empty() && lines.empty() && polygons.empty(); }
  Bounds bounds() const;
  // A representative point: the point itself, or a point inside the polygon for labels.
  Vec2 anchor() const;
};

double signedArea(const Ring& ring);  // positive when counter-clockwise
double area(const Polygon& p);        // outer minus holes, always positive
double area(const Geometry& g);
bool contains(const Ring& ring, Vec2 p);
bool contains(const Polygon& poly, Vec2 p);
bool contains(const Geometry& g, Vec2 p);
double distance(Vec2 a, Vec2 b);
double distanceToSegment(Vec2 p, Vec2 a, Vec2 b);
// A point inside the polygon, away from its edges (pole of inaccessibility, by grid search).
Vec2 interiorPoint(const Polygon& poly);

}  // namespace safetymap
