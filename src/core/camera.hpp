#pragma once
// The map view: a centre in working-CRS metres and a scale in pixels per metre, with smooth
// animation towards a target. Pure math, no OpenGL: the renderer and the tests share it.
#include "core/geometry.hpp"

namespace safetymap {

class Camera {
 public:
  void setViewport(double widthPx, double heightPx);
  double width() const { return w_; }
  double height() const { return h_; }

  Vec2 center() const { return center_; }
  double pixelsPerMetre() const { return ppm_; }
  Vec2 targetCenter() const { return targetCenter_; }
  double targetPixelsPerMetre() const { return targetPpm_; }

  // Screen pixels have y down from the top-left corner; the map has y (north) up.
  Vec2 worldToScreen(Vec2 w) const;
  Vec2 screenToWorld(Vec2 s) const;
  Bounds visibleBounds() const;

  void jumpTo(Vec2 center, double ppm);  // no animation
  void fit(const Bounds& b, double marginPx, bool animate);
  void zoomAt(Vec2 screenPoint, double factor);  // keeps the world point under the cursor still
  void panPixels(double dx, double dy);          // immediate: the map follows the hand
  // Advance the animation by dt seconds; returns true while still moving.
  bool update(double dtSeconds);
  bool settled() const;

  static constexpr double kMinPpm = 0.005;  // ≈ 200 m per pixel: the whole of Osaka
  static constexpr double kMaxPpm = 50.0;   // 2 cm per pixel

 private:
  double w_ = 1, h_ = 1;
  Vec2 center_{}, targetCenter_{};
  double ppm_ = 0.1, targetPpm_ = 0.1;
};

}  // namespace safetymap
