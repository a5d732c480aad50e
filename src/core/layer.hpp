#pragma once
// A layer: features (geometry in the working CRS + attributes), its style and where it came from.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/attribute_values.hpp"
#include "core/color_ramp.hpp"
#include "core/geometry.hpp"

namespace safetymap {

// What a layer means to the ward; decides its default style, labels and plan links.
enum class LayerRole : std::uint8_t {
  Other,
  Neighbours,        // the other Osaka City wards, context only
  Ward,              // Minato Ward boundary
  Roads,             // PLATEAU road surfaces, the base map
  Chome,             // the 58 町丁目 (approximate polygons): where records known only by address are placed
  Districts,         // the 11 community districts (地域活動協議会)
  Shelters,          // 指定避難所 (welfare shelters flagged)
  TsunamiBuildings,  // 津波避難ビル
  SafetyCentres,     // 地域安全センター (老人憩の家)
  Crimes,            // 街頭犯罪 records
  WalkNetwork,       // street centre lines (OSM, GSI 道路中心線) the drill planner walks on, when loaded
  Buildings,         // building footprints (PLATEAU): storeys, height, tsunami depth
  Facilities,        // police, fire, schools, hospitals, the ward office (OpenStreetMap): context
  TsunamiDepth,      // the tsunami inundation depth: a depth raster or depth-class polygons (A40 / 大阪府 想定)
  BaseImage,         // a raster drawn under everything: an aerial photo or a map the ward owns
};

const char* roleKey(LayerRole role);  // stable id, e.g. "districts"
std::optional<LayerRole> roleFromKey(const std::string& key);


enum class PointShape : std::uint8_t { Circle, Square, Triangle, Diamond, Star };

// One value of a categorical field (a crime type) with its own colour.
struct Category {
  std::string value;  // as in the data, e.g. 自転車盗
  Rgba color;
  bool visible = true;
};

// A classed fill (a choropleth): each feature's fill comes from the class its value falls in. The screen
// legend and the printout read the classes from here, so both say the same bounds.
struct FillClass {
  double lo = 0, hi = 0;  // inclusive bounds of the value
  Rgba color;
  std::string labelJa, labelEn;  // e.g. "1–3件"; the bounds as printed
};
struct ClassedFill {
  std::string titleJa, titleEn;  // what is measured, e.g. 「自転車盗の件数（2017-09〜2019-12）」
  std::vector<FillClass> classes;
  Rgba noData{190, 190, 190, 255};
  std::string noDataJa, noDataEn;  // what the grey means (no residents for a rate)
  std::string noteJa, noteEn;      // e.g. "approximate 町丁目 polygons"
  bool empty() const { return classes.empty(); }
};

struct LayerStyle {
  bool visible = true;
  float opacity = 1.0f;
  Rgba fill{200, 200, 200, 255};
  Rgba stroke{60, 60, 60, 255};
  float strokeWidthPx = 1.0f;
  bool drawFill = true;
  bool drawStroke = true;
  PointShape shape = PointShape::Circle;
  float pointSizePx = 9.0f;
  std::string categoryField;  // colour points by this field when set
  std::vector<Category> categories;
  std::vector<Rgba> featureFills;  // per-feature fill (districts), empty = uniform fill
  ClassedFill classedFill;         // the classes behind featureFills, when they are a choropleth
  std::string labelField;          // Japanese label
  std::string labelFieldEn;        // English label, falls back to labelField
  int labelPriority = 0;           // higher is placed first
  float labelSizePx = 14.0f;
  double labelMinPpm = 0.0;  // labels appear from this zoom (pixels per metre) on
  ColorRamp ramp;            // a single-band raster's colours (a hazard's depth classes), or depth polygons' classes
};

struct Field {
  std::string name;
  enum class Type : std::uint8_t { String, Integer, Real, Boolean, Date, Other } type = Type::String;
};

// 88 bytes (a single point, up to four fields): the figure behind the memory benchmark.
struct Feature {
  std::int64_t fid = 0;
  Geometry geometry;
  AttributeValues values;  // one per Layer::fields, as text
  int district = -1;       // index into the project's districts, -1 = outside all
  int category = -1;       // index into style.categories, -1 = none
};

// Where a layer came from, shown to the user (badge, legend line, inspector).
struct Provenance {
  std::string path;          // the file it was read from, empty for an empty placeholder layer
  std::string source;        // human-readable origin and licence
  bool approximate = false;  // some or all features are approximations (flagged per feature too)
  bool synthetic = false;    // generated stand-in data, never official
  std::string note;          // e.g. "the plan names 12; none loaded yet"
  std::string encoding;      // detected text encoding for CSV input
  int repairedGeometries = 0;
  int skippedFeatures = 0;
  int unreadRecords = 0;  // records of the file left out because they cannot be read (each named in a message)
  bool derived = false;   // an analysis result shown on the map (drill routes): never saved with the project
};

class RasterSource;  // core/raster.hpp

struct Layer {
  std::string id;  // unique within the project
  std::string nameJa, nameEn;
  LayerRole role = LayerRole::Other;
  std::vector<Field> fields;
  std::vector<Feature> features;
  LayerStyle style;
  Provenance provenance;
  std::shared_ptr<const RasterSource> raster;  // set for a raster layer, which then has no features
  // Versions are unique across all layers, so a replaced layer never looks unchanged to a cache.
  std::uint64_t dataVersion = nextVersion();
  std::uint64_t styleVersion = nextVersion();

  int fieldIndex(const std::string& name) const;  // -1 when absent
  const std::string* value(const Feature& f, const std::string& field) const;
  Bounds bounds() const;
  GeometryType geometryType() const;  // the type of the first feature with geometry
  int approximateCount() const;       // features whose `approximate` attribute is true
  // Index features by style.categoryField into style.categories (new values get new colours).
  void assignCategories();
  void touchData() { dataVersion = nextVersion(); }
  void touchStyle() { styleVersion = nextVersion(); }
  bool isRaster() const { return raster != nullptr; }
  static std::uint64_t nextVersion();
};

bool isTruthy(const std::string& v);

static_assert(sizeof(Feature) <= 88, "a point record must stay small: see BENCHMARKS.md (memory per point)");

}  // namespace safetymap
