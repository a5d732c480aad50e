#pragma once
// Turns a layer into vertex arrays for the GPU, on the CPU and without OpenGL, so it can run on
// the loader thread and be tested. Coordinates are stored relative to a fixed origin as floats
// (centimetre precision across Osaka) — the world coordinates themselves are too large for floats.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/project.hpp"

namespace safetymap::render {

// The ward's centre in EPSG:6674: every GPU coordinate is relative to it.
inline constexpr Vec2 kRenderOrigin{-49500.0, -148500.0};

struct FillVertex {
  float x, y;
  std::uint8_t rgba[4];
};
// A small polygon's outline drawn in its fill's own pass (an outline strip per footprint costs a software renderer
// six times the triangles of its fill). Each fill vertex knows where it lies from the lines of the polygon's edges
// near its triangle (its sides that are edges, and the edges at its corners): interpolated across the triangle, the
// least is a point's distance to the nearest edge. The GPU moves each vertex out along its corner's miter by the
// outline's half width, and the shader draws the outline across the edge and fades the fill's edge, as a strip would.
inline constexpr int kFillLines = 4;
struct FillEdges {
  float d[kFillLines];                // metres from the vertex to each line, > 0 inside; kNotEdge: no line
  std::int16_t shift[kFillLines];     // how each changes per pixel the vertex moves out (x kStrokeUnit)
  std::int16_t dx, dy;                // where the vertex moves out per pixel: its corner's miter (x kStrokeUnit)
};
static_assert(sizeof(FillEdges) == 28);
inline constexpr float kNotEdge = 1e9f;
// One side of an outline at one of its points. A ring or line is a triangle strip of these, its left and right side
// at each point, which the GPU moves apart by the line's width in pixels: one vertex pass over the points. (A quad
// per segment drawn as an instance costs a software renderer a pass of its pipeline per segment.) Strips of
// several rings lie one after another in a buffer, joined by a repeat of each end, so any run of them is one draw.
struct StrokeVertex {
  float x, y;           // the point, render coordinates
  std::int16_t dx, dy;  // where this side lies from it, in half widths × kStrokeUnit: a corner's miter, an end's cap
  std::int16_t side;    // +1 left, -1 right: across the line, for its antialiased edge
  std::int16_t spare;
  std::uint8_t rgba[4];
};
static_assert(sizeof(StrokeVertex) == 20);
inline constexpr float kStrokeUnit = 4096.0f;  // offsets below 8 half widths
inline constexpr double kMiterLimit = 4.0;     // a corner whose miter would reach further: two square caps
static_assert(kMiterLimit * kStrokeUnit < 32767);
// How far an outline of this width in pixels reaches past its line (a miter at the limit; the shader's half pixel of
// antialiasing included): what culling by a box must leave room for.
inline double strokeReachPx(double widthPx) {
  return kMiterLimit * (widthPx / 2 + 0.5);
}

struct PointInstance {  // one point symbol, an instanced sprite
  float x, y;
  std::uint32_t slot : 24;     // its colour in the layer's palette (see pointPalette); the shader reads the
  std::uint32_t district : 8;  // low 24 bits as the slot, the high 8 as districtCode(), so the district filter
};                             // is a uniform, not a rebuild
static_assert(sizeof(PointInstance) == 12);
// A feature's district as the GPU sees it: 0 outside all districts, else 1 + its index (up to 252; more share
// the last code, and the filter is then approximate for them).
inline std::uint8_t districtCode(int district) {
  return district < 0 ? 0 : static_cast<std::uint8_t>(std::min(district, 251) + 1);
}
inline constexpr std::uint8_t kMixedCell = 255;  // a density cell holding points of several districts
inline constexpr std::uint8_t kEmptyCell = 254;  // a density cell holding no point

// Triangles of every feature, computed once per data version (style changes only recolour).
struct Triangulation {
  std::uint64_t dataVersion = 0;
  std::vector<Vec2> vertices;         // 3 per triangle
  std::vector<std::uint32_t> starts;  // per feature: first vertex; size = features + 1
};
std::shared_ptr<const Triangulation> triangulateLayer(const Layer& layer);

// Many points are kept in square tiles (the instances of a tile lie together in the buffer), so a frame
// draws only the tiles in view; and with a density image, so that when too many are in view to draw
// one by one (llvmpipe draws ~10k sprites in a 30 fps frame) the overview shows how many are where.
struct PointTile {
  float minx, miny, maxx, maxy;  // render coordinates
  std::uint32_t first, count;    // instances
};
struct PointDensity {
  int width = 0, height = 0;              // cells
  float minx = 0, maxy = 0, cell = 0;     // render coordinates of the north-west corner; cell size in metres
  std::vector<std::uint8_t> rgba;         // the colour of each cell's count (transparent where none)
  std::uint32_t maxCount = 0;             // the count of the darkest colour
  std::size_t slots = 0;                  // palette slots counted apart
  std::vector<std::uint32_t> slotCounts;  // cells × slots: points of each palette slot in each cell
  // Each cell's districtCode(), kMixedCell or kEmptyCell: with a district chosen, the cells of others are left out
  // (a cell on a border shows all its points).
  std::vector<std::uint8_t> cellDistrict;
};
inline constexpr std::size_t kTiledPoints = 20000;  // from this many points, tiles
inline constexpr std::size_t kTiledShapes = 10000;  // from this many polygons or lines, tiles

// A tile of polygons or lines: its fill triangles and outline strips lie together in their buffers.
struct ShapeTile {
  float minx, miny, maxx, maxy;            // render coordinates: the bounding box of all its features
  std::uint32_t fillFirst, fillCount;      // vertices
  std::uint32_t strokeFirst, strokeCount;  // vertices
};
inline constexpr std::size_t kDensityPoints = 50000;  // from this many, a density image too

struct LayerMesh {
  std::vector<FillVertex> fill;
  std::vector<FillEdges> fillEdges;  // one per fill vertex when the layer's polygons are outlined, else none
  std::vector<StrokeVertex> strokes;
  std::vector<PointInstance> points;
  std::vector<Rgba> palette;                        // the points' colours by slot
  std::vector<PointTile> tiles;                     // empty: draw all points at once
  std::size_t countedSlots = 1;                     // slots counted apart in tileSlotCounts and the density
  std::vector<std::uint32_t> tileSlotCounts;        // tiles × countedSlots: instances of each slot in each tile
  std::vector<std::uint32_t> pointFeaturesPerSlot;  // point features (shown or hidden) by palette slot
  // The same per district code, for the counted slots (countedSlots × districtCodes), and instances per tile
  // and district code (tiles × districtCodes): what the district filter shows, without a rebuild.
  std::size_t districtCodes = 1;
  std::vector<std::uint32_t> pointFeaturesPerSlotDistrict;
  std::vector<std::uint32_t> tileDistrictCounts;  // a tile's instances lie in it by district code
  std::vector<ShapeTile> shapeTiles;              // empty: draw all fill and strokes at once
  PointDensity density;                           // width 0: none
  int drawnFeatures = 0;  // polygons and lines that passed the district and category filters; for points see
                          // pointFeaturesPerSlot (a hidden category's points stay, drawn transparent)
  // The median size (metres, the longer side of the bounding box) of the polygons whose outlines are in
  // `strokes`; 0 when the strokes are lines. Below a few pixels an outline is noise, and it costs a
  // software renderer more than the fill: the renderer leaves them out (as maps do for small buildings).
  float outlinedMedianSize = 0;
};
// Outlines of polygons smaller than this on screen are left out: a 1.3 px outline on each side of a
// 5 px footprint would leave almost no fill, and the fill is what carries the colour.
inline constexpr double kMinOutlinedPixels = 8.0;
// Up to this size on screen (the median polygon's), outlines are drawn in the fill's pass (FillEdges), each polygon's
// fill and outline together (one over another, in order). Larger polygons are few in view: their strips are cheap.
inline constexpr double kInFillOutlinePixels = 64.0;

// Sorts the points into tiles (a counting sort, O(n)) and, past kDensityPoints, builds the density image.
void tilePoints(LayerMesh& mesh);
// Alpha 0 in a point palette means hidden (the vertex shader drops the point); a shown colour that is fully
// transparent keeps alpha 1, so its symbol's outline is still drawn (a selection ring).
inline Rgba shownColour(Rgba c) {
  return c.a == 0 ? Rgba{c.r, c.g, c.b, 1} : c;
}
// How many palette slots tiles and density count apart: all of them up to 64 (a fill and its categories);
// past that (a colour of its own per feature) one, holding the shown points only.
inline std::size_t countedSlots(std::size_t paletteSize) {
  return paletteSize <= 64 ? std::max<std::size_t>(1, paletteSize) : 1;
}
// The density image from the counts of the slots the palette shows (alpha > 0): O(cells), not O(points).
void paintDensity(PointDensity& density, const std::vector<Rgba>& palette);
// Features drawn: polygons and lines counted at build time, plus the point features of shown slots.
int drawnFeatureCount(int shapes, const std::vector<std::uint32_t>& pointFeaturesPerSlot,
                      const std::vector<Rgba>& palette);
// The density ramp (ColorBrewer YlOrRd-like, readable for colour-blind viewers as light → dark): t in 0..1.
Rgba densityColor(double t);

// fill/stroke colours come from the style (per-feature fills for districts); features outside the
// selected district and hidden categories are left out, except a point layer's points: they all stay, each with
// its district code, and the renderer hides the others with a uniform (pointsFilteredOnGpu).
LayerMesh buildMesh(const Layer& layer, const Project& project, const Triangulation* triangles);
inline bool pointsFilteredOnGpu(const Layer& layer) {
  return layer.geometryType() == GeometryType::Point;
}
// What a point layer's features drawn are with district code `code` chosen (-1: all), from the mesh's counts.
int drawnFeatureCount(int shapes, const std::vector<std::uint32_t>& pointFeaturesPerSlot,
                      const std::vector<std::uint32_t>& perSlotDistrict, std::size_t districtCodes,
                      std::size_t countedSlots, const std::vector<Rgba>& palette, int code);

// Points carry a palette slot instead of a colour, so that recolouring a million crime records (a category's
// colour, the layer's fill) uploads a few colours, not the points. Slot 0 is the layer's fill, 1 + c its
// category c, then one slot per feature with its own colour (a thematic fill, a district's colour).
std::vector<Rgba> pointPalette(const Layer& layer, const Project& project);
// What the points' instances depend on besides the data and the filter: which categories are shown and how
// the slots are laid out. While it is unchanged, a style change needs only a new palette.
std::uint64_t pointLayoutKey(const Layer& layer, const Project& project);
// The outline strips of one feature: its rings closed, its lines with square ends.
void appendOutline(const Geometry& g, Rgba color, std::vector<StrokeVertex>& out);

}  // namespace safetymap::render
