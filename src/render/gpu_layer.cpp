#include "render/gpu_layer.hpp"

#include <algorithm>
#include <cstddef>

namespace safetymap::render {

namespace {
void release(Buffers& b) {
  if (b.vbo) glDeleteBuffers(1, &b.vbo);
  if (b.vao) glDeleteVertexArrays(1, &b.vao);
  b = {};
}

template <class T>
void fillBuffer(Buffers& b, const std::vector<T>& data) {
  if (!b.vao) glGenVertexArrays(1, &b.vao);
  if (!b.vbo) glGenBuffers(1, &b.vbo);
  glBindVertexArray(b.vao);
  glBindBuffer(GL_ARRAY_BUFFER, b.vbo);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(data.size() * sizeof(T)), data.data(), GL_STATIC_DRAW);
  b.count = static_cast<GLsizei>(data.size());
}

void bindQuad(GLuint quadVbo) {  // per-vertex corners of the points' sprites
  glBindBuffer(GL_ARRAY_BUFFER, quadVbo);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof(float), nullptr);
  glVertexAttribDivisor(0, 0);
}
}  // namespace

GpuLayer::~GpuLayer() {
  if (fillEdgesVbo_) glDeleteBuffers(1, &fillEdgesVbo_);
  release(fill_);
  release(strokes_);
  release(points_);
}

void GpuLayer::upload(const LayerMesh& m, GLuint pointQuad) {
  ++uploads_;
  shapesDrawn_ = m.drawnFeatures;
  pointFeaturesPerSlot_ = m.pointFeaturesPerSlot;
  districtCodes_ = m.districtCodes;
  pointFeaturesPerSlotDistrict_ = m.pointFeaturesPerSlotDistrict;
  tileDistrictCounts_ = m.tileDistrictCounts;
  tileSlotCounts_ = m.tileSlotCounts;
  countedSlots_ = m.countedSlots;
  outlinedMedianSize = m.outlinedMedianSize;
  fillBuffer(fill_, m.fill);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(FillVertex), reinterpret_cast<void*>(offsetof(FillVertex, x)));
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(FillVertex),
                        reinterpret_cast<void*>(offsetof(FillVertex, rgba)));
  if (!m.fillEdges.empty() && m.fillEdges.size() == m.fill.size()) {
    if (!fillEdgesVbo_) glGenBuffers(1, &fillEdgesVbo_);
    glBindBuffer(GL_ARRAY_BUFFER, fillEdgesVbo_);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(m.fillEdges.size() * sizeof(FillEdges)), m.fillEdges.data(),
                 GL_STATIC_DRAW);
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, kFillLines, GL_FLOAT, GL_FALSE, sizeof(FillEdges),
                          reinterpret_cast<void*>(offsetof(FillEdges, d)));
    glEnableVertexAttribArray(3);  // shift, dx, dy: as floats, unscaled
    glVertexAttribPointer(3, kFillLines, GL_SHORT, GL_FALSE, sizeof(FillEdges),
                          reinterpret_cast<void*>(offsetof(FillEdges, shift)));
    glEnableVertexAttribArray(4);
    glVertexAttribPointer(4, 2, GL_SHORT, GL_FALSE, sizeof(FillEdges), reinterpret_cast<void*>(offsetof(FillEdges, dx)));
  } else {
    glDisableVertexAttribArray(2);
    glDisableVertexAttribArray(3);
    glDisableVertexAttribArray(4);
    if (fillEdgesVbo_) glDeleteBuffers(1, &fillEdgesVbo_);
    fillEdgesVbo_ = 0;
  }

  fillBuffer(strokes_, m.strokes);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(StrokeVertex),
                        reinterpret_cast<void*>(offsetof(StrokeVertex, x)));
  glEnableVertexAttribArray(1);  // dx, dy, side: as floats, unscaled
  glVertexAttribPointer(1, 3, GL_SHORT, GL_FALSE, sizeof(StrokeVertex),
                        reinterpret_cast<void*>(offsetof(StrokeVertex, dx)));
  glEnableVertexAttribArray(2);
  glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(StrokeVertex),
                        reinterpret_cast<void*>(offsetof(StrokeVertex, rgba)));

  fillBuffer(points_, m.points);
  pointAttributesFrom(0);
  glVertexAttribDivisor(1, 1);
  glVertexAttribDivisor(2, 1);
  bindQuad(pointQuad);
  glBindVertexArray(0);

  tiles_ = m.tiles;
  shapeTiles_ = m.shapeTiles;
  density_ = m.density;
  density_.rgba.clear();
  density_.cellDistrict.clear();
  if (m.density.width > 0) {
    densityTexture_.upload(m.density.width, m.density.height, m.density.rgba, true);
    std::vector<std::uint8_t> owners(m.density.cellDistrict.size() * 4, 0);
    for (std::size_t i = 0; i < m.density.cellDistrict.size(); ++i) owners[i * 4] = m.density.cellDistrict[i];
    cellDistrictTexture_.upload(m.density.width, m.density.height, owners, true, true);
  }
  uploadPalette(m.palette, false);
}

// The word holding a point's slot and district code (bit-fields have no address for offsetof).
constexpr std::size_t kPointCodeOffset = offsetof(PointInstance, y) + sizeof(float);

void GpuLayer::pointAttributesFrom(std::uint32_t first) const {
  const std::size_t base = static_cast<std::size_t>(first) * sizeof(PointInstance);
  glBindBuffer(GL_ARRAY_BUFFER, points_.vbo);
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(PointInstance),
                        reinterpret_cast<void*>(base + offsetof(PointInstance, x)));
  glEnableVertexAttribArray(2);
  glVertexAttribIPointer(2, 1, GL_UNSIGNED_INT, sizeof(PointInstance),
                         reinterpret_cast<void*>(base + kPointCodeOffset));
}

std::uint32_t GpuLayer::tileShown(std::size_t t, int code) const {
  const std::uint32_t shown = tileShown(t);
  if (code < 0 || (t + 1) * districtCodes_ > tileDistrictCounts_.size()) return shown;
  if (static_cast<std::size_t>(code) >= districtCodes_) return 0;
  return std::min(shown, tileDistrictCounts_[t * districtCodes_ + static_cast<std::size_t>(code)]);
}

std::pair<std::uint32_t, std::uint32_t> GpuLayer::tileDistrictRun(std::size_t t, int code) const {
  if (code < 0 || static_cast<std::size_t>(code) >= districtCodes_) return {tiles_[t].first, 0};
  const std::uint32_t* counts = tileDistrictCounts_.data() + t * districtCodes_;
  std::uint32_t first = tiles_[t].first;
  for (int c = 0; c < code; ++c) first += counts[c];
  return {first, counts[code]};
}

int GpuLayer::drawnIn(int code) const {
  return drawnFeatureCount(shapesDrawn_, pointFeaturesPerSlot_, pointFeaturesPerSlotDistrict_, districtCodes_,
                           countedSlots_, colours_, code);
}

void GpuLayer::uploadPalette(const std::vector<Rgba>& colours, bool repaintDensity) {
  colours_ = colours;
  // What a hidden category changes besides the colours: the count drawn, each tile's, and the density.
  drawnFeatures = drawnFeatureCount(shapesDrawn_, pointFeaturesPerSlot_, colours);
  const std::size_t slots = countedSlots_;  // 1: only the shown points were counted
  auto isShown = [&](std::size_t s) { return slots == 1 || s >= colours.size() || colours[s].a > 0; };
  tileShown_.assign(tiles_.size(), 0);
  for (std::size_t t = 0; t < tiles_.size() && (t + 1) * slots <= tileSlotCounts_.size(); ++t)
    for (std::size_t s = 0; s < slots; ++s)
      if (isShown(s)) tileShown_[t] += tileSlotCounts_[t * slots + s];
  std::vector<bool> shown(colours.size());
  for (std::size_t s = 0; s < colours.size(); ++s) shown[s] = colours[s].a > 0;
  repaintDensity = repaintDensity && shown != shownSlots_;  // a new colour only: the density stays
  shownSlots_ = std::move(shown);
  if (repaintDensity && density_.width > 0 && !density_.slotCounts.empty()) {
    paintDensity(density_, colours);
    densityTexture_.upload(density_.width, density_.height, density_.rgba, true);
    density_.rgba.clear();
  }
  if (points_.count == 0) return;    // only points read the palette
  constexpr std::size_t kRow = 256;  // matches point.vert
  const std::size_t rows = std::max<std::size_t>(1, (colours.size() + kRow - 1) / kRow);
  std::vector<std::uint8_t> rgba(rows * kRow * 4, 0);
  for (std::size_t i = 0; i < colours.size(); ++i) {
    rgba[i * 4] = colours[i].r, rgba[i * 4 + 1] = colours[i].g;
    rgba[i * 4 + 2] = colours[i].b, rgba[i * 4 + 3] = colours[i].a;
  }
  palette_.upload(static_cast<int>(kRow), static_cast<int>(rows), rgba, true);
}

}  // namespace safetymap::render
