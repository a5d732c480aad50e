#include "core/camera.hpp"

#include <algorithm>
#include <cmath>

namespace safetymap {

void Camera::setViewport(double w, double h) {
  w_ = std::max(1.0, w);
  h_ = std::max(1.0, h);
}

Vec2 Camera::worldToScreen(Vec2 p) const {
  return {(p.x - center_.x) * ppm_ + w_ / 2, h_ / 2 - (p.y - center_.y) * ppm_};
}

Vec2 Camera::screenToWorld(Vec2 s) const {
  return {center_.x + (s.x - w_ / 2) / ppm_, center_.y - (s.y - h_ / 2) / ppm_};
}

Bounds Camera::visibleBounds() const {
  Bounds b;
  b.add(screenToWorld({0, 0}));
  b.add(screenToWorld({w_, h_}));
  return b;
}

void Camera::jumpTo(Vec2 c, double ppm) {
  center_ = targetCenter_ = c;
  ppm_ = targetPpm_ = std::clamp(ppm, kMinPpm, kMaxPpm);
}

void Camera::fit(const Bounds& b, double margin, bool animate) {
  if (b.empty()) return;
  double ppm = std::min((w_ - 2 * margin) / std::max(b.width(), 1.0), (h_ - 2 * margin) / std::max(b.height(), 1.0));
  ppm = std::clamp(ppm, kMinPpm, kMaxPpm);
  if (animate) {
    targetCenter_ = b.center();
    targetPpm_ = ppm;
  } else {
    jumpTo(b.center(), ppm);
  }
}

void Camera::zoomAt(Vec2 s, double factor) {
  // Zoom from the target state so repeated wheel steps accumulate, keeping the cursor's world point fixed.
  double newPpm = std::clamp(targetPpm_ * factor, kMinPpm, kMaxPpm);
  Vec2 anchor{targetCenter_.x + (s.x - w_ / 2) / targetPpm_, targetCenter_.y - (s.y - h_ / 2) / targetPpm_};
  targetCenter_ = {anchor.x - (s.x - w_ / 2) / newPpm, anchor.y + (s.y - h_ / 2) / newPpm};
  targetPpm_ = newPpm;
}

void Camera::panPixels(double dx, double dy) {
  Vec2 d{-dx / ppm_, dy / ppm_};
  center_.x += d.x, center_.y += d.y;
  targetCenter_.x += d.x, targetCenter_.y += d.y;
}

bool Camera::update(double dt) {
  if (settled()) {
    center_ = targetCenter_;
    ppm_ = targetPpm_;
    return false;
  }
  // Exponential approach, interpolating scale in log space so zooming feels even at any level.
  double k = 1.0 - std::exp(-dt * 14.0);
  // Keep the screen point that maps to the target centre moving along a straight line.
  double logPpm = std::log(ppm_) + (std::log(targetPpm_) - std::log(ppm_)) * k;
  ppm_ = std::exp(logPpm);
  center_.x += (targetCenter_.x - center_.x) * k;
  center_.y += (targetCenter_.y - center_.y) * k;
  return true;
}

bool Camera::settled() const {
  double dPx = std::hypot(targetCenter_.x - center_.x, targetCenter_.y - center_.y) * ppm_;
  return dPx < 0.05 && std::abs(targetPpm_ / ppm_ - 1.0) < 1e-4;
}

}  // namespace safetymap
