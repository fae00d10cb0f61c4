// The GPU trainer (app/gpu/gpu_engine.h) against the CPU trainer, on Mesa's llvmpipe where there is no GPU:
// from the same weights and the same batches (a CPU run's draws, recorded by a DrawTap and replayed), the
// weights after one iteration and after a few hundred agree within a stated tolerance, for every loss,
// penalty, optimizer and stabilizer it supports and a range of architectures; and each comparison fails when
// one setting of the GPU's run is changed (so the tolerance is tight enough to see one operation differ).
#include "app/gpu/gpu_engine.h"

#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <string>

#include "core/gan/trainer.h"

using namespace ganscope;

namespace {

// A small run: llvmpipe runs compute shaders on the CPU, so the networks stay small (the kernels do not
// care).
Config smallConfig() {
  Config c;
  c.generator.hidden = {16, 16};
  c.discriminator.hidden = {16, 16};
  c.batch = 32;
  c.metricsEvery = 1000;
  c.metricsSamples = 100;
  return c;
}

// How far the GPU's weights are from the CPU's, relative to how far the CPU's moved: ‖θ_gpu − θ_cpu‖ / ‖θ_cpu
// − θ_0‖.
struct Agreement {
  double generator = 0.0;
  double discriminator = 0.0;
  double worst() const { return std::max(generator, discriminator); }
};

// Trains `cpuConfig` on the CPU for `iterations` with its draws recorded, then the same iterations of
// `gpuConfig` (the same config, or one with one setting changed) on the GPU from the same start with those
// draws.
Agreement compareWithCpu(const Config& cpuConfig, const Config& gpuConfig, long long iterations,
                         GpuPath path) {
  Trainer cpu(cpuConfig);
  cpu.train(3);  // a start that is not the initialisation: optimizer state and a non-zero step count
  const TrainerState start = cpu.saveState(false);
  RecordedDraws tap;
  cpu.setDrawTap(&tap);
  cpu.train(iterations);
  REQUIRE_MESSAGE(!cpu.diverged(), cpu.divergence());
  const TrainerState end = cpu.saveState(false);

  std::string why;
  std::unique_ptr<IterationEngine> engine = makeGpuEngine(why, path);
  REQUIRE_MESSAGE(engine != nullptr, why);
  EngineState state{start.generatorParameters, start.discriminatorParameters, start.generatorOptimizer,
                    start.discriminatorOptimizer, start.lastStats};
  engine->upload(gpuConfig, cpu.data().dim(), state);
  const EngineRun run = engine->run(gpuConfig, start.step, iterations, tap.draws);
  REQUIRE(!run.diverged);
  CHECK(run.iterations == iterations);
  engine->download(state, true);
  if (gpuConfig == cpuConfig) {
    CHECK(state.generatorOptimizer.adamSteps() == end.generatorOptimizer.adamSteps());
    CHECK(state.discriminatorOptimizer.adamSteps() == end.discriminatorOptimizer.adamSteps());
  }
  const auto relative = [](const Vector& gpu, const Vector& cpuEnd, const Vector& cpuStart) {
    return static_cast<double>((gpu - cpuEnd).norm() / (cpuEnd - cpuStart).norm());
  };
  return {
      relative(state.generatorParameters, end.generatorParameters, start.generatorParameters),
      relative(state.discriminatorParameters, end.discriminatorParameters, start.discriminatorParameters)};
}

// One case: a config, and the one setting a mutant changes on the GPU's side only. (The draws are the CPU's,
// so a mutant never changes how they are drawn: latent.dist or the noise's annealing would change nothing
// here.)
struct Case {
  std::string name;
  std::function<void(Config&)> setUp;
  std::function<void(Config&)> mutate;
};

// Every loss, penalty, optimizer, stabilizer and update order the GPU trainer supports, and architectures
// from a linear D to three hidden layers of different widths, batches that do not fill a 16-wide tile, 1D
// data.
std::vector<Case> cases() {
  return {
      {"minimax", [](Config& c) { c.loss = LossKind::Minimax; },
       [](Config& c) { c.loss = LossKind::NonSaturating; }},
      {"nonsaturating", [](Config&) {}, [](Config& c) { c.loss = LossKind::Minimax; }},
      {"wgan with its clip",
       [](Config& c) {
         c.loss = LossKind::Wgan;
         c.penalty.clip = 0.05;
         c.optimizer.d.kind = OptimizerKind::RmsProp;
         c.optimizer.d.lr = 5e-3;
       },
       [](Config& c) { c.penalty.clip = 0.045; }},
      {"wgan-gp",
       [](Config& c) {
         c.loss = LossKind::WganGp;
         c.penalty.gp = 1.0;
       },
       [](Config& c) { c.penalty.gp = 0.8; }},
      {"lsgan", [](Config& c) { c.loss = LossKind::Lsgan; }, [](Config& c) { c.loss = LossKind::Minimax; }},
      {"hinge", [](Config& c) { c.loss = LossKind::Hinge; }, [](Config& c) { c.loss = LossKind::Wgan; }},
      {"r1 with leaky relu",
       [](Config& c) {
         c.penalty.r1 = 1.0;
         c.discriminator.activation = Activation::LeakyRelu;
       },
       [](Config& c) { c.penalty.r1 = 0.8; }},
      {"r2 with tanh (second derivatives)",
       [](Config& c) {
         c.penalty.r2 = 2.0;
         c.discriminator.activation = Activation::Tanh;
       },
       [](Config& c) { c.penalty.r2 = 1.6; }},
      {"wgan-gp with sigmoid, three layers",
       [](Config& c) {
         c.loss = LossKind::WganGp;
         c.penalty.gp = 2.0;
         c.discriminator.activation = Activation::Sigmoid;
         c.discriminator.hidden = {12, 20, 8};
       },
       [](Config& c) { c.penalty.gp = 1.6; }},
      {"r1 and r2 with elu",
       [](Config& c) {
         c.penalty.r1 = 1.0;
         c.penalty.r2 = 0.5;
         c.discriminator.activation = Activation::Elu;
         c.generator.activation = Activation::Elu;
       },
       [](Config& c) { c.penalty.r2 = 0.0; }},
      {"sgd",
       [](Config& c) {
         c.optimizer.g.kind = c.optimizer.d.kind = OptimizerKind::Sgd;
         c.optimizer.d.lr = 0.05;
       },
       [](Config& c) { c.optimizer.d.lr = 0.045; }},
      {"momentum", [](Config& c) { c.optimizer.g.kind = c.optimizer.d.kind = OptimizerKind::Momentum; },
       [](Config& c) { c.optimizer.g.momentum = 0.8; }},
      {"rmsprop", [](Config& c) { c.optimizer.g.kind = c.optimizer.d.kind = OptimizerKind::RmsProp; },
       [](Config& c) { c.optimizer.d.rho = 0.9; }},
      {"adam's betas",
       [](Config& c) {
         c.optimizer.g.beta1 = 0.9;
         c.optimizer.g.beta2 = 0.99;
       },
       [](Config& c) { c.optimizer.g.beta2 = 0.999; }},
      {"linear D, wide G, latent 4 uniform",
       [](Config& c) {
         c.discriminator.hidden = {};
         c.generator.hidden = {40};
         c.latent.dim = 4;
         c.latent.dist = LatentDistribution::Uniform;
       },
       [](Config& c) { c.generator.activation = Activation::LeakyRelu; }},
      {"batch 37, sigmoid G",
       [](Config& c) {
         c.batch = 37;
         c.generator.activation = Activation::Sigmoid;
       },
       [](Config& c) { c.generator.activation = Activation::Tanh; }},
      {"pack 3 (PacGAN)",
       [](Config& c) {
         c.pack = 3;
         c.penalty.r1 = 0.5;
       },
       [](Config& c) { c.penalty.r1 = 0.4; }},
      {"instance noise, annealed",
       [](Config& c) {
         c.instanceNoise = 0.3;
         c.instanceNoiseAnneal = 100;
       },
       [](Config& c) { c.instanceNoise = 0.0; }},
      {"simultaneous updates",
       [](Config& c) {
         c.update = UpdateOrder::Simultaneous;
         c.penalty.r1 = 0.5;
       },
       [](Config& c) { c.update = UpdateOrder::Alternating; }},
      {"d_steps 2, g_steps 2",
       [](Config& c) {
         c.dSteps = 2;
         c.gSteps = 2;
       },
       [](Config& c) { c.gSteps = 1; }},
      {"1D mixture",
       [](Config& c) {
         c.data.kind = DataKind::Mixture1d;
         c.penalty.r1 = 0.2;
       },
       [](Config& c) { c.penalty.r1 = 0.1; }},
  };
}

// One iteration: float32 on both sides, summed in another order (16-wide tiles against Eigen's kernels), so
// the weights agree to a few parts in a million of the step (measured on llvmpipe: at most 3.7e-6 over these
// cases); 1e-4 leaves room for a step where Adam divides by a tiny second moment. One changed setting
// gives 1.5e-4 to 0.66 on one network and at least 0.08 on the worse one.
constexpr double kOneIterationTolerance = 1e-4;
// 200 iterations: the rounding differences are fed back through training but stay small on these runs
// (measured: at most 6.2e-7); one changed setting gives at least 0.078.
constexpr double kManyIterationsTolerance = 1e-4;

// Both ways of issuing an iteration: one dispatch an operation, and the persistent kernel's command list.
const GpuPath kPaths[] = {GpuPath::Dispatch, GpuPath::Persistent};

// Every case on each path.
std::vector<std::pair<Case, GpuPath>> casesOnBothPaths() {
  std::vector<std::pair<Case, GpuPath>> all;
  for (GpuPath path : kPaths) {
    for (const Case& c : cases()) all.emplace_back(c, path);
  }
  return all;
}

// Case `c` on `path` for `iterations` from the same weights and batches as the CPU: within `tolerance`; and
// its mutant, which changes one setting on the GPU's side only, at least 100 times as far.
void checkAgainstCpu(const Case& c, GpuPath path, long long iterations, double tolerance) {
  CAPTURE(static_cast<int>(path));
  CAPTURE(c.name);
  Config config = smallConfig();
  c.setUp(config);
  REQUIRE(validate(config).empty());
  REQUIRE(gpuTrainerUnsupported(config).empty());
  const Agreement same = compareWithCpu(config, config, iterations, path);
  CAPTURE(same.generator);
  CAPTURE(same.discriminator);
  CHECK(same.worst() < tolerance);
  Config mutant = config;
  c.mutate(mutant);
  const Agreement changed = compareWithCpu(config, mutant, iterations, path);
  CAPTURE(changed.generator);
  CAPTURE(changed.discriminator);
  CHECK(changed.worst() > 100 * tolerance);
}

}  // namespace

TEST_CASE(
    "gpu trainer: one iteration equals the CPU trainer's, for every loss, penalty, optimizer and "
    "stabilizer") {
  for (const auto& [c, path] : casesOnBothPaths()) checkAgainstCpu(c, path, 1, kOneIterationTolerance);
}

TEST_CASE("gpu trainer: 200 iterations from the same weights and batches stay with the CPU trainer's") {
  for (const auto& [c, path] : casesOnBothPaths()) {
    if (c.name == "nonsaturating" || c.name == "wgan-gp" || c.name == "r2 with tanh (second derivatives)" ||
        c.name == "pack 3 (PacGAN)") {
      checkAgainstCpu(c, path, 200, kManyIterationsTolerance);
    }
  }
}

// [SECTION] The GPU trainer behind the Trainer (trainer=gpu|auto)

namespace {

Config gpuConfig() {
  registerGpuEngine(makeGpuEngine);
  Config c = smallConfig();
  c.trainer = TrainerKind::Gpu;
  c.metricsEvery = 50;
  return c;
}

}  // namespace

TEST_CASE("gpu trainer: trainer=gpu trains on the GPU, says so, and a seed gives the same run twice") {
  const Config config = gpuConfig();
  Trainer a(config), b(config);
  a.train(120);
  b.train(120);
  CHECK(a.trainsOnGpu());
  CHECK(a.trainerNote().rfind("training on the GPU: OpenGL", 0) == 0);
  CHECK(a.step() == 120);
  CHECK(a.history().back().step == 100);  // a chunk ends at each metrics row
  CHECK(a.generator().parameters() == b.generator().parameters());
  CHECK(a.discriminator().parameters() == b.discriminator().parameters());
  Config other = config;
  other.seed = 2;
  Trainer c(other);
  c.train(120);
  CHECK(c.generator().parameters().size() == a.generator().parameters().size());
  CHECK(c.generator().parameters() != a.generator().parameters());
  CHECK(std::isfinite(a.lastStats().lossD));
  CHECK(a.lastStats().gradNormG > 0.0);
}

TEST_CASE("gpu trainer: a saved state continues bit for bit, and switching trainer keeps the run") {
  const Config config = gpuConfig();
  Trainer a(config);
  a.train(60);
  const TrainerState saved = a.saveState();
  a.train(60);
  Trainer b(config);
  b.restoreState(saved);
  b.train(60);
  CHECK(b.step() == 120);
  CHECK(a.generator().parameters() == b.generator().parameters());
  CHECK(a.discriminator().parameters() == b.discriminator().parameters());
  CHECK(a.saveState(false).discriminatorOptimizer == b.saveState(false).discriminatorOptimizer);

  // To the CPU and back: the weights, the optimizer state and the step stay; training goes on from them.
  Config onCpu = a.config();
  onCpu.trainer = TrainerKind::Cpu;
  const Vector before = a.generator().parameters();
  CHECK_FALSE(a.setConfig(onCpu));
  CHECK(a.trainerNote().empty());  // at once, before any iteration (a paused window shows it)
  CHECK(a.generator().parameters() == before);
  a.train(10);
  CHECK_FALSE(a.trainsOnGpu());
  CHECK(a.trainerNote().empty());
  CHECK(a.step() == 130);
  CHECK(a.saveState(false).generatorOptimizer.adamSteps() == 130);

  // Back to the GPU with a setting it lacks: the note says so as soon as the setting is in.
  Config withSpectralNorm = a.config();
  withSpectralNorm.trainer = TrainerKind::Gpu;
  withSpectralNorm.spectralNorm = true;
  a.setConfig(withSpectralNorm);
  CHECK(a.trainerNote().find("spectral normalisation") != std::string::npos);
}

TEST_CASE(
    "gpu trainer: what it does not support trains on the CPU, names the setting, and equals the CPU run") {
  struct Unsupported {
    const char* setting;
    std::function<void(Config&)> set;
  };
  const Unsupported cases[] = {
      {"unroll", [](Config& c) { c.unroll = 2; }},
      {"spectral_norm", [](Config& c) { c.spectralNorm = true; }},
      {"conditional", [](Config& c) { c.conditional = true; }},
      {"dirac", [](Config& c) { c.data.kind = DataKind::Dirac; }},
  };
  for (const Unsupported& u : cases) {
    CAPTURE(u.setting);
    Config config = gpuConfig();
    u.set(config);
    REQUIRE(validate(config).empty());
    Trainer gpu(config);
    gpu.train(20);
    CHECK_FALSE(gpu.trainsOnGpu());
    CHECK(gpu.trainerNote().rfind("training on the CPU: ", 0) == 0);
    CHECK(gpu.trainerNote().find(u.setting) != std::string::npos);
    Config cpuConfig = config;
    cpuConfig.trainer = TrainerKind::Cpu;
    Trainer cpu(cpuConfig);
    cpu.train(20);
    CHECK(cpu.trainerNote().empty());
    CHECK(gpu.generator().parameters() == cpu.generator().parameters());
  }
}

TEST_CASE("gpu trainer: auto never chooses a software renderer, and says why") {
  Config config = gpuConfig();
  config.trainer = TrainerKind::Auto;
  Trainer t(config);
  t.train(5);
  std::string why;
  const auto engine = makeGpuEngine(why);
  REQUIRE(engine != nullptr);
  if (engine->isSoftware()) {
    CHECK_FALSE(t.trainsOnGpu());
    CHECK(t.trainerNote().find("software renderer") != std::string::npos);
  } else {
    // A real GPU: these networks are far below the line where the GPU wins.
    CHECK(iterationFlops(config) < kGpuWorthFlops);
    CHECK(t.trainerNote().find("MFLOP") != std::string::npos);
  }
}

TEST_CASE("gpu trainer: a NaN stops the run where it appeared, with the CPU trainer's message") {
  Config config = gpuConfig();
  config.loss = LossKind::Lsgan;
  config.optimizer.d.kind = config.optimizer.g.kind = OptimizerKind::Momentum;
  config.optimizer.d.lr = config.optimizer.g.lr = 10.0;  // the range's largest
  Trainer t(config);
  t.train(200);
  REQUIRE(t.diverged());
  CHECK(t.divergence().rfind("training diverged at iteration " + std::to_string(t.step()) + ": the ", 0) ==
        0);
  CHECK(t.divergence().find("lower the learning rate") != std::string::npos);
  CHECK(t.step() < 200);
  CHECK(t.history().back().step == t.step());
  Config cpuConfig = config;
  cpuConfig.trainer = TrainerKind::Cpu;
  Trainer cpu(cpuConfig);
  cpu.train(200);
  CHECK(cpu.diverged());
}

TEST_CASE("gpu trainer: the persistent kernel and one dispatch an operation train the same run") {
  // With the GPU's own draws (Philox, instance noise annealing within the chunk, Adam's counts from the
  // host's table), the two ways of issuing an iteration compute the same numbers up to the order of float
  // sums (on llvmpipe they sum in the same order: measured bit for bit equal; annealing the noise per chunk
  // instead gives 0.39).
  Config config = smallConfig();
  config.instanceNoise = 0.5;
  config.instanceNoiseAnneal = 150;  // reaches 0 inside the chunk
  config.loss = LossKind::WganGp;
  config.penalty.gp = 1.0;
  config.penalty.r1 = 0.5;
  config.dSteps = 2;
  Trainer host(config);
  const TrainerState start = host.saveState(false);
  constexpr long long kIterations = 200;
  HostDraws draws;  // the real samples only: the engine draws the rest itself
  draws.real.resize(static_cast<std::size_t>(kIterations * config.dSteps * config.batch * host.data().dim()));
  Rng rng(7);
  Eigen::Map<Matrix> real(draws.real.data(), host.data().dim(), kIterations * config.dSteps * config.batch);
  host.data().sample(rng, real);
  Vector generator[2], discriminator[2];
  for (int p = 0; p < 2; ++p) {
    std::string why;
    const auto engine = makeGpuEngine(why, kPaths[p]);
    REQUIRE(engine != nullptr);
    EngineState state{start.generatorParameters, start.discriminatorParameters, start.generatorOptimizer,
                      start.discriminatorOptimizer, start.lastStats};
    engine->upload(config, host.data().dim(), state);
    REQUIRE_FALSE(engine->run(config, start.step, kIterations, draws).diverged);
    engine->download(state, true);
    CHECK(state.generatorOptimizer.adamSteps() == start.generatorOptimizer.adamSteps() + kIterations);
    CHECK(state.discriminatorOptimizer.adamSteps() ==
          start.discriminatorOptimizer.adamSteps() + 2 * kIterations);
    generator[p] = state.generatorParameters;
    discriminator[p] = state.discriminatorParameters;
  }
  const double g = (generator[1] - generator[0]).norm() / (generator[0] - start.generatorParameters).norm();
  const double d = (discriminator[1] - discriminator[0]).norm() /
                   (discriminator[0] - start.discriminatorParameters).norm();
  CAPTURE(g);
  CAPTURE(d);
  CHECK(std::max(g, d) < kManyIterationsTolerance);
}
