#pragma once
// An axis-aligned box in data space.
#include <algorithm>

namespace ganscope {

/// An axis-aligned rectangle [xMin, xMax] × [yMin, yMax]; for 1D data only x is used.
struct Bounds {
  double xMin = -1.0, xMax = 1.0;
  double yMin = -1.0, yMax = 1.0;

  /// The same box grown by a fraction of its size on every side.
  Bounds padded(double fraction) const {
    const double dx = (xMax - xMin) * fraction, dy = (yMax - yMin) * fraction;
    return {xMin - dx, xMax + dx, yMin - dy, yMax + dy};
  }
  /// The smallest square box with the same centre that holds this one (so a view keeps its aspect).
  Bounds squared() const {
    const double half = std::max(xMax - xMin, yMax - yMin) / 2.0;
    const double cx = (xMin + xMax) / 2.0, cy = (yMin + yMax) / 2.0;
    return {cx - half, cx + half, cy - half, cy + half};
  }
  bool operator==(const Bounds&) const = default;
};

}  // namespace ganscope
