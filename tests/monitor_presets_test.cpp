// The collapse monitor on the presets' real runs, 20,000 iterations on several seeds: it raises no false
// alarm of divergence or of samples leaving the data on any preset that does not diverge, and the run that
// used to raise a false "gradients exploding" (ring8-collapse with pack = 4 and G's lr 2e-4, 8 of 8 modes)
// stays quiet. (Named "presets:" like the other tests of training outcomes: the Release build runs them, the
// sanitizer builds leave them out.)
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/gan/collapse_monitor.h"
#include "core/gan/config_json.h"
#include "core/gan/trainer.h"

using namespace ganscope;

namespace {

Config preset(const std::string& name) {
  return loadConfigFile(std::string(GANSCOPE_SOURCE_DIR) + "/assets/presets/" + name + ".json");
}

// What the monitor said after each row of `name` trained for `steps` with `seed`, and the last row.
struct Verdicts {
  std::vector<TrainingCondition> conditions;
  std::vector<MetricsRow> history;
};

Verdicts verdicts(Config c, std::uint64_t seed, long long steps) {
  c.seed = seed;
  Trainer t(c);
  t.train(steps);
  CollapseMonitor monitor;
  Verdicts v;
  v.conditions = monitor.replay(t.history(), t.config());
  v.history = t.history();
  return v;
}

// The first step at which `condition` was reported, or -1.
long long firstStep(const Verdicts& v, TrainingCondition condition) {
  for (std::size_t i = 0; i < v.conditions.size(); ++i)
    if (v.conditions[i] == condition) return v.history[i].step;
  return -1;
}

// Checks that no seed of 1 and 2 of `name` ever reports divergence or samples off the data in 20,000
// iterations.
void checkNoFalseAlarm(const std::string& name) {
  for (std::uint64_t seed : {1u, 2u}) {
    CAPTURE(name);
    CAPTURE(seed);
    const Verdicts v = verdicts(preset(name), seed, 20000);
    CHECK(firstStep(v, TrainingCondition::Divergence) == -1);
    CHECK(firstStep(v, TrainingCondition::SamplesOffData) == -1);
  }
}

}  // namespace

TEST_CASE(
    "presets: the monitor raises no false divergence where ring8-collapse with pack = 4 covers every mode") {
  // The run of the report: ‖∂L_G/∂θ_G‖ grows from about 1 to 100 while G reaches 8 of 8 modes.
  Config c = preset("ring8-collapse");
  applySetting(c, "optimizer.g.lr=2e-4");
  applySetting(c, "pack=4");
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    CAPTURE(seed);
    const Verdicts v = verdicts(c, seed, 10000);
    CHECK(v.history.back().modes >= 7);
    CHECK(firstStep(v, TrainingCondition::Divergence) == -1);
    CHECK(firstStep(v, TrainingCondition::SamplesOffData) == -1);
    CHECK(v.conditions.back() == TrainingCondition::Healthy);
  }
}

TEST_CASE("presets: no false alarm of divergence or samples off the data on the ring presets") {
  for (const char* name : {"ring8", "ring8-collapse", "ring8-pacgan", "ring8-r1", "ring8-hopping",
                           "ring8-wgan-gp", "ring8-conditional", "demo-collapse-pacgan"})
    checkNoFalseAlarm(name);
}

TEST_CASE("presets: no false alarm of divergence or samples off the data on the grid presets") {
  for (const char* name : {"grid25", "grid25-collapse", "grid25-conditional"}) checkNoFalseAlarm(name);
}

TEST_CASE("presets: no false alarm of divergence or samples off the data on the 1D and other 2D presets") {
  // minimax-vanishing's G does leave the data once its gradient has vanished (seed 2, from about 7,000): the
  // banner keeps naming the cause, vanishing gradients, which outranks the symptom.
  for (const char* name :
       {"moons", "spiral", "gaussian-1d", "mixture-1d", "minimax-vanishing", "high-lr-oscillation"})
    checkNoFalseAlarm(name);
}

TEST_CASE(
    "presets: no false alarm of divergence or samples off the data on grid25-fixed (spectral norm, pack)") {
  checkNoFalseAlarm("grid25-fixed");
}

TEST_CASE(
    "presets: no false alarm of divergence or samples off the data on ring8-unrolled (about 40 s a seed)") {
  checkNoFalseAlarm("ring8-unrolled");
}

TEST_CASE(
    "presets: the Dirac-GAN raises no false divergence, and simultaneous descent is called spiralling out") {
  for (const char* name : {"dirac-altgd", "dirac-r1", "demo-dirac-r1"}) checkNoFalseAlarm(name);
  // Simultaneous gradient descent spirals out (Mescheder et al. 2018, Fig. 2): the alarm there is real.
  const Verdicts simgd = verdicts(preset("dirac-simgd"), 1, 20000);
  CHECK(simgd.conditions.back() == TrainingCondition::Oscillation);
}
