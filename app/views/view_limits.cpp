#include "app/views/view_limits.h"

#include <algorithm>
#include <cmath>

namespace ganscope {

bool viewWithinLimits(const Bounds& view) {
  const double w = view.xMax - view.xMin, h = view.yMax - view.yMin;
  const double cx = 0.5 * (view.xMin + view.xMax), cy = 0.5 * (view.yMin + view.yMax);
  return std::isfinite(w) && std::isfinite(h) && w >= kMinViewExtent && h >= kMinViewExtent &&
         w <= kMaxViewExtent && h <= kMaxViewExtent && std::abs(cx) <= kMaxViewCentre &&
         std::abs(cy) <= kMaxViewCentre;
}

Bounds zoomedView(const Bounds& view, double x, double y, double factor) {
  if (!std::isfinite(factor) || factor <= 0.0 || !std::isfinite(x) || !std::isfinite(y)) return view;
  const double w = view.xMax - view.xMin, h = view.yMax - view.yMin;
  // The factor that keeps both sides within the extent limits.
  const double smallest = std::max(kMinViewExtent / w, kMinViewExtent / h);
  const double largest = std::min(kMaxViewExtent / w, kMaxViewExtent / h);
  const double f = std::clamp(factor, std::min(smallest, 1.0), std::max(largest, 1.0));
  const Bounds zoomed{x + (view.xMin - x) * f, x + (view.xMax - x) * f, y + (view.yMin - y) * f,
                      y + (view.yMax - y) * f};
  return viewWithinLimits(zoomed) ? zoomed : view;
}

Bounds pannedView(const Bounds& view, double dx, double dy) {
  if (!std::isfinite(dx) || !std::isfinite(dy)) return view;
  const double cx = 0.5 * (view.xMin + view.xMax), cy = 0.5 * (view.yMin + view.yMax);
  dx = std::clamp(cx + dx, -kMaxViewCentre, kMaxViewCentre) - cx;
  dy = std::clamp(cy + dy, -kMaxViewCentre, kMaxViewCentre) - cy;
  return {view.xMin + dx, view.xMax + dx, view.yMin + dy, view.yMax + dy};
}

}  // namespace ganscope
