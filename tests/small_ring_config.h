#pragma once
// The small 2D run the trainer and stabilizer tests share.
#include <cstdint>

#include "core/gan/config.h"

namespace ganscope::testing {

/// A ring of 8 with 16×16 networks and batch 32: it trains in milliseconds.
inline Config smallRingConfig(std::uint64_t seed) {
  Config c;
  c.data.kind = DataKind::Ring;
  c.generator.hidden = {16, 16};
  c.discriminator.hidden = {16, 16};
  c.batch = 32;
  c.metricsEvery = 50;
  c.metricsSamples = 200;
  c.seed = seed;
  return c;
}

}  // namespace ganscope::testing
