#pragma once
// The seam between the Trainer and a second place to run its iterations: the GPU trainer
// (app/gpu/gpu_engine.h) implements IterationEngine; the Trainer keeps the run (config, step, data, metrics,
// history, sessions, rewind) and hands the engine the weights and optimizer state, a chunk of iterations at a
// time.
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "core/gan/config.h"
#include "core/gan/metrics_row.h"
#include "core/nn/optimizer.h"
#include "core/nn/tensor.h"

namespace ganscope {

/// What the last D and G updates measured (updated at every update, cheap).
struct UpdateStats {
  double lossD = MetricsRow::kNone;
  double lossG = MetricsRow::kNone;
  double penalty = 0.0;
  double dReal = MetricsRow::kNone;
  double dFake = MetricsRow::kNone;
  double gradNormD = MetricsRow::kNone;
  double gradNormG = MetricsRow::kNone;
};

/// The part of a run an engine computes on: both networks' flat parameters (laid out as Mlp::parameters()),
/// both optimizers' state and what the last updates measured.
struct EngineState {
  Vector generatorParameters;
  Vector discriminatorParameters;
  Optimizer generatorOptimizer;
  Optimizer discriminatorOptimizer;
  UpdateStats lastStats;
};

/// The random numbers of a chunk of iterations that the host hands the engine, each kind in the order a CPU
/// run draws it. `real` is always given: one block of data.dim × (batch · pack) samples per D update, drawn
/// by the Trainer's Distribution, so every data kind works unchanged. The other three are empty in normal use
/// (the engine draws them itself, with Philox); a test fills them with a CPU run's draws (DrawTap) so that
/// both sides compute on the same batches. Their blocks: `latent` latent.dim × samples per fake batch G
/// makes; `instanceNoise` the noise added to each D input when instance_noise is on (2 · batch columns for a
/// D update, batch for a G update); `interpolation` one α per pack of each WGAN-GP D update.
struct HostDraws {
  std::vector<float> real;           ///< always: the real samples, per D update
  std::vector<float> latent;         ///< replay only: the latent noise, per fake batch
  std::vector<float> instanceNoise;  ///< replay only: instance noise, per noised D input
  std::vector<float> interpolation;  ///< replay only: WGAN-GP's α, per D update
  /// Whether the host gives the latent, noise and interpolation draws too (a replayed CPU run).
  bool replay() const { return !latent.empty(); }
};

/// Where a chunk stopped when it did not finish: a non-finite loss or gradient, as the CPU's checkFinite
/// reports it.
struct EngineDivergence {
  long long step = 0;                ///< the iteration whose update went non-finite (it was not applied)
  bool discriminator = true;         ///< D's update (else G's)
  double loss = 0.0;                 ///< that update's loss
  double gradientNormSquared = 0.0;  ///< and its gradient's squared norm
};

/// What a chunk did.
struct EngineRun {
  long long iterations = 0;  ///< iterations completed (all of them unless it diverged)
  bool diverged = false;     ///< a loss or gradient became NaN or infinite: see `divergence`
  EngineDivergence divergence;
};

/// Runs a Trainer's plain iterations somewhere other than the CPU (alternating or simultaneous updates, every
/// loss, penalty and optimizer, packing and instance noise; gpuTrainerUnsupported() names what it leaves to
/// the CPU).
class IterationEngine {
 public:
  virtual ~IterationEngine() = default;
  /// What computes: "OpenGL 4.5 (Core Profile) Mesa 22.3.6 — llvmpipe (LLVM 15.0.6, 256 bits)".
  virtual std::string device() const = 0;
  /// Whether the device is a software renderer (Mesa's llvmpipe or softpipe): correct, never fast.
  virtual bool isSoftware() const = 0;
  /// Loads the state to continue from, for `config`'s networks on data of `dataDim` dimensions.
  virtual void upload(const Config& config, int dataDim, const EngineState& state) = 0;
  /// Runs `iterations` iterations of `config` from the uploaded (or last run's) state; `firstStep` is the
  /// step count before the first (it keys the random numbers and the instance noise's annealing). Stops at
  /// the first non-finite loss or gradient, that update not applied. Throws std::runtime_error when the
  /// device fails.
  virtual EngineRun run(const Config& config, long long firstStep, long long iterations,
                        const HostDraws& draws) = 0;
  /// Writes the state reached into `state`: the weights and statistics, and the optimizers' state when
  /// `withOptimizers` (the larger part, which the Trainer fetches only when it needs it: a save, a
  /// checkpoint, the CPU).
  virtual void download(EngineState& state, bool withOptimizers) = 0;
};

/// Makes the GPU engine, or returns null with `whyNot` set to one sentence (no OpenGL 4.3 device, say).
using IterationEngineFactory = std::unique_ptr<IterationEngine> (*)(std::string& whyNot);

/// The program registers its GPU engine here once at start (app/gpu/gpu_engine.h); without one, trainer=gpu
/// trains on the CPU and says why. [any thread, before the first Trainer that wants it]
void registerGpuEngine(IterationEngineFactory factory);

/// The registered factory, or null.
IterationEngineFactory gpuEngineFactory();

/// Why the GPU trainer cannot train `config` (one sentence naming the setting and what to do), empty when it
/// can: unrolled G steps, spectral normalisation, the conditional GAN and the Dirac-GAN stay on the CPU.
std::string gpuTrainerUnsupported(const Config& config);

/// Floating-point operations of one iteration of `config` (forward and backward of both networks, the
/// penalties' double backprop counted as three more passes of D), the size `auto` compares with
/// kGpuWorthFlops.
double iterationFlops(const Config& config);

/// `auto` trains on the GPU from this many floating-point operations per iteration up: below it, an iteration
/// is so small that the GPU's dispatches cost more than the CPU's arithmetic (see the README's GPU section).
inline constexpr double kGpuWorthFlops = 40e6;

}  // namespace ganscope
