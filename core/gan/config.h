#pragma once
// The whole description of a training run: one plain struct, serialised whole by config_json.h.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/data/data_config.h"
#include "core/gan/gan_loss.h"
#include "core/gan/timeline.h"
#include "core/nn/activation.h"
#include "core/nn/optimizer.h"

namespace ganscope {

/// The Dirac-GAN's starting point (Mescheder et al. 2018, §2): G outputs θ, D(x) = ψ·x.
struct DiracConfig {
  double theta = 1.0;  ///< the generator's single parameter at the start
  double psi = 1.0;    ///< the discriminator's single parameter at the start
  bool operator==(const DiracConfig&) const = default;
};

/// The distribution of the generator's input noise z.
enum class LatentDistribution { Gaussian, Uniform };

/// The generator's input: `latent.*`.
struct LatentConfig {
  int dim = 2;                                               ///< 1 to 16
  LatentDistribution dist = LatentDistribution::Gaussian;    ///< N(0, I) or U[−1, 1]^dim
  bool operator==(const LatentConfig&) const = default;
};

/// One network's shape: `generator.*` / `discriminator.*`.
struct NetworkConfig {
  std::vector<int> hidden = {64, 64};        ///< widths of the hidden layers; empty is a linear model
  Activation activation = Activation::Relu;  ///< the hidden layers' activation
  bool operator==(const NetworkConfig&) const = default;
};

/// Regularisers of the discriminator: `penalty.*`.
struct PenaltyConfig {
  double gp = 0.1;     ///< WGAN-GP's λ, used when loss is wgan-gp (0.1 on toys as in gan_toy.py; 10 on images)
  double r1 = 0.0;     ///< R1's γ: (γ/2)·E‖∇D(x_real)‖² (Mescheder et al. 2018, eq. 9); 0 is off
  double r2 = 0.0;     ///< R2's γ: (γ/2)·E‖∇D(x_fake)‖² (eq. 10); 0 is off
  double clip = 0.01;  ///< WGAN's weight clip c, used when loss is wgan (Arjovsky et al. 2017, Algorithm 1)
  bool operator==(const PenaltyConfig&) const = default;
};

/// The two optimizers: `optimizer.g.*` and `optimizer.d.*`.
struct OptimizersConfig {
  OptimizerConfig g;  ///< the generator's
  OptimizerConfig d;  ///< the discriminator's
  bool operator==(const OptimizersConfig&) const = default;
};

/// How the two players move within an iteration.
enum class UpdateOrder {
  Alternating,   ///< d_steps updates of D, then g_steps updates of G, each seeing the other's latest weights
  Simultaneous,  ///< one gradient of each taken at the same point, then both applied
};

/// Where the iterations' arithmetic runs (trainer.h; the GPU trainer is app/gpu/gpu_engine.h).
enum class TrainerKind {
  Cpu,   ///< the CPU trainer (every setting; the same seed gives the same run, bit for bit, on every machine)
  Gpu,   ///< OpenGL 4.3 compute shaders; a setting they do not support falls back to the CPU, and says so
  Auto,  ///< the GPU where it is a real GPU (not a software renderer) and the networks are large enough to win there
};

/// A training run, as presets, saved sessions, `--set` and the GUI all describe it.
struct Config {
  std::string name;          ///< a preset's short name (informational)
  std::string description;   ///< one line saying what the preset shows
  int demoSteps = 0;         ///< iterations in which a preset shows what it is for (0: not a demo)

  DataConfig data;
  DiracConfig dirac;
  LatentConfig latent;
  NetworkConfig generator;
  NetworkConfig discriminator;
  LossKind loss = LossKind::NonSaturating;
  PenaltyConfig penalty;
  OptimizersConfig optimizer;
  int batch = 256;           ///< samples of each kind per update
  int dSteps = 1;            ///< discriminator updates per iteration
  int gSteps = 1;            ///< generator updates per iteration
  UpdateOrder update = UpdateOrder::Alternating;

  // Stabilizers against mode collapse and non-convergence (each off at its default).
  int unroll = 0;               ///< Unrolled GAN: G's loss against D unrolled this many steps (Metz et al. 2016); 0 is off
  int pack = 1;                 ///< PacGAN: D judges packs of this many samples (Lin et al. 2018); 1 is off
  double instanceNoise = 0.0;   ///< std of Gaussian noise added to every input of D (Sønderby et al. 2017); 0 is off
  int instanceNoiseAnneal = 0;  ///< iterations over which that std falls linearly to 0; 0 keeps it constant
  bool spectralNorm = false;    ///< D's weight matrices divided by their largest singular value (Miyato et al. 2018)

  /// The conditional GAN (Mirza & Osindero 2014): G(z | y) and D(x | y) read the one-hot class y concatenated to
  /// their input (G: [z; onehot(y)], D per sample: [x; onehot(y)]; a pack is `pack` such stacked samples). For data
  /// with classes only: ring, grid and mixture1d (the class is the mode index) and points with classes (a `class`
  /// column in data.file, or data.point_classes). The fake batch has the real batch's labels (drawn with the data
  /// from the class prior); penalties take ∇ₓD on the data rows only; instance noise goes to x only. Not with
  /// unroll.
  bool conditional = false;

  /// Where the iterations run: cpu, gpu or auto. Switching keeps the run (weights, optimizer state, step).
  TrainerKind trainer = TrainerKind::Cpu;

  std::uint64_t seed = 1;    ///< the same seed gives the same run, bit for bit
  int metricsEvery = 100;    ///< iterations between two metric evaluations
  int metricsSamples = 2500; ///< generated samples per metric evaluation (VEEGAN/PacGAN protocol: 2,500)

  /// A scripted demo: settings changed and captions shown at given iterations, in order of `at` (timeline.h).
  std::vector<TimelineEvent> timeline;

  bool operator==(const Config&) const = default;
};

/// The most hidden layers a network may have.
inline constexpr std::size_t kMaxHiddenLayers = 8;
/// The most components of a 1D mixture (data.means, data.stds, data.weights).
inline constexpr std::size_t kMaxMixtureComponents = 16;
/// The most samples a drawing may hold (data.points holds pointsDim numbers each).
inline constexpr std::size_t kMaxDrawnPoints = 5000;
/// The longest name, description or file path, in bytes.
inline constexpr std::size_t kMaxTextLength = 4096;

/// Every reason `config` cannot run, one sentence each naming the key, its value and what is allowed (the numbers'
/// bounds come from the range table, config_ranges.h); empty when it can run.
/// (A `data.file` that cannot be read is reported by makeDistribution, which reads it.)
std::vector<std::string> validate(const Config& config);

/// Whether changing from `before` to `after` needs new networks (architecture, latent size, data dimension or seed),
/// as opposed to a change the running networks and optimizer state survive.
bool needsRebuild(const Config& before, const Config& after);

/// Whether the change (when it needs no rebuild) needs a new discriminator alone: a new pack size widens D's input,
/// so D starts afresh while G, the step count and the history go on (PacGAN switched on mid-run).
bool needsNewDiscriminator(const Config& before, const Config& after);

}  // namespace ganscope
