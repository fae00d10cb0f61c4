// The plane view's zoom and pan limits (app/views/view_limits.h): a wheel spun for a minute either way, a
// drag far away, or a session's degenerate rectangle leave the view within the range every drawing loop
// handles.
#include "app/views/view_limits.h"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "app/window/view_state.h"

using namespace ganscope;

TEST_CASE("view limits: 5,400 notches out and 400 notches in, off-centre, stop at the extent limits") {
  const Bounds start{-3.0, 3.0, -2.0, 2.0};
  Bounds view = start;
  for (int notch = 0; notch < 400; ++notch) view = zoomedView(view, 1.7, -0.3, std::pow(1.15, -1.0));
  CHECK(viewWithinLimits(view));
  CHECK(view.yMax - view.yMin == doctest::Approx(kMinViewExtent));  // the smaller side reached the limit
  CHECK(view.xMin <= 1.7);  // the point under the pointer stays in view
  CHECK(view.xMax >= 1.7);
  for (int notch = 0; notch < 5400; ++notch) view = zoomedView(view, 1.7, -0.3, std::pow(1.15, 1.0));
  CHECK(viewWithinLimits(view));
  CHECK(view.xMax - view.xMin == doctest::Approx(kMaxViewExtent));  // the larger side reached the limit
  // A zoom within the limits is exact: about (0, 0) by 2.
  const Bounds twice = zoomedView(start, 0.0, 0.0, 2.0);
  CHECK(twice == Bounds{-6.0, 6.0, -4.0, 4.0});
  // Nonsense factors and points change nothing.
  CHECK(zoomedView(start, 0.0, 0.0, std::numeric_limits<double>::quiet_NaN()) == start);
  CHECK(zoomedView(start, std::numeric_limits<double>::infinity(), 0.0, 2.0) == start);
  CHECK(zoomedView(start, 0.0, 0.0, 0.0) == start);
}

TEST_CASE("view limits: a drag stops where the centre would leave the limits") {
  const Bounds start{-1.0, 1.0, -1.0, 1.0};
  const Bounds far = pannedView(start, 1e300, -1e300);
  CHECK(viewWithinLimits(far));
  CHECK(0.5 * (far.xMin + far.xMax) == doctest::Approx(kMaxViewCentre));
  CHECK(0.5 * (far.yMin + far.yMax) == doctest::Approx(-kMaxViewCentre));
  CHECK(far.xMax - far.xMin == doctest::Approx(2.0));
  CHECK(pannedView(start, 0.5, -0.25) == Bounds{-0.5, 1.5, -1.25, 0.75});
}

TEST_CASE(
    "view limits: a session's rectangle one unit in the last place wide, or out of range, keeps the "
    "fallback") {
  ViewState fallback;
  fallback.hasPlane = true;
  fallback.plane = {-4.0, 4.0, -4.0, 4.0};
  CHECK(parseViewState(R"({"plane":{"x_min":1,"x_max":1.0000000000000002,"y_min":0,"y_max":1}})", fallback)
            .plane == fallback.plane);
  CHECK(parseViewState(R"({"plane":{"x_min":-1e7,"x_max":1e7,"y_min":0,"y_max":1}})", fallback).plane ==
        fallback.plane);
  CHECK(
      parseViewState(R"({"plane":{"x_min":1.6e300,"x_max":1.7e300,"y_min":0,"y_max":1}})", fallback).plane ==
      fallback.plane);
  const ViewState fine = parseViewState(R"({"plane":{"x_min":-1,"x_max":2,"y_min":0,"y_max":3}})", fallback);
  CHECK(fine.plane == Bounds{-1.0, 2.0, 0.0, 3.0});
}
