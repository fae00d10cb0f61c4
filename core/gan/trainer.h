#pragma once
// The GAN training loop: one object owning both networks, their optimizers, the data and the metrics. Its
// iterations run on the CPU, or on the GPU trainer (an IterationEngine) when config.trainer asks for it.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/data/distribution.h"
#include "core/gan/config.h"
#include "core/gan/draw_tap.h"
#include "core/gan/iteration_engine.h"
#include "core/gan/iteration_trace.h"
#include "core/gan/metrics_evaluator.h"
#include "core/gan/metrics_row.h"
#include "core/gan/penalty.h"
#include "core/gan/spectral_norm.h"
#include "core/nn/mlp.h"
#include "core/nn/optimizer.h"

namespace ganscope {

/// Everything that determines the rest of a run, as values: restoring it continues the run bit for bit.
/// (The base of saved sessions and rewind.)
struct TrainerState {
  Config config;
  long long step = 0;
  Vector generatorParameters;
  Vector discriminatorParameters;
  Optimizer generatorOptimizer;
  Optimizer discriminatorOptimizer;
  Rng rng;
  SpectralNorm spectralNorm;  ///< the power-iteration vectors, when spectral_norm is on
  UpdateStats lastStats;
  std::vector<MetricsRow> history;
  std::string divergence;
};

/// Trains a generator G and a discriminator D on a toy distribution (Goodfellow et al. 2014, Algorithm 1, with the
/// losses, penalties and update orders of the config). Single-threaded and deterministic: the same config and seed
/// give the same run bit for bit. Allocation-free per iteration once the batch size is fixed.
///
/// Stabilizers (all in the config, all switchable between iterations): unrolled G steps (Metz et al. 2016), PacGAN
/// packing (Lin et al. 2018), instance noise (Sønderby et al. 2017) and spectral normalisation of D (Miyato et al.
/// 2018), beside the penalties and two-timescale learning rates of the config.
///
/// The Dirac-GAN (data.kind dirac; Mescheder et al. 2018, §2) is the same loop with G a constant θ (a bias-only
/// layer with no input) and D(x) = ψ·x (a bias-free linear layer).
class Trainer {
 public:
  /// Builds the networks and draws their weights from config.seed. Throws ConfigError if validate() objects.
  explicit Trainer(const Config& config);

  /// One iteration: first the settings of the timeline's events at this step (timeline.h), then d_steps D updates
  /// and g_steps G updates (alternating), or one of each from the same point (simultaneous); records metrics when
  /// the step count reaches a multiple of metrics_every. Does nothing once diverged.
  void iterate();

  /// Runs `iterations` iterations, stopping early if training diverges.
  void train(long long iterations);

  /// Runs between 1 and `most` iterations and returns how many ran (0 once diverged): one on the CPU; on the GPU
  /// trainer a chunk of them, sized to take about 10 ms and ending at the next metrics row or timeline event (the
  /// training thread calls it so that a GPU run is not one dispatch per iteration).
  long long advance(long long most);

  /// Where the iterations run, for the window and the headless summary: empty for trainer=cpu; else one sentence,
  /// "training on the GPU: <device>" or why trainer=gpu|auto trains on the CPU ("… is not in the GPU trainer").
  const std::string& trainerNote() const { return trainerNote_; }
  /// Whether the last iterations ran on the GPU trainer.
  bool trainsOnGpu() const { return engineActive_; }

  /// Shows `tap` every block of random numbers the CPU iterations draw (null: none). Tests replay them on the GPU.
  void setDrawTap(DrawTap* tap) { tap_ = tap; }

  /// One discriminator update alone (GAN Lab's step mode). Does not advance the iteration count.
  void updateDiscriminator();

  /// One generator update alone (GAN Lab's step mode). Does not advance the iteration count.
  void updateGenerator();

  /// Slow motion: the next iterate() records its phases (iteration_trace.h) from the numbers it computes anyway;
  /// nothing is drawn from the RNG or computed differently, so the run goes on exactly as without it.
  void traceNextIteration() { traceNext_ = true; }
  /// The trace of the last traced iteration, handed over (nothing when none ran since the last call).
  std::optional<IterationTrace> takeTrace();

  /// Applies a new config between iterations. Returns true when it rebuilt the networks (new architecture, latent
  /// size, data dimension or seed: a fresh run); a new pack size gives D alone new weights (needsNewDiscriminator);
  /// otherwise learning rates, loss, optimizer settings, batch size, steps and data parameters change with the
  /// networks and optimizer state kept. Throws ConfigError (and changes nothing) when the new config does not
  /// validate.
  bool setConfig(const Config& config);

  /// Starts the run again from config.seed.
  void reset();

  /// Records a metrics row for the current step now (also done automatically every metrics_every iterations).
  void recordMetrics();

  /// Iterations completed.
  long long step() const { return step_; }
  /// Whether training stopped: a NaN or Inf appeared, or something an iteration, an update or the metrics
  /// needed threw (the exception is caught here: it becomes a stopped run with its message, never a crash).
  bool diverged() const { return !divergence_.empty(); }
  /// Why training stopped, naming where the NaN or Inf appeared or what threw; empty while healthy.
  const std::string& divergence() const { return divergence_; }
  /// The config in force.
  const Config& config() const { return config_; }
  /// The generator.
  const Mlp& generator() const { return generator_; }
  /// The discriminator's raw parameters, the ones its optimizer updates (before spectral normalisation; with
  /// packing its input is pack × the data's dimension).
  const Mlp& discriminator() const { return discriminator_; }
  /// The function x ↦ D(x) that training evaluates, on one point of the data space: spectrally normalised when
  /// spectral_norm is on, and D of a pack of copies of x when pack > 1 (see replicatedInputNetwork). Views draw it.
  /// For a conditional run it is D(x | y = 0), the first class's (conditionalDiscriminatorForView has them all).
  Mlp discriminatorForView() const;
  /// The classes of a conditional run (the one-hot block's height in G's and D's inputs), 0 when unconditional.
  int classCount() const { return classes_; }
  /// A conditional run's D on one point and its one-hot, x ↦ D([x; onehot(y)]) as one network of dim + K inputs
  /// (spectrally normalised, packs replicated as discriminatorForView); views fold a class into it with
  /// classConditionedNetwork. For an unconditional run it is discriminatorForView().
  Mlp conditionalDiscriminatorForView() const;
  /// The labels of metricsLatent()'s columns (balanced: every class in turn), empty when unconditional.
  const std::vector<int>& metricsLabels() const { return evaluator_->labels(); }
  /// The network D's forward and backward passes run on, on packs of `pack` samples: the normalised copy W / σ(W)
  /// under spectral_norm, else D itself (the export's probes evaluate it).
  const Mlp& evaluatedDiscriminator() const { return config_.spectralNorm ? normalizedDiscriminator_ : discriminator_; }
  /// The target distribution.
  const Distribution& data() const { return *data_; }
  /// The target distribution, shared (immutable; the training thread hands it to snapshots).
  std::shared_ptr<const Distribution> sharedData() const { return data_; }
  /// The recorded metrics, oldest first (step 0 is recorded at construction).
  const std::vector<MetricsRow>& history() const { return history_; }
  /// What the last updates measured.
  const UpdateStats& lastStats() const { return stats_; }
  /// The fixed latent batch the metrics are measured on.
  const Matrix& metricsLatent() const { return evaluator_->latentBatch(); }
  /// Increases whenever metricsLatent() is drawn anew (a rebuild, a new data or metrics setting).
  std::uint64_t metricsLatentRevision() const { return metricsLatentRevision_; }

  /// ∂L_D/∂θ_D (penalties included) from the last discriminator gradient computed.
  const Vector& lastDiscriminatorGradient() const { return dGrad_; }
  /// ∂L_G/∂θ_G from the last generator gradient computed.
  const Vector& lastGeneratorGradient() const { return gGrad_; }

  /// A copy of the whole state; with `withHistory` false, all of it but the metric history (a rewind checkpoint's).
  TrainerState saveState(bool withHistory = true) const;
  /// Continues from a saved state (rebuilding networks for its config). Throws ConfigError if it does not validate.
  void restoreState(const TrainerState& state);

 private:
  void build();
  // Whether the next iteration can run on the engine (making the engine the first time); sets trainerNote_.
  bool engineTakesNext();
  // What trainer=gpu|auto comes to for the config in force, with the engine as it is (none made): whether the engine
  // trains, and the note saying where the iterations run (empty for cpu, and before the engine was first tried).
  bool engineChosen(std::string& note) const;
  // The host takes over from the engine (a CPU iteration, a single update, new settings): the optimizers' state
  // comes back, and the engine is sent the host's state before its next chunk.
  void leaveEngine();
  // Gives up an engine whose download failed in a const call (pullOptimizers): its reason goes to the note.
  void dropFailedEngine();
  // Works out engineChosen_ and trainerNote_ again (after new settings, a new engine, a failed one).
  void chooseEngine();
  // Runs up to `most` iterations on the engine, then brings the state back to the host networks.
  long long advanceOnEngine(long long most);
  // The engine's view of the host state, and the host state from the engine's.
  EngineState engineState() const;
  void takeEngineState(EngineState state);
  // Fetches the optimizers' state from the engine when its copy is the newer (before anything reads or changes it).
  void pullOptimizers() const;
  // Tells the tap, if any, about a block of draws.
  void tapDrawn(DrawKind kind, const float* values, Eigen::Index count) {
    if (tap_ != nullptr) tap_->drawn(kind, {values, static_cast<std::size_t>(count)});
  }
  // Runs `work`; an exception from it stops the run with a message naming `what` (the public entry points of
  // training all go through it).
  template <typename Work>
  void stopOnError(const char* what, Work&& work);
  void iterateUnguarded();
  void iterateSteps();  // the updates of one iteration and its step count (iterateUnguarded adds the trace)
  // Applies the timeline's events at the current step (before the iteration that follows it).
  void applyDueEvents();
  void updateDiscriminatorUnguarded();
  void updateGeneratorUnguarded();
  void recordMetricsUnguarded();
  void sampleReal(Eigen::Ref<Matrix> out);
  // G on fresh noise for `samples` samples; conditional: with the labels in classes_ (its first `samples`).
  void generateFake(MlpWorkspace& gws, Eigen::Index samples);
  void computeDiscriminatorGradient();
  // G's gradient into gGrad_; when discriminatorGrad is given, also ∂L_G/∂θ_D (raw) added to it.
  void computeGeneratorGradient(MlpWorkspace& gws, bool sampleNew, Vector* discriminatorGrad = nullptr);
  void applyDiscriminatorStep();
  bool checkFinite(double loss, const Vector& grad, const char* who);
  void unrolledGeneratorUpdate();
  void unrolledStepGradients(int k, const Vector& dWeights, Vector& dGrad, Vector& gGrad);
  void addInstanceNoise(Eigen::Ref<Matrix> inputs);
  // Conditional: instance noise on the data rows of each sample block (dim + K rows) only, never the one-hot.
  void addInstanceNoiseToData(Eigen::Ref<Matrix> inputs);
  // D's per-sample input rows: the data's dimension, plus the one-hot block when conditional.
  int sampleRows() const { return data_->dim() + classes_; }
  void startSpectralNorm();

  Config config_;
  std::shared_ptr<const Distribution> data_;
  Mlp generator_;
  Mlp discriminator_;
  // Mutable: after a GPU chunk their newest state stays on the GPU until something reads them (pullOptimizers).
  mutable Optimizer generatorOptimizer_;
  mutable Optimizer discriminatorOptimizer_;
  Rng rng_;
  int classes_ = 0;           // the conditional run's class count K (0: unconditional)
  std::vector<int> labels_;   // the labels of the batch in hand (conditional), sized once per batch size
  long long step_ = 0;
  UpdateStats stats_;
  std::vector<MetricsRow> history_;
  std::string divergence_;
  std::unique_ptr<MetricsEvaluator> evaluator_;
  std::uint64_t metricsLatentRevision_ = 0;
  SpectralNorm spectralNorm_;
  Mlp normalizedDiscriminator_;  // W / σ(W) per layer, rewritten after every D update when spectral_norm is on

  // Buffers reused by every iteration (sized once per batch size).
  MlpWorkspace dJoint_;      // D on [real | fake], 2·batch columns
  MlpWorkspace dOnFake_;     // D on fake only, for G's step
  MlpWorkspace gForD_;       // G for D's step
  MlpWorkspace gForG_;       // G for G's step
  InputGradientWorkspace penaltyWorkspace_;
  Matrix penaltyPoints_;
  Matrix dOutputGrad_;  // 1 × 2·batch: dL_D/dd on [real | fake]
  Matrix gOutputGrad_;  // 1 × batch: dL_G/dd on fake
  Matrix fakeInputGrad_;
  bool traceNext_ = false;               // traceNextIteration() asked for the next iterate()
  std::optional<IterationTrace> trace_;  // being recorded by the traced iteration, then until takeTrace()
  bool tracing_ = false;                 // inside the traced iteration
  MlpWorkspace traceWorkspace_;          // G on the traced noise after its update
  Vector dGrad_;
  Vector gGrad_;
  // What an unrolled G step sets aside and puts back (Metz et al. 2016): D's weights, optimizer and σ estimates;
  // and, per unrolled step k, what the backward pass through the unrolled updates needs (trainer_unroll.cpp).
  Vector unrollSavedWeights_;
  Optimizer unrollSavedOptimizer_;
  SpectralNorm unrollSavedSpectralNorm_;
  Vector unrollSavedGradient_;
  std::vector<Matrix> unrollInputs_;   // [k]: D's input [real | fake] at unrolled step k
  std::vector<Matrix> unrollLatents_;  // [k]: the latent batch behind those fakes
  std::vector<Vector> unrollWeights_;  // [k]: D's raw weights before step k
  std::vector<Vector> unrollGains_;    // [k]: the optimizer's per-parameter gain at step k
  Vector unrollAdjoint_, unrollDirection_, unrollProbe_, unrollDPlus_, unrollDMinus_, unrollGPlus_, unrollGMinus_;
  Matrix unrollInputGrad_;
  MlpWorkspace unrollGenerator_;

  // The GPU trainer (iteration_engine.h), made the first time config.trainer asks for it.
  std::unique_ptr<IterationEngine> engine_;
  bool engineTried_ = false;      // the factory was asked (its answer is kept: a device does not come later)
  std::string engineError_;       // why there is no engine (no device, or it failed)
  bool engineActive_ = false;     // the last iterations ran on the engine
  bool engineChosen_ = false;     // the next plain iteration goes to the engine (chooseEngine)
  bool engineInSync_ = false;     // the engine holds the host's current weights and optimizer state
  mutable bool optimizersOnEngine_ = false;  // the optimizers' newest state is the engine's, not yet fetched
  mutable std::string engineFailure_;        // what failed in pullOptimizers, until dropFailedEngine
  long long engineChunk_ = 1;     // iterations per chunk, grown or shrunk towards about 10 ms a chunk
  HostDraws engineDraws_;         // a chunk's real samples, reused
  std::string trainerNote_;
  DrawTap* tap_ = nullptr;
  std::vector<float> tapNoise_;   // instance noise as drawn, for the tap
};

}  // namespace ganscope
