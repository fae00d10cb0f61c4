#pragma once
// How far the plane's view may zoom and pan: within these limits every tick, grid and label loop of the views
// runs a bounded number of times and every coordinate stays exact enough to draw (a wheel spun for a minute,
// or a session's view one unit in the last place wide, used to freeze the window).
#include "core/data/bounds.h"

namespace ganscope {

/// The smallest extent of the view, in data units (the data's ranges go down to σ = 10⁻⁴).
inline constexpr double kMinViewExtent = 1e-4;
/// The largest extent of the view, in data units.
inline constexpr double kMaxViewExtent = 1e6;
/// How far the view's centre may be from the origin, in data units.
inline constexpr double kMaxViewCentre = 1e6;

/// Whether `view` is a rectangle of finite, positive extent within the limits above.
bool viewWithinLimits(const Bounds& view);

/// `view` zoomed by `factor` (above 1: out) about the point (x, y); at an extent limit the zoom stops there.
Bounds zoomedView(const Bounds& view, double x, double y, double factor);

/// `view` moved by (dx, dy); the move stops where the centre would leave the limits.
Bounds pannedView(const Bounds& view, double dx, double dy);

}  // namespace ganscope
