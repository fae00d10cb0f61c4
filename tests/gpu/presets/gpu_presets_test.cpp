// The presets on the GPU trainer: every one it supports trains there, and the mode-collapse demonstration
// holds on it as on the CPU (tests/preset_behaviour_test.cpp, the same bounds): ring8-collapse collapses and
// ring8-pacgan fixes it, on seeds 1 to 3. Named "presets:" so that scripts/test.sh leaves them to the Release
// build (on llvmpipe a 4,000-iteration run takes a minute or two; CMakeLists.txt has CTest start them first).
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "app/gpu/gpu_engine.h"
#include "core/gan/config_json.h"
#include "core/gan/trainer.h"

using namespace ganscope;

namespace {

Config preset(const std::string& name) {
  return loadConfigFile(std::string(GANSCOPE_SOURCE_DIR) + "/assets/presets/" + name + ".json");
}

// `name` with `seed` trained on the GPU trainer for `steps` iterations: its last metrics row (2,500 samples).
MetricsRow finalRowOnGpu(const std::string& name, std::uint64_t seed, long long steps) {
  registerGpuEngine(makeGpuEngine);
  Config c = preset(name);
  c.seed = seed;
  c.trainer = TrainerKind::Gpu;
  c.metricsEvery = static_cast<int>(steps);
  c.metricsSamples = 2500;
  Trainer t(c);
  t.train(steps);
  REQUIRE_MESSAGE(t.trainsOnGpu(), t.trainerNote());
  REQUIRE_FALSE(t.diverged());
  return t.history().back();
}

void checkCollapse(std::uint64_t seed) {
  const MetricsRow row = finalRowOnGpu("ring8-collapse", seed, 4000);
  CHECK(row.modes <= 2);
  CHECK(row.modeKl > 1.0);
}

void checkPacganFix(std::uint64_t seed) {
  const MetricsRow row = finalRowOnGpu("ring8-pacgan", seed, 3000);
  CHECK(row.modes >= 7);
  CHECK(row.modeKl < 0.6);
}

}  // namespace

TEST_CASE("presets: every preset the GPU trainer supports trains on it (20 iterations each)") {
  registerGpuEngine(makeGpuEngine);
  int trained = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(GANSCOPE_SOURCE_DIR) + "/assets/presets")) {
    Config c = loadConfigFile(entry.path().string());
    CAPTURE(c.name);
    c.trainer = TrainerKind::Gpu;
    Trainer t(c);
    t.train(20);
    if (!gpuTrainerUnsupported(c).empty()) {
      CHECK_FALSE(t.trainsOnGpu());
      continue;
    }
    CHECK(t.trainsOnGpu());
    CHECK(t.step() == 20);
    CHECK_FALSE(t.diverged());
    ++trained;
  }
  CHECK(trained >= 15);  // of the 23: the Dirac-GAN's four, the conditional two, unrolled and spectral norm
                         // stay on the CPU
}

TEST_CASE("presets: ring8-collapse collapses on the GPU trainer too, seed 1") {
  checkCollapse(1);
}
TEST_CASE("presets: ring8-collapse collapses on the GPU trainer too, seed 2") {
  checkCollapse(2);
}
TEST_CASE("presets: ring8-collapse collapses on the GPU trainer too, seed 3") {
  checkCollapse(3);
}
TEST_CASE("presets: ring8-pacgan fixes the collapse on the GPU trainer too, seed 1") {
  checkPacganFix(1);
}
TEST_CASE("presets: ring8-pacgan fixes the collapse on the GPU trainer too, seed 2") {
  checkPacganFix(2);
}
TEST_CASE("presets: ring8-pacgan fixes the collapse on the GPU trainer too, seed 3") {
  checkPacganFix(3);
}
