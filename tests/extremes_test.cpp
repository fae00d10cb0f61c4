// Training at every extreme the interface allows (the range table's bounds, core/gan/config_ranges.h): each loss
// with each penalty and optimizer at the largest learning rate, and the shapes at their limits. Each run either
// trains with finite numbers or stops as diverged with a message naming the iteration: never an exception, a
// crash or a silent NaN in the history.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/data/distribution.h"
#include "core/gan/config_names.h"
#include "core/gan/config_ranges.h"
#include "core/gan/trainer.h"
#include "tests/small_ring_config.h"

using namespace ganscope;
using ganscope::testing::smallRingConfig;

namespace {

// Trains `config` for `iterations`; checks the outcome is one of the two allowed ones.
void trainsOrStopsCleanly(const Config& config, long long iterations) {
  REQUIRE(validate(config).empty());
  Trainer trainer(config);
  CHECK_NOTHROW(trainer.train(iterations));
  if (trainer.diverged()) {
    MESSAGE("stopped: " << trainer.divergence());
    CAPTURE(trainer.divergence());
    const bool namesIteration = trainer.divergence().find("iteration") != std::string::npos;
    CHECK(namesIteration);
    return;
  }
  CHECK(trainer.step() == iterations);
  // Every recorded loss is finite: a NaN that slipped past the divergence check would show here.
  for (const MetricsRow& row : trainer.history()) {
    if (row.step == 0) continue;  // before any update the losses are not yet measured
    CHECK(std::isfinite(row.lossD));
    CHECK(std::isfinite(row.lossG));
  }
  const Vector& g = trainer.generator().parameters();
  CHECK(g.allFinite());
}

// The largest value the range table allows for `key`.
double highest(const char* key) { return rangeOf(key).high; }

}  // namespace

TEST_CASE("extremes: every loss with every penalty and optimizer at the largest learning rate trains or stops") {
  int runs = 0;
  for (const auto& [loss, lossName] : enumEntries<LossKind>()) {
    for (int penalty = 0; penalty < 3; ++penalty) {
      for (const auto& [kind, kindName] : enumEntries<OptimizerKind>()) {
        Config c = smallRingConfig(3);
        c.metricsEvery = 10;
        c.loss = loss;
        c.penalty.gp = highest("penalty.gp");
        if (penalty == 1) c.penalty.r1 = highest("penalty.r1");
        if (penalty == 2) c.penalty.r2 = highest("penalty.r2");
        c.penalty.clip = highest("penalty.clip");
        c.optimizer.g.kind = c.optimizer.d.kind = kind;
        c.optimizer.g.lr = highest("optimizer.g.lr");
        c.optimizer.d.lr = highest("optimizer.d.lr");
        CAPTURE(lossName);
        CAPTURE(penalty);
        CAPTURE(kindName);
        trainsOrStopsCleanly(c, 40);
        ++runs;
      }
    }
  }
  CHECK(runs == 6 * 3 * 4);
}

TEST_CASE("extremes: shapes and stabilizers at their limits train or stop") {
  struct Case {
    const char* what;
    void (*change)(Config&);
  };
  const Case cases[] = {
      {"batch 1", [](Config& c) { c.batch = 1; }},
      {"width 1", [](Config& c) { c.generator.hidden = c.discriminator.hidden = {1}; }},
      {"linear networks", [](Config& c) { c.generator.hidden.clear(), c.discriminator.hidden.clear(); }},
      {"8 hidden layers", [](Config& c) { c.generator.hidden = c.discriminator.hidden = std::vector<int>(8, 8); }},
      {"16 latent dimensions", [](Config& c) { c.latent.dim = 16; }},
      {"pack 16", [](Config& c) { c.pack = 16; }},
      {"unroll at its maximum", [](Config& c) { c.unroll = static_cast<int>(highest("unroll")); }},
      {"unroll with pack and spectral norm", [](Config& c) { c.unroll = 3, c.pack = 4, c.spectralNorm = true; }},
      {"100 D steps", [](Config& c) { c.dSteps = 100; }},
      {"instance noise at its maximum", [](Config& c) { c.instanceNoise = highest("instance_noise"); }},
      {"100 ring modes of the least std at radius 100",
       [](Config& c) { c.data.modes = 100, c.data.radius = 100.0, c.data.std = rangeOf("data.std").low; }},
      {"a 10 × 10 grid of spacing 100",
       [](Config& c) { c.data = dataDefaults(DataKind::Grid), c.data.modes = 10, c.data.spacing = 100.0; }},
      {"a Gaussian of the least std far out",
       [](Config& c) { c.data = dataDefaults(DataKind::Gaussian1d), c.data.mean = 100, c.data.std = 1e-4; }},
      {"the Dirac-GAN from its farthest start",
       [](Config& c) { c.data = dataDefaults(DataKind::Dirac), c.dirac.theta = 100, c.dirac.psi = -100; }},
      {"10 metric samples every iteration", [](Config& c) { c.metricsSamples = 10, c.metricsEvery = 1; }},
      {"the smallest learning rates and eps",
       [](Config& c) {
         c.optimizer.g.lr = c.optimizer.d.lr = rangeOf("optimizer.g.lr").low;
         c.optimizer.g.eps = c.optimizer.d.eps = rangeOf("optimizer.g.eps").low;
       }},
      {"SGD at lr 10 with momentum near 1",
       [](Config& c) {
         c.optimizer.g.kind = c.optimizer.d.kind = OptimizerKind::Momentum;
         c.optimizer.g.momentum = c.optimizer.d.momentum = 0.999;
         c.optimizer.g.lr = c.optimizer.d.lr = 10.0;
       }},
  };
  for (const Case& k : cases) {
    CAPTURE(k.what);
    Config c = smallRingConfig(4);
    c.metricsEvery = 10;
    k.change(c);
    trainsOrStopsCleanly(c, 30);
  }
}
