#include "io/crs.hpp"

#include <proj.h>

#include <cmath>
#include <stdexcept>

namespace safetymap::io {

struct Transformer::Impl {
  PJ_CONTEXT* ctx = nullptr;
  PJ* pj = nullptr;
  ~Impl() {
    if (pj) proj_destroy(pj);
    if (ctx) proj_context_destroy(ctx);
  }
};

Transformer::Transformer(const std::string& source, const std::string& target) : impl_(std::make_unique<Impl>()) {
  identity_ = source == target;
  if (identity_) return;  // a project saved in its own CRS: no PROJ set-up, no call per point
  impl_->ctx = proj_context_create();
  proj_log_level(impl_->ctx, PJ_LOG_NONE);
  proj_context_set_enable_network(impl_->ctx, 0);  // never a download, whatever PROJ_NETWORK says
  PJ* raw = proj_create_crs_to_crs(impl_->ctx, source.c_str(), target.c_str(), nullptr);
  if (!raw) {
    std::string why = proj_context_errno_string(impl_->ctx, proj_context_errno(impl_->ctx));
    throw std::runtime_error("PROJ cannot transform from this CRS to " + target + " (" + why + ")");
  }
  impl_->pj = proj_normalize_for_visualization(impl_->ctx, raw);
  proj_destroy(raw);
  if (!impl_->pj) throw std::runtime_error("PROJ cannot normalise the axis order of the CRS");
}

Transformer::~Transformer() = default;
Transformer::Transformer(Transformer&&) noexcept = default;
Transformer& Transformer::operator=(Transformer&&) noexcept = default;

static Vec2 run(PJ* pj, Vec2 p, PJ_DIRECTION dir) {
  PJ_COORD c = proj_coord(p.x, p.y, 0, 0);
  PJ_COORD r = proj_trans(pj, dir, c);
  if (r.xy.x == HUGE_VAL || !std::isfinite(r.xy.x) || !std::isfinite(r.xy.y)) return {NAN, NAN};
  return {r.xy.x, r.xy.y};
}

Vec2 Transformer::forward(Vec2 p) const {
  return identity_ ? p : run(impl_->pj, p, PJ_FWD);
}
Vec2 Transformer::inverse(Vec2 p) const {
  return identity_ ? p : run(impl_->pj, p, PJ_INV);
}

void Transformer::forward(std::span<Vec2> pts) const {
  if (pts.empty() || identity_) return;
  proj_trans_generic(impl_->pj, PJ_FWD, &pts[0].x, sizeof(Vec2), pts.size(), &pts[0].y, sizeof(Vec2), pts.size(),
                     nullptr, 0, 0, nullptr, 0, 0);
  for (auto& p : pts)
    if (p.x == HUGE_VAL || !std::isfinite(p.x) || !std::isfinite(p.y)) p = {NAN, NAN};
}

static const Transformer& lonLatTransformer() {
  thread_local Transformer t(kGeographicCrs, kWorkingCrs);
  return t;
}

Vec2 toLonLat(Vec2 plane) {
  return lonLatTransformer().inverse(plane);
}
Vec2 fromLonLat(Vec2 lonlat) {
  return lonLatTransformer().forward(lonlat);
}

}  // namespace safetymap::io
