// The GPU trainer against the CPU trainer (placeholder while it is written).
#include <doctest/doctest.h>

#include "app/gpu/gpu_engine.h"

TEST_CASE("gpu engine: the factory answers") {
  std::string why;
  auto engine = ganscope::makeGpuEngine(why);
  CHECK((engine != nullptr || !why.empty()));
}
