// Tests of the window's frame statistics (app/window/frame_stats.h) on made-up times: the interval between shown
// frames and each frame's work are different things once frames are shown on a 60 Hz beat.
#include "app/window/frame_stats.h"

#include <doctest/doctest.h>

#include <chrono>

using namespace ganscope;
using Ms = std::chrono::duration<double, std::milli>;

namespace {

FrameStats::Clock::time_point at(double ms) {
  return FrameStats::Clock::time_point(std::chrono::duration_cast<FrameStats::Clock::duration>(Ms(ms)));
}

}  // namespace

TEST_CASE("frame stats: paced frames have 16.67 ms intervals whatever their work, which is measured apart") {
  FrameStats stats;
  // Frame k starts at 16.67·k (right after the last one was shown), works 4, 9 or 14 ms, waits, and is shown at
  // 16.67·(k + 1).
  const double works[3] = {4.0, 9.0, 14.0};
  for (int k = 0; k < 30; ++k) {
    const double start = 16.67 * k;
    stats.beginFrame(at(start));
    stats.workDone(at(start + works[k % 3]));
    stats.endFrame(at(16.67 * (k + 1)));
  }
  REQUIRE(stats.frames() == 29);  // the first endFrame starts the clock
  CHECK(stats.percentileMs(50) == doctest::Approx(16.67).epsilon(1e-6));
  CHECK(stats.percentileMs(99) == doctest::Approx(16.67).epsilon(1e-6));
  CHECK(stats.framesPerSecond() == doctest::Approx(1000.0 / 16.67).epsilon(1e-6));
  CHECK(stats.workPercentileMs(50) == doctest::Approx(9.0).epsilon(1e-6));
  CHECK(stats.workPercentileMs(100) == doctest::Approx(14.0).epsilon(1e-6));
  CHECK(stats.workPercentileMs(0) == doctest::Approx(4.0).epsilon(1e-6));
}

TEST_CASE("frame stats: without workDone a frame's work lasts until it is shown, and start-up frames can be "
          "skipped") {
  FrameStats stats;
  double t = 0.0;
  for (int k = 0; k < 11; ++k) {
    const double work = k < 3 ? 100.0 : 5.0;  // three slow start-up frames
    stats.beginFrame(at(t));
    t += work;
    stats.endFrame(at(t));
    t += 1.0;  // a pause between frames: counted in the interval, not in the work
  }
  REQUIRE(stats.frames() == 10);
  CHECK(stats.workPercentileMs(100) == doctest::Approx(100.0));
  CHECK(stats.workPercentileMs(100, /*skip=*/2) == doctest::Approx(5.0));
  CHECK(stats.percentileMs(100, /*skip=*/2) == doctest::Approx(6.0));
  CHECK(stats.averageWorkMs() < 100.0);
  CHECK(stats.averageWorkMs() > 5.0);
}
