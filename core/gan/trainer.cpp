#include "core/gan/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>

#include "core/gan/conditioning.h"
#include "core/gan/config_json.h"
#include "core/gan/instance_noise.h"
#include "core/gan/packing.h"

namespace ganscope {
namespace {

// The metrics' own random stream, derived from the seed so that measuring never perturbs training.
constexpr std::uint64_t kMetricsStream = 0x6d65747269637321ULL;
// The stream that draws spectral normalisation's first u vectors, so switching it on never perturbs training's.
constexpr std::uint64_t kSpectralStream = 0x7370656374726121ULL;

// The same memory read as rows × cols (column-major): packs ↔ samples, see packing.h.
Eigen::Map<Matrix> reshaped(Matrix& m, Eigen::Index rows, Eigen::Index cols) { return {m.data(), rows, cols}; }

Eigen::Map<RowVector> rowView(Matrix& m, Eigen::Index first, Eigen::Index count) {
  return {m.data() + first, count};
}
Eigen::Map<const RowVector> rowView(const Matrix& m, Eigen::Index first, Eigen::Index count) {
  return {m.data() + first, count};
}

// Mean of D over a block of its outputs: a probability σ(d) for the probabilistic losses, the raw output otherwise.
double meanD(LossKind loss, const Eigen::Map<const RowVector>& d) {
  if (lossIsProbabilistic(loss)) return (1.0 / (1.0 + (-d.cast<double>().array()).exp())).mean();
  return d.cast<double>().mean();
}

// The most real-sample floats one GPU chunk hands over (16 MB): bounds a chunk of very large batches.
constexpr long long kMaxChunkDraws = 4 << 20;
// What a GPU chunk aims to take: long enough that dispatches are not the cost, short enough that snapshots and
// commands stay prompt (the training thread publishes every 16 ms).
constexpr double kChunkSeconds = 0.010;

// The message of a run stopped by a NaN or Inf, naming the update, the quantity and the settings to change.
std::string divergenceMessage(const Config& config, long long step, bool discriminator, double loss,
                              double gradNorm2) {
  const OptimizerConfig& opt = discriminator ? config.optimizer.d : config.optimizer.g;
  std::ostringstream message;
  const bool lossBad = !std::isfinite(loss);
  const double bad = lossBad ? loss : gradNorm2;
  message << "training diverged at iteration " << step << ": the " << (discriminator ? "discriminator" : "generator")
          << "'s " << (lossBad ? "loss" : "gradient") << " became " << (std::isnan(bad) ? "NaN" : "infinite")
          << " (loss " << lossName(config.loss) << ", optimizer." << (discriminator ? 'd' : 'g') << ".lr " << opt.lr
          << "); lower the learning rate or add a penalty";
  return message.str();
}

void throwIfInvalid(const Config& config) {
  const auto problems = validate(config);
  if (problems.empty()) return;
  std::string message = problems.front();
  for (std::size_t i = 1; i < problems.size(); ++i) message += "; " + problems[i];
  throw ConfigError(message);
}

}  // namespace

Trainer::Trainer(const Config& config) : config_(config) {
  throwIfInvalid(config_);
  build();
  recordMetrics();
}

void Trainer::build() {
  data_ = makeDistribution(config_.data);
  rng_.reseed(config_.seed);
  classes_ = 0;
  if (config_.data.kind == DataKind::Dirac) {
    // G(z) = θ: one bias and no input. D(x) = ψ·x: one weight and no bias.
    generator_ = Mlp(0, {}, 1, Activation::Identity, Activation::Identity, true);
    discriminator_ = Mlp(1, {}, 1, Activation::Identity, Activation::Identity, false);
    generator_.parameters()[0] = static_cast<float>(config_.dirac.theta);
    discriminator_.parameters()[0] = static_cast<float>(config_.dirac.psi);
  } else {
    // Conditional (Mirza & Osindero 2014): G reads [z; onehot(y)] and D [x; onehot(y)] per sample.
    classes_ = config_.conditional ? data_->classCount() : 0;
    generator_ = Mlp(config_.latent.dim + classes_, config_.generator.hidden, data_->dim(),
                     config_.generator.activation);
    // With packing, D reads `pack` samples stacked into one input (Lin et al. 2018).
    discriminator_ = Mlp(sampleRows() * config_.pack, config_.discriminator.hidden, 1,
                         config_.discriminator.activation);
    generator_.initialize(rng_);
    discriminator_.initialize(rng_);
  }
  generatorOptimizer_ = Optimizer(generator_.parameterCount());
  discriminatorOptimizer_ = Optimizer(discriminator_.parameterCount());
  if (config_.spectralNorm) startSpectralNorm();
  dGrad_ = Vector::Zero(discriminator_.parameterCount());
  gGrad_ = Vector::Zero(generator_.parameterCount());
  evaluator_ = std::make_unique<MetricsEvaluator>(*data_, config_, generator_.inputDim(),
                                                  config_.seed ^ kMetricsStream);
  ++metricsLatentRevision_;
  step_ = 0;
  stats_ = {};
  history_.clear();
  history_.reserve(1024);
  divergence_.clear();
  engineInSync_ = false;
  optimizersOnEngine_ = false;  // a fresh run: nothing of the engine's is wanted
  chooseEngine();
}

void Trainer::reset() {
  build();
  recordMetrics();
}

bool Trainer::setConfig(const Config& config) {
  throwIfInvalid(config);
  leaveEngine();  // the optimizers' newest state comes back first: the engine takes the new settings from the host
  if (needsRebuild(config_, config)) {
    config_ = config;
    reset();
    return true;
  }
  const bool newData = config.data != config_.data;
  const bool newDiscriminator = needsNewDiscriminator(config_, config);
  const bool spectralNormStarts = config.spectralNorm && (!config_.spectralNorm || newDiscriminator);
  const bool newMetrics = newData || config.metricsSamples != config_.metricsSamples ||
                          config.latent.dist != config_.latent.dist;
  config_ = config;
  if (newData) data_ = makeDistribution(config_.data);
  if (newDiscriminator) {
    // PacGAN switched on (or off) mid-run: D reads packs of a new size, so it starts afresh (weights drawn from the
    // run's stream, zero optimizer state); G, the step count and the history go on.
    discriminator_ = Mlp(sampleRows() * config_.pack, config_.discriminator.hidden, 1,
                         config_.discriminator.activation);
    discriminator_.initialize(rng_);
    discriminatorOptimizer_ = Optimizer(discriminator_.parameterCount());
    dGrad_ = Vector::Zero(discriminator_.parameterCount());
  }
  if (spectralNormStarts) startSpectralNorm();
  if (newMetrics) {
    evaluator_ = std::make_unique<MetricsEvaluator>(*data_, config_, generator_.inputDim(),
                                                    config_.seed ^ kMetricsStream);
    ++metricsLatentRevision_;
  }
  chooseEngine();  // the note follows the new settings at once, paused or not
  return false;
}

// [SECTION] One iteration

template <typename Work>
void Trainer::stopOnError(const char* what, Work&& work) {
  try {
    work();
  } catch (const std::exception& e) {
    // Whatever threw (a metric, an allocation, a distribution) left this iteration half done: the run stops here,
    // as a diverged one does, and Reset (or a new config) starts afresh.
    divergence_ = "training stopped at iteration " + std::to_string(step_) + " in " + what + ": " + e.what();
  }
}

void Trainer::iterate() { advance(1); }

long long Trainer::advance(long long most) {
  if (diverged() || most <= 0) return 0;
  stopOnError("the timeline", [this] { applyDueEvents(); });
  if (diverged()) return 0;
  if (engineTakesNext()) {
    const long long ran = advanceOnEngine(most);
    if (ran > 0 || diverged()) return ran;
    // The engine failed (and is gone, said in trainerNote_): this iteration runs on the CPU.
  }
  leaveEngine();
  const long long before = step_;
  stopOnError("an iteration", [this] { iterateUnguarded(); });
  return step_ - before;
}

// [SECTION] The GPU trainer (iteration_engine.h)

void Trainer::leaveEngine() {
  pullOptimizers();
  dropFailedEngine();
  engineInSync_ = false;
}

void Trainer::dropFailedEngine() {
  if (engineFailure_.empty()) return;
  engine_.reset();
  engineError_ = "the GPU trainer stopped (" + engineFailure_ + ")";
  engineFailure_.clear();
  chooseEngine();
}

void Trainer::chooseEngine() { engineChosen_ = engineChosen(trainerNote_); }

bool Trainer::engineChosen(std::string& note) const {
  note.clear();
  if (config_.trainer == TrainerKind::Cpu) return false;
  if (std::string why = gpuTrainerUnsupported(config_); !why.empty()) {
    note = "training on the CPU: " + why;
    return false;
  }
  if (!engineTried_) return false;  // made at the next iteration, on the training thread
  if (!engine_) {
    note = "training on the CPU: " + engineError_;
    return false;
  }
  if (config_.trainer == TrainerKind::Auto) {
    if (engine_->isSoftware()) {
      note = "trainer=auto chose the CPU: the only OpenGL device here is a software renderer (" + engine_->device() +
             ")";
      return false;
    }
    const double flops = iterationFlops(config_);
    if (flops < kGpuWorthFlops) {
      std::ostringstream text;
      text.precision(3);
      text << "trainer=auto chose the CPU: an iteration is " << flops * 1e-6 << " MFLOP, and the GPU wins from "
           << kGpuWorthFlops * 1e-6 << " MFLOP";
      note = text.str();
      return false;
    }
  }
  note = "training on the GPU: " + engine_->device();
  if (engine_->isSoftware()) note += ", a software renderer: correct, but far slower than trainer=cpu";
  return true;
}

bool Trainer::engineTakesNext() {
  engineActive_ = false;
  dropFailedEngine();
  // The engine is made the first time the config wants it (on the training thread); the choice and its note are
  // worked out only when something they depend on changes (chooseEngine), not every iteration.
  if (!engineTried_ && config_.trainer != TrainerKind::Cpu && gpuTrainerUnsupported(config_).empty()) {
    engineTried_ = true;
    if (IterationEngineFactory factory = gpuEngineFactory()) {
      engine_ = factory(engineError_);
    } else {
      engineError_ = "this program was built without the GPU trainer";
    }
    chooseEngine();
  }
  // Slow motion's traced iteration runs on the CPU: its trace is made of the host's intermediate numbers.
  return engineChosen_ && !traceNext_;
}

long long Trainer::advanceOnEngine(long long most) {
  // A chunk ends at the next metrics row and the next timeline event: both are the host's work.
  const long long every = config_.metricsEvery;
  long long chunk = std::min({most, engineChunk_, every - step_ % every});
  for (const TimelineEvent& event : config_.timeline) {
    if (event.at > step_) chunk = std::min(chunk, event.at - step_);
  }
  // The real samples of every D update of the chunk, drawn here by the data's own sampler.
  const long long dUpdates = config_.update == UpdateOrder::Simultaneous ? 1 : config_.dSteps;
  const Eigen::Index dim = data_->dim(), samples = static_cast<Eigen::Index>(config_.batch) * config_.pack;
  const long long perIteration = dUpdates * samples * dim;
  chunk = std::max(1LL, std::min(chunk, kMaxChunkDraws / perIteration));
  engineDraws_.real.resize(static_cast<std::size_t>(chunk * perIteration));
  for (long long k = 0; k < chunk * dUpdates; ++k) {
    Eigen::Map<Matrix> block(engineDraws_.real.data() + k * samples * dim, dim, samples);
    data_->sample(rng_, block);
  }
  const auto start = std::chrono::steady_clock::now();
  EngineRun result;
  try {
    if (!engineInSync_) engine_->upload(config_, static_cast<int>(dim), engineState());
    engineInSync_ = true;
    result = engine_->run(config_, step_, chunk, engineDraws_);
    EngineState state = {std::move(generator_.parameters()), std::move(discriminator_.parameters()),
                         std::move(generatorOptimizer_), std::move(discriminatorOptimizer_), stats_};
    engine_->download(state, false);  // the optimizers stay on the GPU until needed (pullOptimizers)
    takeEngineState(std::move(state));
    optimizersOnEngine_ = true;
  } catch (const std::exception& e) {
    // The device failed: the host still holds the state of the last chunk that finished; the CPU goes on from it.
    engine_.reset();
    engineError_ = std::string("the GPU trainer stopped (") + e.what() + ")";
    chooseEngine();
    engineInSync_ = false;
    return 0;
  }
  engineActive_ = true;
  step_ += result.iterations;
  if (result.diverged) {
    const EngineDivergence& d = result.divergence;
    divergence_ = divergenceMessage(config_, d.step, d.discriminator, d.loss, d.gradientNormSquared);
    MetricsRow row;
    row.step = step_;
    row.lossD = stats_.lossD;
    row.lossG = stats_.lossG;
    history_.push_back(row);
    return result.iterations;
  }
  if (step_ % every == 0) stopOnError("the metrics", [this] { recordMetricsUnguarded(); });
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double perStep = seconds / static_cast<double>(std::max(1LL, result.iterations));
  engineChunk_ = std::clamp(static_cast<long long>(kChunkSeconds / std::max(perStep, 1e-9)), 1LL, 1LL << 20);
  return result.iterations;
}

EngineState Trainer::engineState() const {
  return {generator_.parameters(), discriminator_.parameters(), generatorOptimizer_, discriminatorOptimizer_,
          stats_};
}

void Trainer::pullOptimizers() const {
  if (!optimizersOnEngine_) return;
  optimizersOnEngine_ = false;
  if (!engine_ || !engineFailure_.empty()) return;  // failed: the host keeps the last state it had
  EngineState state;
  state.generatorOptimizer = generatorOptimizer_;
  state.discriminatorOptimizer = discriminatorOptimizer_;
  try {
    engine_->download(state, true);
  } catch (const std::exception& e) {
    engineFailure_ = e.what();  // the engine is dropped at the next iteration (dropFailedEngine)
    return;
  }
  generatorOptimizer_ = std::move(state.generatorOptimizer);
  discriminatorOptimizer_ = std::move(state.discriminatorOptimizer);
}

void Trainer::takeEngineState(EngineState state) {
  generator_.parameters() = std::move(state.generatorParameters);
  discriminator_.parameters() = std::move(state.discriminatorParameters);
  generatorOptimizer_ = std::move(state.generatorOptimizer);
  discriminatorOptimizer_ = std::move(state.discriminatorOptimizer);
  stats_ = state.lastStats;
}

void Trainer::applyDueEvents() {
  bool due = false;
  for (const TimelineEvent& event : config_.timeline) due = due || (event.at == step_ && !event.set.empty());
  if (!due) return;
  // The metrics CSV has a row at the event's iteration (measured before its settings), so the change shows there.
  if (history_.empty() || history_.back().step != step_) recordMetricsUnguarded();
  Config next = config_;
  for (const TimelineEvent& event : config_.timeline) {
    if (event.at != step_) continue;
    for (const TimelineSetting& setting : event.set) applySetting(next, setting.key + "=" + setting.value);
  }
  setConfig(next);  // validate() checked every event's settings with the config; a rebuild is refused there
}

std::optional<IterationTrace> Trainer::takeTrace() {
  std::optional<IterationTrace> taken = std::move(trace_);
  trace_.reset();
  return taken;
}

void Trainer::iterateUnguarded() {
  tracing_ = traceNext_;
  traceNext_ = false;
  if (tracing_) {
    trace_.emplace();
    trace_->step = step_;
    trace_->simultaneous = config_.update == UpdateOrder::Simultaneous;
    trace_->discriminatorSteps = trace_->simultaneous ? 1 : config_.dSteps;
    trace_->generatorSteps = trace_->simultaneous ? 1 : config_.gSteps;
  }
  iterateSteps();
  if (tracing_ && trace_->generatorTraced && !diverged()) {
    // The same noise through G as it is now: where the update moved each sample (a forward pass, no RNG).
    trace_->fakeAfter = generator_.forward(trace_->generatorLatent, traceWorkspace_);
  }
  tracing_ = false;
}

void Trainer::iterateSteps() {
  if (config_.update == UpdateOrder::Simultaneous) {
    // Both gradients at the same (θ_G, θ_D) and on the same fake batch, then both steps.
    computeDiscriminatorGradient();
    if (diverged()) return;
    computeGeneratorGradient(gForD_, /*sampleNew=*/false);
    if (diverged()) return;
    applyDiscriminatorStep();
    generatorOptimizer_.step(generator_.parameters(), gGrad_, config_.optimizer.g);
  } else {
    for (int k = 0; k < config_.dSteps && !diverged(); ++k) updateDiscriminatorUnguarded();
    for (int k = 0; k < config_.gSteps && !diverged(); ++k) updateGeneratorUnguarded();
  }
  if (diverged()) return;
  ++step_;
  if (step_ % config_.metricsEvery == 0) recordMetricsUnguarded();
}

void Trainer::train(long long iterations) {
  for (long long done = 0; done < iterations && !diverged();) done += advance(iterations - done);
}

void Trainer::updateDiscriminator() {
  if (diverged()) return;
  leaveEngine();
  stopOnError("a discriminator update", [this] { updateDiscriminatorUnguarded(); });
}

void Trainer::updateDiscriminatorUnguarded() {
  computeDiscriminatorGradient();
  if (!diverged()) applyDiscriminatorStep();
}

void Trainer::updateGenerator() {
  if (diverged()) return;
  leaveEngine();
  stopOnError("a generator update", [this] { updateGeneratorUnguarded(); });
}

void Trainer::updateGeneratorUnguarded() {
  if (config_.unroll > 0) {
    unrolledGeneratorUpdate();
    return;
  }
  computeGeneratorGradient(gForG_, /*sampleNew=*/true);
  if (!diverged()) generatorOptimizer_.step(generator_.parameters(), gGrad_, config_.optimizer.g);
}

void Trainer::sampleReal(Eigen::Ref<Matrix> out) {
  data_->sample(rng_, out);
  tapDrawn(DrawKind::Real, out.data(), out.size());
}

void Trainer::generateFake(MlpWorkspace& gws, Eigen::Index samples) {
  generator_.prepare(gws, samples);
  if (classes_ == 0) {
    sampleLatent(config_.latent.dist, rng_, gws.activations[0]);
    tapDrawn(DrawKind::Latent, gws.activations[0].data(), gws.activations[0].size());
  } else {
    // [z; onehot(y)] per column: the noise column by column (each is contiguous), then the labels' one-hot.
    Matrix& input = gws.activations[0];
    const Eigen::Index latent = config_.latent.dim;
    for (Eigen::Index i = 0; i < samples; ++i) sampleLatent(config_.latent.dist, rng_, input.col(i).head(latent));
    writeOneHot(input.bottomRows(classes_), std::span<const int>(labels_.data(), static_cast<std::size_t>(samples)));
  }
  generator_.forward(gws);
}

void Trainer::computeDiscriminatorGradient() {
  const Eigen::Index batch = config_.batch;  // packs of each kind; `pack` samples per pack
  const Eigen::Index samples = batch * config_.pack;
  const Mlp& d = evaluatedDiscriminator();
  d.prepare(dJoint_, 2 * batch);
  Matrix& input = dJoint_.activations[0];
  const Eigen::Index dim = data_->dim();
  auto asSamples = reshaped(input, sampleRows(), 2 * samples);  // the same memory, one sample per column
  if (classes_ == 0) {
    sampleReal(asSamples.leftCols(samples));
    generateFake(gForD_, samples);
    asSamples.rightCols(samples) = gForD_.output();
  } else {
    // Real samples with their classes from the class prior; the fakes get the same labels (Mirza & Osindero 2014).
    labels_.resize(static_cast<std::size_t>(samples));
    data_->sampleWithClasses(rng_, asSamples.topRows(dim).leftCols(samples), labels_);
    writeOneHot(asSamples.bottomRows(classes_).leftCols(samples), labels_);
    asSamples.bottomRows(classes_).rightCols(samples) = asSamples.bottomRows(classes_).leftCols(samples);
    generateFake(gForD_, samples);
    asSamples.topRows(dim).rightCols(samples) = gForD_.output();
  }
  const bool traceThis = tracing_ && trace_->real.size() == 0;  // the iteration's first D update
  if (traceThis) {
    trace_->real = asSamples.topRows(dim).leftCols(samples);
    trace_->fake = asSamples.topRows(dim).rightCols(samples);
    trace_->latent = gForD_.activations[0];
  }
  if (classes_ == 0) {
    addInstanceNoise(input);
  } else {
    addInstanceNoiseToData(input);
  }
  d.forward(dJoint_);  // real and fake through D as one matrix

  const Matrix& logits = dJoint_.output();
  if (traceThis) {
    // Each sample gets its pack's score, as meanD averages them.
    const bool probability = lossIsProbabilistic(config_.loss);
    auto shown = [&](float d) { return probability ? 1.0f / (1.0f + std::exp(-d)) : d; };
    trace_->realD.resize(static_cast<std::size_t>(samples));
    trace_->fakeD.resize(static_cast<std::size_t>(samples));
    for (Eigen::Index i = 0; i < samples; ++i) {
      trace_->realD[static_cast<std::size_t>(i)] = shown(logits(0, i / config_.pack));
      trace_->fakeD[static_cast<std::size_t>(i)] = shown(logits(0, batch + i / config_.pack));
    }
  }
  dOutputGrad_.resize(1, 2 * batch);
  stats_.lossD = discriminatorLoss(config_.loss, rowView(logits, 0, batch), rowView(logits, batch, batch),
                                   rowView(dOutputGrad_, 0, batch), rowView(dOutputGrad_, batch, batch));
  stats_.dReal = meanD(config_.loss, rowView(logits, 0, batch));
  stats_.dFake = meanD(config_.loss, rowView(logits, batch, batch));
  dGrad_.setZero();
  d.backward(dJoint_, dOutputGrad_, &dGrad_, nullptr);

  double penalty = 0.0;
  // Conditional: the penalties take ∇ₓD on each sample's data rows, not on its one-hot (PenaltyRows).
  const PenaltyRows dataRows{classes_ > 0 ? sampleRows() : 0, static_cast<int>(dim)};
  if (config_.loss == LossKind::WganGp && config_.penalty.gp > 0.0) {
    // x̂ = αx + (1 − α)G(z), α ~ U[0, 1] per sample (Gulrajani et al. 2017, Algorithm 1).
    penaltyPoints_.resize(input.rows(), batch);
    for (Eigen::Index i = 0; i < batch; ++i) {
      const float alpha = static_cast<float>(rng_.uniform());
      tapDrawn(DrawKind::Interpolation, &alpha, 1);
      penaltyPoints_.col(i) = alpha * input.col(i) + (1.0f - alpha) * input.col(batch + i);
    }
    if (classes_ > 0) {
      // Real and fake share their labels: the interpolate keeps the one-hot exactly (not α·1 + (1 − α)·1 in
      // float).
      reshaped(penaltyPoints_, sampleRows(), samples).bottomRows(classes_) =
          asSamples.bottomRows(classes_).leftCols(samples);
    }
    penalty += applyGradientPenalty(d, penaltyPoints_, PenaltyShape::OneCentered,
                                    config_.penalty.gp, penaltyWorkspace_, dGrad_, dataRows);
  }
  if (config_.penalty.r1 > 0.0) {
    penalty += applyGradientPenalty(d, input.leftCols(batch), PenaltyShape::ZeroCentered,
                                    config_.penalty.r1 / 2.0, penaltyWorkspace_, dGrad_, dataRows);
  }
  if (config_.penalty.r2 > 0.0) {
    penalty += applyGradientPenalty(d, input.rightCols(batch), PenaltyShape::ZeroCentered,
                                    config_.penalty.r2 / 2.0, penaltyWorkspace_, dGrad_, dataRows);
  }
  stats_.penalty = penalty;
  // The gradient so far is with respect to W / σ(W); carry it back to the raw weights.
  if (config_.spectralNorm) spectralNorm_.backpropagate(normalizedDiscriminator_, dGrad_);
  if (traceThis) trace_->lossD = stats_.lossD;
  checkFinite(stats_.lossD + penalty, dGrad_, "discriminator");
  if (!diverged()) stats_.gradNormD = std::sqrt(dGrad_.cast<double>().squaredNorm());
}

void Trainer::computeGeneratorGradient(MlpWorkspace& gws, bool sampleNew, Vector* discriminatorGrad) {
  const Eigen::Index batch = config_.batch;
  const Mlp& d = evaluatedDiscriminator();
  const Eigen::Index samples = batch * config_.pack;
  const Eigen::Index dim = data_->dim();
  if (sampleNew) {
    if (classes_ > 0) {
      // G's own step: labels from the class prior (there is no real batch to take them from).
      labels_.resize(static_cast<std::size_t>(samples));
      data_->sampleClasses(rng_, labels_);
    }
    generateFake(gws, samples);
  }
  d.prepare(dOnFake_, batch);
  auto asSamples = reshaped(dOnFake_.activations[0], sampleRows(), samples);
  if (classes_ == 0) {
    asSamples = gws.output();
    addInstanceNoise(dOnFake_.activations[0]);
  } else {
    asSamples.topRows(dim) = gws.output();
    asSamples.bottomRows(classes_) = gws.activations[0].bottomRows(classes_);  // the labels G was given
    addInstanceNoiseToData(dOnFake_.activations[0]);
  }
  d.forward(dOnFake_);
  gOutputGrad_.resize(1, batch);
  stats_.lossG = generatorLoss(config_.loss, rowView(dOnFake_.output(), 0, batch), rowView(gOutputGrad_, 0, batch));
  // Through D to its input only: D's weight gradients are not needed for G's step.
  d.backward(dOnFake_, gOutputGrad_, discriminatorGrad, &fakeInputGrad_);
  if (discriminatorGrad != nullptr && config_.spectralNorm) {
    spectralNorm_.backpropagate(normalizedDiscriminator_, *discriminatorGrad);
  }
  gGrad_.setZero();
  // Packs back to samples: each sample's share of dL/d(pack input) is its own block of rows.
  generator_.backward(gws, reshaped(fakeInputGrad_, sampleRows(), samples).topRows(dim), &gGrad_, nullptr);
  if (tracing_ && !trace_->generatorTraced) {
    // The iteration's first G update: its noise, its samples and where L_G pushes each of them.
    trace_->generatorTraced = true;
    trace_->generatorLatent = gws.activations[0];
    trace_->fakeBefore = gws.output();
    trace_->fakePush = -reshaped(fakeInputGrad_, sampleRows(), samples).topRows(dim);
    trace_->lossG = stats_.lossG;
  }
  checkFinite(stats_.lossG, gGrad_, "generator");
  if (!diverged()) stats_.gradNormG = std::sqrt(gGrad_.cast<double>().squaredNorm());
}

void Trainer::applyDiscriminatorStep() {
  discriminatorOptimizer_.step(discriminator_.parameters(), dGrad_, config_.optimizer.d);
  if (config_.loss == LossKind::Wgan) {
    // Weight clipping to [−c, c] after every critic update (Arjovsky et al. 2017, Algorithm 1, line 7).
    const float c = static_cast<float>(config_.penalty.clip);
    discriminator_.parameters() = discriminator_.parameters().cwiseMax(-c).cwiseMin(c);
  }
  if (config_.spectralNorm) {
    // One power iteration per update of the weights (Miyato et al. 2018, Algorithm 1).
    spectralNorm_.powerIteration(discriminator_);
    spectralNorm_.normalize(discriminator_, normalizedDiscriminator_);
  }
}

void Trainer::addInstanceNoise(Eigen::Ref<Matrix> inputs) {
  const double std = instanceNoiseStd(config_, step_);
  if (std <= 0.0) return;
  float* x = inputs.data();
  const Eigen::Index count = inputs.size();
  if (tap_ != nullptr) tapNoise_.resize(static_cast<std::size_t>(count));
  for (Eigen::Index i = 0; i < count; ++i) {
    const float noise = static_cast<float>(std * rng_.normal());
    x[i] += noise;
    if (tap_ != nullptr) tapNoise_[static_cast<std::size_t>(i)] = noise;
  }
  tapDrawn(DrawKind::InstanceNoise, tapNoise_.data(), count);
}

void Trainer::addInstanceNoiseToData(Eigen::Ref<Matrix> inputs) {
  const double std = instanceNoiseStd(config_, step_);
  if (std <= 0.0) return;
  // The memory holds sample blocks of dim + K rows one after another (packs are consecutive blocks too).
  float* x = inputs.data();
  const Eigen::Index count = inputs.size(), rows = sampleRows(), dim = data_->dim();
  for (Eigen::Index i = 0; i < count; ++i) {
    if (i % rows < dim) x[i] += static_cast<float>(std * rng_.normal());
  }
}

void Trainer::startSpectralNorm() {
  Rng rng(config_.seed ^ kSpectralStream);
  spectralNorm_.initialize(discriminator_, rng);
  normalizedDiscriminator_ = discriminator_;
  spectralNorm_.normalize(discriminator_, normalizedDiscriminator_);
}

Mlp Trainer::discriminatorForView() const {
  if (classes_ > 0) return classConditionedNetwork(conditionalDiscriminatorForView(), data_->dim(), 0);
  return replicatedInputNetwork(evaluatedDiscriminator(), config_.pack);
}

Mlp Trainer::conditionalDiscriminatorForView() const {
  return replicatedInputNetwork(evaluatedDiscriminator(), config_.pack);
}

bool Trainer::checkFinite(double loss, const Vector& grad, const char* who) {
  const double gradNorm2 = grad.cast<double>().squaredNorm();
  if (std::isfinite(loss) && std::isfinite(gradNorm2)) return true;
  divergence_ = divergenceMessage(config_, step_, who[0] == 'd', loss, gradNorm2);
  MetricsRow row;
  row.step = step_;
  row.lossD = stats_.lossD;
  row.lossG = stats_.lossG;
  history_.push_back(row);
  return false;
}

// [SECTION] Metrics and state

void Trainer::recordMetrics() {
  if (diverged()) return;
  stopOnError("the metrics", [this] { recordMetricsUnguarded(); });
}

void Trainer::recordMetricsUnguarded() {
  MetricsRow row;
  row.step = step_;
  row.lossD = stats_.lossD;
  row.lossG = stats_.lossG;
  row.penalty = stats_.penalty;
  row.dReal = stats_.dReal;
  row.dFake = stats_.dFake;
  row.gradNormD = stats_.gradNormD;
  row.gradNormG = stats_.gradNormG;
  if (config_.data.kind == DataKind::Dirac) {
    row.theta = generator_.parameters()[0];
    row.psi = discriminator_.parameters()[0];
  }
  evaluator_->measure(generator_, row);
  history_.push_back(row);
}

TrainerState Trainer::saveState(bool withHistory) const {
  pullOptimizers();
  TrainerState state;
  state.config = config_;
  state.step = step_;
  state.generatorParameters = generator_.parameters();
  state.discriminatorParameters = discriminator_.parameters();
  state.generatorOptimizer = generatorOptimizer_;
  state.discriminatorOptimizer = discriminatorOptimizer_;
  state.rng = rng_;
  state.spectralNorm = spectralNorm_;
  state.lastStats = stats_;
  if (withHistory) state.history = history_;
  state.divergence = divergence_;
  return state;
}

void Trainer::restoreState(const TrainerState& state) {
  throwIfInvalid(state.config);
  config_ = state.config;
  build();
  if (state.generatorParameters.size() != generator_.parameterCount() ||
      state.discriminatorParameters.size() != discriminator_.parameterCount()) {
    throw ConfigError("saved state: its weights do not fit the networks its config describes");
  }
  generator_.parameters() = state.generatorParameters;
  discriminator_.parameters() = state.discriminatorParameters;
  generatorOptimizer_ = state.generatorOptimizer;
  discriminatorOptimizer_ = state.discriminatorOptimizer;
  rng_ = state.rng;
  if (config_.spectralNorm) {
    if (!state.spectralNorm.fits(discriminator_)) {
      throw ConfigError("saved state: its spectral normalisation vectors do not fit the discriminator");
    }
    spectralNorm_ = state.spectralNorm;
    spectralNorm_.normalize(discriminator_, normalizedDiscriminator_);
  }
  step_ = state.step;
  stats_ = state.lastStats;
  history_ = state.history;
  divergence_ = state.divergence;
}

}  // namespace ganscope
