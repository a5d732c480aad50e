#pragma once
// What is drawn over the map with ImGui: labels (placed without collisions, recomputed only when
// the view or the data changes), scale bar, north arrow, attribution, notes and the loading bar.
#include <map>
#include <string>
#include <vector>

#include "ui/label_halos.hpp"
#include "ui/map_view.hpp"
#include "ui/panels.hpp"

namespace safetymap::ui {

// From this many features a layer's label candidates are thinned to one per screen cell (see layoutLabels).
inline constexpr std::size_t kThinLabelsFrom = 5000;

class MapOverlays {
 public:
  void draw(PanelContext& c, const Camera& camera, MapView& view);
  void release() { halos_.release(); }  // the GL objects, before the context goes

 private:
  void layoutLabels(PanelContext& c, const Camera& camera);
  void drawLabels(PanelContext& c);
  void drawScaleBar(PanelContext& c, const Camera& camera);
  void drawNorthArrow(PanelContext& c);
  void drawNotes(PanelContext& c);

  std::uint64_t labelKey_ = 0;
  std::map<std::string, std::pair<std::uint64_t, std::vector<Vec2>>> anchors_;  // per layer data version
  std::vector<analysis::PlacedLabel> placed_;                                   // relative to the map's top-left
  std::vector<float> sizes_;
  LabelHalos halos_;
};

// A "nice" scale bar length (1, 2 or 5 × 10^n metres) no longer than maxMetres.
double niceLength(double maxMetres);

}  // namespace safetymap::ui
