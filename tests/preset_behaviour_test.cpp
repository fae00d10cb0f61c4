// The mode-collapse presets do what their descriptions promise, on several seeds, headless, in seconds each.
// (Named "presets:" so that scripts/test.sh can leave them to the Release build: they test training outcomes, and
// the sanitizer builds already run the same code paths in trainer_test and stabilizer_test.)
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "core/gan/config_json.h"
#include "core/gan/trainer.h"

using namespace ganscope;

namespace {

Config preset(const std::string& name) {
  return loadConfigFile(std::string(GANSCOPE_SOURCE_DIR) + "/assets/presets/" + name + ".json");
}

// Trains `name` with `seed` for `steps` iterations and returns its last metrics row (2,500 samples, VEEGAN/PacGAN
// protocol).
MetricsRow finalRow(const std::string& name, std::uint64_t seed, long long steps) {
  Config c = preset(name);
  c.seed = seed;
  c.metricsEvery = static_cast<int>(steps);
  c.metricsSamples = 2500;
  Trainer t(c);
  t.train(steps);
  REQUIRE_FALSE(t.diverged());
  return t.history().back();
}

}  // namespace

TEST_CASE("presets: ring8-collapse covers at most 2 of 8 modes after 4,000 iterations, for seeds 1 to 3") {
  for (std::uint64_t seed : {1, 2, 3}) {
    CAPTURE(seed);
    const MetricsRow row = finalRow("ring8-collapse", seed, 4000);
    CHECK(row.modes <= 2);
    CHECK(row.modeKl > 1.0);  // the nearest-mode histogram is far from uniform (ln 8 = 2.08 for one mode)
  }
}

TEST_CASE("presets: ring8-collapse's fixes cover at least 7 of 8 modes, for seeds 1 to 3") {
  struct Fix {
    const char* name;
    long long steps;
  };
  for (const Fix& fix : {Fix{"ring8-pacgan", 3000}, Fix{"ring8-wgan-gp", 3000}, Fix{"ring8-r1", 4000}}) {
    for (std::uint64_t seed : {1, 2, 3}) {
      CAPTURE(fix.name);
      CAPTURE(seed);
      const MetricsRow row = finalRow(fix.name, seed, fix.steps);
      CHECK(row.modes >= 7);
      CHECK(row.modeKl < 0.6);
    }
  }
}

TEST_CASE("presets: the fixes differ from ring8-collapse only by their stabilizer") {
  const Config collapse = preset("ring8-collapse");
  auto sameApartFrom = [&](Config c) {
    c.name = collapse.name, c.description = collapse.description, c.demoSteps = collapse.demoSteps;
    return c;
  };
  Config pac = sameApartFrom(preset("ring8-pacgan"));
  pac.pack = 1;
  CHECK(pac == collapse);
  Config r1 = sameApartFrom(preset("ring8-r1"));
  r1.penalty.r1 = 0.0;
  CHECK(r1 == collapse);
  Config unrolled = sameApartFrom(preset("ring8-unrolled"));
  unrolled.unroll = 0;
  CHECK(unrolled == collapse);
}

// The saturating loss: D rejects every fake with confidence, and G's gradient, which under minimax is proportional
// to D(fake), vanishes; the non-saturating loss at the very same networks gives G a gradient far larger.
TEST_CASE("presets: minimax-vanishing saturates D and starves G of gradient, for seeds 1 to 3") {
  for (std::uint64_t seed : {1, 2, 3}) {
    CAPTURE(seed);
    Config c = preset("minimax-vanishing");
    c.seed = seed;
    c.metricsEvery = 2000;
    Trainer t(c);
    t.train(2000);
    REQUIRE_FALSE(t.diverged());
    CHECK(t.history().back().dFake < 0.02);
    const TrainerState state = t.saveState();
    t.updateGenerator();
    const double minimaxNorm = t.lastStats().gradNormG;
    Config ns = c;
    ns.loss = LossKind::NonSaturating;
    TrainerState nsState = state;
    nsState.config = ns;
    Trainer revived(ns);
    revived.restoreState(nsState);
    revived.updateGenerator();
    CHECK(minimaxNorm < 0.05 * revived.lastStats().gradNormG);
  }
}

// Mescheder et al. 2018, §2: from (1, 1) with step 0.2, simultaneous GD spirals out, alternating GD circles, R1
// converges.
TEST_CASE("presets: dirac-simgd spirals out, dirac-altgd stays on a bounded orbit, dirac-r1 converges") {
  auto radiusAfter = [](const std::string& name, long long steps) {
    Trainer t(preset(name));
    t.train(steps);
    return std::hypot(t.generator().parameters()[0], t.discriminator().parameters()[0]);
  };
  const double start = std::hypot(1.0, 1.0);
  CHECK(radiusAfter("dirac-simgd", 300) > 1.5 * start);
  const double alternating = radiusAfter("dirac-altgd", 300);
  CHECK(alternating > 0.5 * start);
  CHECK(alternating < 1.5 * start);
  CHECK(radiusAfter("dirac-r1", 300) < 0.01);
}
