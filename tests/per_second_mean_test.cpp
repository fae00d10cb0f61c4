// PerSecondMean: the figures a label shows change once a second, from whole windows only.
#include "core/util/per_second_mean.h"

#include <doctest/doctest.h>

using namespace ganscope;
using namespace std::chrono_literals;

TEST_CASE("per-second mean: a window closes once it is a second old and holds a value, and only then shows") {
  const PerSecondMean::Clock::time_point t0{};
  PerSecondMean mean(t0);
  mean.add(2.0);
  mean.add(4.0);
  mean.tick(t0 + 999ms);  // not yet a second
  CHECK(mean.mean() == 0.0);
  CHECK(mean.perSecond() == 0.0);
  mean.tick(t0 + 2s);  // two values in two seconds
  CHECK(mean.mean() == doctest::Approx(3.0));
  CHECK(mean.perSecond() == doctest::Approx(1.0));
  // An empty window stays open however long it lasts, and the last figures stay shown.
  mean.tick(t0 + 10s);
  CHECK(mean.mean() == doctest::Approx(3.0));
  mean.add(10.0);
  mean.tick(t0 + 12s);  // the window opened at 2 s: one value in ten seconds
  CHECK(mean.mean() == doctest::Approx(10.0));
  CHECK(mean.perSecond() == doctest::Approx(0.1));
  mean.reset(t0 + 12s);
  CHECK(mean.mean() == 0.0);
  CHECK(mean.perSecond() == 0.0);
  mean.add(1.0);
  mean.tick(t0 + 12500ms);  // the reset opened a new window at 12 s
  CHECK(mean.mean() == 0.0);
  mean.tick(t0 + 13s);
  CHECK(mean.mean() == doctest::Approx(1.0));
}
