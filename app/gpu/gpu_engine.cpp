#include "app/gpu/gpu_engine.h"

#include <GL/glcorearb.h>

#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "app/gpu/command_list.h"
#include "app/gpu/compute_context.h"
#include "app/gpu/compute_kernel.h"
#include "core/gan/instance_noise.h"

namespace ganscope {
namespace {

// [SECTION] What the kernels and the host agree on

// The statistics slots, floats at the arena's `stats` offset (train_ops.glsl's kLossD …).
enum StatSlot {
  kLossD = 0,
  kLossG,
  kPenalty,
  kDReal,
  kDFake,
  kGradNormD,
  kGradNormG,
  kStopLoss,
  kStopGradient,
  kStatSlots = 16
};
// The control words (train_common.glsl's Control): the stop, its step and update, each network's Adam steps.
enum ControlWord {
  kStopped = 0,
  kStopStepLow,
  kStopStepHigh,
  kStopWho,
  kAdamStepsG,
  kAdamStepsD,
  kControlWords = 8
};
// train_ops.glsl's elementwise modes.
enum ElementwiseMode {
  kFill = 0,
  kCopyDraws,
  kCopy,
  kAddNoise,
  kAddDrawsNoise,
  kLatentNormal,
  kLatentUniform,
  kTimesDerivative,
  kSecondDerivative,
  kInterpolate
};
// Philox streams: which draw of an iteration (times 2^16, plus the update's index within the iteration).
enum RandomStream : std::uint32_t { kLatentForD = 1, kLatentForG, kNoiseForD, kNoiseForG, kInterpolation };

std::uint32_t stream(RandomStream kind, int update) {
  return (static_cast<std::uint32_t>(kind) << 16) | update;
}

std::uint32_t groupsOf(long long count, int size) {
  return static_cast<std::uint32_t>((count + size - 1) / size);
}

// The persistent kernel's workgroup (WORKGROUP_SIZE in train_common.glsl): the strides of its loops.
constexpr long long kWorkgroup = 256;
long long tripsOf(long long count) {
  return (count + kWorkgroup - 1) / kWorkgroup;
}
// What llvmpipe lets one invocation loop in all (its loop limiter: 65,535), less a margin; and how far
// CommandList::loopTrips() may undercount them (measured: by 1.5× on a small run, whose 38th iteration was
// cut).
constexpr long long kSoftwareLoopTrips = 60000;
constexpr long long kLoopTripMargin = 4;

// [SECTION] Where everything lives in the arena (float offsets)

// A network: its widths, parameters laid out as Mlp::parameters() (each layer's W, out × in, then its b),
// their gradient and every optimizer buffer.
struct NetworkLayout {
  std::vector<int> widths;
  Activation hidden = Activation::Relu;
  int count = 0;
  int params = 0, grad = 0, velocity = 0, first = 0, second = 0, meanSquare = 0;
  std::vector<int> weight, bias;  // [l - 1], relative to a parameter vector's start
  int layers() const { return static_cast<int>(widths.size()) - 1; }
  Activation activation(int l) const { return l == layers() ? Activation::Identity : hidden; }
  int w(int l) const { return widths[static_cast<std::size_t>(l)]; }
  int weightAt(int base, int l) const { return base + weight[static_cast<std::size_t>(l - 1)]; }
  int biasAt(int base, int l) const { return base + bias[static_cast<std::size_t>(l - 1)]; }
};

// One pass through a network for up to `columns` samples: activations [0..L] (0 the input) and deltas [1..L].
struct PassLayout {
  std::vector<int> activations, deltas;
  int act(int l) const { return activations[static_cast<std::size_t>(l)]; }
  int delta(int l) const { return deltas[static_cast<std::size_t>(l)]; }
};

// A gradient penalty's double backprop (core/nn/input_gradient.cpp's workspace): the forward pass at the
// points, up_l and delta_l of the input-gradient pass, ∇ₓD and its adjoint, and the reverse pass's adjoints.
struct PenaltyLayout {
  PassLayout pass;                                         // deltas [1..L-1]; delta_L is the ones vector
  std::vector<int> up, deltaAdjoint, upAdjoint, zAdjoint;  // [l], 1 ≤ l < L
  int inputGrad = 0, adjoint = 0;
  int at(const std::vector<int>& v, int l) const { return v[static_cast<std::size_t>(l)]; }
};

// What the arena's layout depends on: two configs with the same key share it.
struct LayoutKey {
  NetworkConfig generator, discriminator;
  int latent = 0, dim = 0, batch = 0, pack = 0;
  bool operator==(const LayoutKey&) const = default;
};

LayoutKey layoutKey(const Config& config, int dim) {
  return {config.generator, config.discriminator, config.latent.dim, dim, config.batch, config.pack};
}

// Hands out consecutive float ranges.
struct Allocator {
  long long next = 0;
  int take(long long floats) {
    const long long at = next;
    next += (floats + 3) / 4 * 4;
    if (next > (1LL << 31) - 1)
      throw std::runtime_error("the networks and batch need more than 8 GiB on the GPU");
    return static_cast<int>(at);
  }
};

NetworkLayout layOutNetwork(std::vector<int> widths, Activation hidden, Allocator& arena) {
  NetworkLayout net;
  net.widths = std::move(widths);
  net.hidden = hidden;
  for (int l = 1; l <= net.layers(); ++l) {
    net.weight.push_back(net.count);
    net.count += net.w(l) * net.w(l - 1);
    net.bias.push_back(net.count);
    net.count += net.w(l);
  }
  net.params = arena.take(net.count);
  net.grad = arena.take(net.count);
  net.velocity = arena.take(net.count);
  net.first = arena.take(net.count);
  net.second = arena.take(net.count);
  net.meanSquare = arena.take(net.count);
  return net;
}

PassLayout layOutPass(const NetworkLayout& net, int columns, Allocator& arena, int lastDelta = -1) {
  PassLayout pass;
  for (int l = 0; l <= net.layers(); ++l) pass.activations.push_back(arena.take(1LL * net.w(l) * columns));
  pass.deltas.push_back(-1);
  for (int l = 1; l <= net.layers(); ++l) {
    pass.deltas.push_back(l == net.layers() && lastDelta >= 0 ? lastDelta
                                                              : arena.take(1LL * net.w(l) * columns));
  }
  return pass;
}

// What train_gemm.comp does to a product before storing it.
struct Epilogue {
  int bias = -1;  // a bias per row to add, or none
  int mode = 0;   // 0 none, 1 activation, 2 times f' of the matrix at `output`
  Activation act = Activation::Identity;
  int output = -1;
  bool accumulate = false;  // added to C rather than written
};

// [SECTION] The engine

class GpuEngine final : public IterationEngine {
 public:
  explicit GpuEngine(GpuPath path);
  ~GpuEngine() override;
  std::string device() const override { return context_.rendererName(); }
  bool isSoftware() const override { return context_.isSoftware(); }
  void upload(const Config& config, int dataDim, const EngineState& state) override;
  EngineRun run(const Config& config, long long firstStep, long long iterations,
                const HostDraws& draws) override;
  void download(EngineState& state, bool withOptimizers) override;

 private:
  // Matrix products and their epilogues (train_gemm.comp).
  void product(int m, int n, int k, int a, int lda, bool transA, int b, int ldb, bool transB, int c, int ldc,
               const Epilogue& epilogue = {});
  void elementwise(ElementwiseMode mode, long long count, int dst, int src = 0, int other = 0, int third = 0,
                   float value = 0.0f, Activation act = Activation::Identity, int rows = 1,
                   DrawSource source = DrawSource::None);
  void loss(int which, int logits, int grad);
  void penalty(int rows, int count, int grad, int adjoint, bool zeroCentered, double scale);
  void gradientCheck(bool discriminator);
  void fill(int dst, long long count, float value) { elementwise(kFill, count, dst, 0, 0, 0, value); }

  // The passes (core/nn/mlp.cpp and core/nn/input_gradient.cpp in kernels).
  void forward(const NetworkLayout& net, const PassLayout& pass, int columns);
  void backward(const NetworkLayout& net, const PassLayout& pass, int columns, bool weightGradient,
                int inputGrad);
  void applyPenalty(bool zeroCentered, double scale);
  // One iteration's pieces (core/gan/trainer.cpp's, in the same order).
  void sampleLatent(RandomStream kind, int update);
  void addNoise(int at, long long count, RandomStream kind, int update);
  void discriminatorGradient(int update);
  void generatorGradient(int update, bool sampleNew);
  void optimizerStep(bool discriminator);
  void setRandom(std::uint32_t streamId);
  // Whether this chunk runs on the persistent kernel (command_list.h) rather than one dispatch an operation.
  bool persistentFor(const Config& config, bool replay) const;
  void runIteration();
  void runPersistent(long long firstStep, long long iterations);

  void layOut(const Config& config, int dim);
  template <typename T>
  void read(GLuint buffer, long long offset, long long count, T* out);
  template <typename T>
  void write(GLuint buffer, long long offset, long long count, const T* in);

  ComputeContext context_;
  ComputeKernel gemm_[4];  // [transA + 2 · transB]
  ComputeKernel elementwise_, loss_, penalty_, stats_, optimizer_, persistent_;
  GLuint arena_ = 0, control_ = 0, draws_ = 0, commands_ = 0, table_ = 0;
  long long drawsFloats_ = 0;
  GpuPath path_;
  CommandList list_;        // the iteration recorded for the persistent kernel
  bool recording_ = false;  // the operations go into list_ rather than being dispatched
  std::uint32_t stream_ = 0;

  // The layout for the config uploaded last.
  bool laidOut_ = false;
  LayoutKey key_;
  int dim_ = 0;
  NetworkLayout g_, d_;
  PassLayout gPass_, dPass_;
  PenaltyLayout penaltyLayout_;
  int stats_slots_ = 0, ones_ = 0, fakeInputGrad_ = 0, onesCount_ = 0;

  // The chunk in progress.
  const Config* config_ = nullptr;
  long long step_ = 0;
  bool replay_ = false;
  long long realCursor_ = 0, latentCursor_ = 0, noiseCursor_ = 0, interpolationCursor_ = 0;
  long long latentBase_ = 0, noiseBase_ = 0, interpolationBase_ = 0;
  long long adamStepsG_ = 0, adamStepsD_ = 0;        // counted by the host as it issues steps
  long long adamUploadedG_ = 0, adamUploadedD_ = 0;  // at the last upload (the GPU counts from there)
};

GpuEngine::GpuEngine(GpuPath path) : path_(path) {
  ComputeContext::Scope scope(context_);
  // Tiles through shared memory on a GPU; on a software renderer the direct sum, far faster there. One
  // program per pair of transposes.
  const std::string direct = context_.isSoftware() ? "#define DIRECT_PRODUCT 1\n" : "";
  for (int variant = 0; variant < 4; ++variant) {
    gemm_[variant] =
        ComputeKernel("train_gemm.comp", direct + ((variant & 1) ? "#define TRANSPOSE_A 1\n" : "") +
                                             ((variant & 2) ? "#define TRANSPOSE_B 1\n" : ""));
  }
  elementwise_ = ComputeKernel("train_elementwise.comp");
  loss_ = ComputeKernel("train_loss.comp");
  penalty_ = ComputeKernel("train_penalty.comp");
  stats_ = ComputeKernel("train_stats.comp");
  optimizer_ = ComputeKernel("train_optimizer.comp");
  persistent_ = ComputeKernel("train_persistent.comp", "#define BUFFER_QUALIFIERS coherent\n");
  GLuint buffers[5];
  glGenBuffers(5, buffers);
  arena_ = buffers[0];
  control_ = buffers[1];
  draws_ = buffers[2];
  commands_ = buffers[3];
  table_ = buffers[4];
  glBindBuffer(GL_SHADER_STORAGE_BUFFER, control_);
  glBufferData(GL_SHADER_STORAGE_BUFFER, kControlWords * sizeof(std::uint32_t), nullptr, GL_DYNAMIC_DRAW);
  glBindBuffer(GL_SHADER_STORAGE_BUFFER, draws_);
  glBufferData(GL_SHADER_STORAGE_BUFFER, 16, nullptr, GL_DYNAMIC_DRAW);
  drawsFloats_ = 4;
  if (glGetError() != GL_NO_ERROR) throw std::runtime_error("OpenGL refused the GPU trainer's buffers");
}

GpuEngine::~GpuEngine() {
  // The window's thread (a GLX context current) cannot make this context current: there the GL objects are
  // left to the context's destruction, which frees them, and no GL call is made in someone else's context.
  ComputeContext::Scope scope(context_, std::nothrow);
  for (ComputeKernel* kernel : {&gemm_[0], &gemm_[1], &gemm_[2], &gemm_[3], &elementwise_, &loss_, &penalty_,
                                &stats_, &optimizer_, &persistent_}) {
    if (scope.active()) {
      *kernel = {};
    } else {
      kernel->abandon();
    }
  }
  if (scope.active()) {
    const GLuint buffers[5] = {arena_, control_, draws_, commands_, table_};
    glDeleteBuffers(5, buffers);
  }
}

template <typename T>
void GpuEngine::read(GLuint buffer, long long offset, long long count, T* out) {
  glBindBuffer(GL_SHADER_STORAGE_BUFFER, buffer);
  glGetBufferSubData(GL_SHADER_STORAGE_BUFFER, static_cast<GLintptr>(offset * sizeof(T)),
                     static_cast<GLsizeiptr>(count * sizeof(T)), out);
}

template <typename T>
void GpuEngine::write(GLuint buffer, long long offset, long long count, const T* in) {
  glBindBuffer(GL_SHADER_STORAGE_BUFFER, buffer);
  glBufferSubData(GL_SHADER_STORAGE_BUFFER, static_cast<GLintptr>(offset * sizeof(T)),
                  static_cast<GLsizeiptr>(count * sizeof(T)), in);
}

void GpuEngine::layOut(const Config& config, int dim) {
  const LayoutKey key = layoutKey(config, dim);
  if (laidOut_ && key == key_) return;
  const int samples = config.batch * config.pack, packs = config.batch;
  Allocator arena;
  std::vector<int> gWidths{config.latent.dim};
  gWidths.insert(gWidths.end(), config.generator.hidden.begin(), config.generator.hidden.end());
  gWidths.push_back(dim);
  std::vector<int> dWidths{dim * config.pack};
  dWidths.insert(dWidths.end(), config.discriminator.hidden.begin(), config.discriminator.hidden.end());
  dWidths.push_back(1);
  g_ = layOutNetwork(gWidths, config.generator.activation, arena);
  d_ = layOutNetwork(dWidths, config.discriminator.activation, arena);
  stats_slots_ = arena.take(kStatSlots);
  onesCount_ = std::max(2 * packs, samples);
  ones_ = arena.take(onesCount_);
  // D's input gradient in G's step is G's output delta: the same memory, dim × samples.
  fakeInputGrad_ = arena.take(1LL * dim * samples);
  gPass_ = layOutPass(g_, samples, arena, fakeInputGrad_);
  dPass_ = layOutPass(d_, 2 * packs, arena);
  PenaltyLayout& p = penaltyLayout_;
  p = {};
  for (int l = 0; l <= d_.layers(); ++l) p.pass.activations.push_back(arena.take(1LL * d_.w(l) * packs));
  p.pass.deltas.assign(static_cast<std::size_t>(d_.layers() + 1), -1);
  p.up = p.deltaAdjoint = p.upAdjoint = p.zAdjoint =
      std::vector<int>(static_cast<std::size_t>(d_.layers()), -1);
  for (int l = 1; l < d_.layers(); ++l) {
    const long long size = 1LL * d_.w(l) * packs;
    p.pass.deltas[static_cast<std::size_t>(l)] = arena.take(size);
    p.up[static_cast<std::size_t>(l)] = arena.take(size);
    p.deltaAdjoint[static_cast<std::size_t>(l)] = arena.take(size);
    p.upAdjoint[static_cast<std::size_t>(l)] = arena.take(size);
    p.zAdjoint[static_cast<std::size_t>(l)] = arena.take(size);
  }
  p.pass.deltas[static_cast<std::size_t>(d_.layers())] = ones_;  // delta_L = 1: the input gradient's seed
  p.inputGrad = arena.take(1LL * d_.w(0) * packs);
  p.adjoint = arena.take(1LL * d_.w(0) * packs);

  glBindBuffer(GL_SHADER_STORAGE_BUFFER, arena_);
  glBufferData(GL_SHADER_STORAGE_BUFFER, static_cast<GLsizeiptr>(arena.next * sizeof(float)), nullptr,
               GL_DYNAMIC_DRAW);
  if (glGetError() != GL_NO_ERROR) {
    laidOut_ = false;
    throw std::runtime_error("the GPU has no room for " + std::to_string(arena.next * 4 / (1 << 20)) +
                             " MiB of networks and batches");
  }
  glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 0, arena_);
  glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 1, control_);
  glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 2, draws_);
  const std::vector<float> ones(static_cast<std::size_t>(onesCount_), 1.0f);
  write(arena_, ones_, onesCount_, ones.data());
  key_ = key;
  dim_ = dim;
  laidOut_ = true;
}

// [SECTION] Upload and download

void GpuEngine::upload(const Config& config, int dataDim, const EngineState& state) {
  ComputeContext::Scope scope(context_);
  layOut(config, dataDim);
  if (state.generatorParameters.size() != g_.count || state.discriminatorParameters.size() != d_.count)
    throw std::logic_error("GPU trainer: the state does not fit the config's networks");

  const auto writeNetwork = [&](const NetworkLayout& net, const Vector& params, const Optimizer& optimizer) {
    write(arena_, net.params, net.count, params.data());
    const std::vector<float> zeros(static_cast<std::size_t>(net.count), 0.0f);
    const auto stateOrZeros = [&](const Vector& v) {
      return v.size() == net.count ? v.data() : zeros.data();
    };
    write(arena_, net.grad, net.count, zeros.data());
    write(arena_, net.velocity, net.count, stateOrZeros(optimizer.velocity()));
    write(arena_, net.first, net.count, stateOrZeros(optimizer.firstMoment()));
    write(arena_, net.second, net.count, stateOrZeros(optimizer.secondMoment()));
    write(arena_, net.meanSquare, net.count, stateOrZeros(optimizer.meanSquare()));
  };
  writeNetwork(g_, state.generatorParameters, state.generatorOptimizer);
  writeNetwork(d_, state.discriminatorParameters, state.discriminatorOptimizer);
  const UpdateStats& s = state.lastStats;
  float stats[kStatSlots] = {};
  stats[kLossD] = static_cast<float>(s.lossD);
  stats[kLossG] = static_cast<float>(s.lossG);
  stats[kPenalty] = static_cast<float>(s.penalty);
  stats[kDReal] = static_cast<float>(s.dReal);
  stats[kDFake] = static_cast<float>(s.dFake);
  stats[kGradNormD] = static_cast<float>(s.gradNormD);
  stats[kGradNormG] = static_cast<float>(s.gradNormG);
  write(arena_, stats_slots_, kStatSlots, stats);
  const std::uint32_t control[kControlWords] = {};
  write(control_, 0, kControlWords, control);
  adamStepsG_ = adamUploadedG_ = state.generatorOptimizer.adamSteps();
  adamStepsD_ = adamUploadedD_ = state.discriminatorOptimizer.adamSteps();
  if (glGetError() != GL_NO_ERROR) throw std::runtime_error("OpenGL refused the GPU trainer's upload");
}

void GpuEngine::download(EngineState& state, bool withOptimizers) {
  ComputeContext::Scope scope(context_);
  std::uint32_t control[kControlWords];
  read(control_, 0, kControlWords, control);
  const auto readNetwork = [&](const NetworkLayout& net, Vector& params, Optimizer& optimizer,
                               long long adamSteps) {
    params.resize(net.count);
    read(arena_, net.params, net.count, params.data());
    if (!withOptimizers) return;
    Vector velocity(net.count), first(net.count), second(net.count), meanSquare(net.count);
    read(arena_, net.velocity, net.count, velocity.data());
    read(arena_, net.first, net.count, first.data());
    read(arena_, net.second, net.count, second.data());
    read(arena_, net.meanSquare, net.count, meanSquare.data());
    optimizer.restore(std::move(velocity), std::move(first), std::move(second), std::move(meanSquare),
                      adamSteps);
  };
  readNetwork(g_, state.generatorParameters, state.generatorOptimizer, adamUploadedG_ + control[kAdamStepsG]);
  readNetwork(d_, state.discriminatorParameters, state.discriminatorOptimizer,
              adamUploadedD_ + control[kAdamStepsD]);
  float stats[kStatSlots];
  read(arena_, stats_slots_, kStatSlots, stats);
  state.lastStats = {stats[kLossD], stats[kLossG],     stats[kPenalty],  stats[kDReal],
                     stats[kDFake], stats[kGradNormD], stats[kGradNormG]};
  if (glGetError() != GL_NO_ERROR) throw std::runtime_error("OpenGL refused the GPU trainer's download");
}

// [SECTION] Kernels

void GpuEngine::product(int m, int n, int k, int a, int lda, bool transA, int b, int ldb, bool transB, int c,
                        int ldc, const Epilogue& e) {
  if (recording_) {
    list_.add(CommandOp::Product, {m, n, k, a, lda, transA ? 1 : 0, b, ldb, transB ? 1 : 0, c, ldc, e.bias,
                                   e.mode, static_cast<int>(e.act), e.output, e.accumulate ? 1 : 0});
    list_.countTrips(tripsOf(1LL * m * n) * (k + 1));
    return;
  }
  ComputeKernel& gemm = gemm_[(transA ? 1 : 0) + (transB ? 2 : 0)];
  gemm.set("u_m", m).set("u_n", n).set("u_k", k);
  gemm.set("u_a", a).set("u_lda", lda).set("u_b", b).set("u_ldb", ldb);
  gemm.set("u_c", c).set("u_ldc", ldc).set("u_bias", e.bias).set("u_epilogue", e.mode);
  gemm.set("u_act", static_cast<int>(e.act)).set("u_d", e.output).set("u_accumulate", e.accumulate ? 1 : 0);
  const int span = context_.isSoftware() ? 32 : 16;  // what one workgroup covers (train_gemm.comp)
  gemm.dispatch(groupsOf(m, span), groupsOf(n, span));
}

void GpuEngine::elementwise(ElementwiseMode mode, long long count, int dst, int src, int other, int third,
                            float value, Activation act, int rows, DrawSource source) {
  if (recording_) {
    // Instance noise's standard deviation anneals: the persistent kernel reads it per iteration from the
    // table.
    const int slot = mode == kAddNoise ? list_.slot(TableUse::NoiseStd) : -1;
    list_.add(CommandOp::Elementwise,
              {static_cast<int>(mode), static_cast<int>(count), dst, src, other, third, rows,
               static_cast<int>(act), CommandList::word(value)},
              source, slot, stream_);
    list_.countTrips(tripsOf(count));
    return;
  }
  elementwise_.set("u_mode", static_cast<int>(mode))
      .set("u_count", static_cast<int>(count))
      .set("u_dst", dst);
  elementwise_.set("u_src", src).set("u_other", other).set("u_third", third).set("u_value", value);
  elementwise_.set("u_act", static_cast<int>(act)).set("u_rows", rows);
  elementwise_.dispatch(groupsOf(count, 256));
}

void GpuEngine::loss(int which, int logits, int grad) {
  if (recording_) {
    list_.add(CommandOp::Loss,
              {which, static_cast<int>(config_->loss), config_->batch, logits, grad, stats_slots_});
    list_.countTrips(tripsOf(config_->batch) + 24);  // the sum, and the reduction's rounds (three sums each)
    return;
  }
  loss_.set("u_which", which).set("u_loss", static_cast<int>(config_->loss)).set("u_batch", config_->batch);
  loss_.set("u_logits", logits).set("u_grad", grad).set("u_stats", stats_slots_);
  loss_.dispatch(1);
}

void GpuEngine::penalty(int rows, int count, int grad, int adjoint, bool zeroCentered, double scale) {
  if (recording_) {
    list_.add(CommandOp::Penalty, {rows, count, grad, adjoint, stats_slots_, zeroCentered ? 1 : 0,
                                   CommandList::word(static_cast<float>(scale))});
    list_.countTrips(tripsOf(count) * (2 * rows + 1) + 8);
    return;
  }
  penalty_.set("u_rows", rows).set("u_count", count).set("u_grad", grad).set("u_adjoint", adjoint);
  penalty_.set("u_stats", stats_slots_).set("u_zeroCentered", zeroCentered ? 1 : 0);
  penalty_.set("u_scale", static_cast<float>(scale));
  penalty_.dispatch(1);
}

void GpuEngine::gradientCheck(bool discriminator) {
  const NetworkLayout& net = discriminator ? d_ : g_;
  if (recording_) {
    list_.add(CommandOp::GradientCheck, {net.grad, net.count, stats_slots_, discriminator ? 1 : 0});
    list_.countTrips(tripsOf(net.count) + 8);
    return;
  }
  const auto step = static_cast<std::uint64_t>(step_);  // a stop records it
  stats_.set("u_step", static_cast<std::uint32_t>(step), static_cast<std::uint32_t>(step >> 32));
  stats_.set("u_grad", net.grad).set("u_count", net.count).set("u_stats", stats_slots_);
  stats_.set("u_discriminator", discriminator ? 1 : 0);
  stats_.dispatch(1);
}

void GpuEngine::setRandom(std::uint32_t streamId) {
  stream_ = streamId;
  if (recording_) return;
  const auto seed = static_cast<std::uint64_t>(config_->seed);
  const auto step = static_cast<std::uint64_t>(step_);
  elementwise_.set("u_seed", static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32));
  elementwise_.set("u_step", static_cast<std::uint32_t>(step), static_cast<std::uint32_t>(step >> 32));
  elementwise_.setUnsigned("u_stream", streamId);
}

// Mlp::forward: a_l = f_l(W_l a_{l-1} + b_l).
void GpuEngine::forward(const NetworkLayout& net, const PassLayout& pass, int columns) {
  for (int l = 1; l <= net.layers(); ++l) {
    product(net.w(l), columns, net.w(l - 1), net.weightAt(net.params, l), net.w(l), false, pass.act(l - 1),
            net.w(l - 1), false, pass.act(l), net.w(l),
            {.bias = net.biasAt(net.params, l), .mode = 1, .act = net.activation(l)});
  }
}

// Mlp::backward (Rumelhart, Hinton & Williams 1986) from pass.delta(L), which holds dL/d(output) (outputs are
// identity): dW_l += δ_l a_{l-1}ᵀ, db_l += Σ δ_l, δ_{l-1} = (W_lᵀ δ_l) ⊙ f'(a_{l-1}), and dL/dx = W_1ᵀ δ_1.
void GpuEngine::backward(const NetworkLayout& net, const PassLayout& pass, int columns, bool weightGradient,
                         int inputGrad) {
  for (int l = net.layers(); l >= 1; --l) {
    if (weightGradient) {
      product(net.w(l), net.w(l - 1), columns, pass.delta(l), net.w(l), false, pass.act(l - 1), net.w(l - 1),
              true, net.weightAt(net.grad, l), net.w(l), {.accumulate = true});
      product(net.w(l), 1, columns, pass.delta(l), net.w(l), false, ones_, columns, false,
              net.biasAt(net.grad, l), net.w(l), {.accumulate = true});
    }
    const int target = l > 1 ? pass.delta(l - 1) : inputGrad;
    if (target < 0) continue;
    Epilogue epilogue;
    if (l > 1) epilogue = {.mode = 2, .act = net.activation(l - 1), .output = pass.act(l - 1)};
    product(net.w(l - 1), columns, net.w(l), net.weightAt(net.params, l), net.w(l), true, pass.delta(l),
            net.w(l), false, target, net.w(l - 1), epilogue);
  }
}

// applyGradientPenalty with computeInputGradients and accumulateInputGradientAdjoint (Drucker & Le Cun 1992),
// on the points in the penalty pass's input; adds ∂P/∂θ_D to D's gradient and P to the penalty slot.
void GpuEngine::applyPenalty(bool zeroCentered, double scale) {
  const NetworkLayout& d = d_;
  const PenaltyLayout& p = penaltyLayout_;
  const int n = config_->batch, layers = d.layers();
  forward(d, p.pass, n);
  for (int l = layers - 1; l >= 1; --l) {
    product(d.w(l), n, d.w(l + 1), d.weightAt(d.params, l + 1), d.w(l + 1), true, p.pass.delta(l + 1),
            d.w(l + 1), false, p.at(p.up, l), d.w(l));
    elementwise(kTimesDerivative, 1LL * d.w(l) * n, p.pass.delta(l), p.at(p.up, l), p.pass.act(l), 0, 0.0f,
                d.activation(l));
  }
  product(d.w(0), n, d.w(1), d.weightAt(d.params, 1), d.w(1), true, p.pass.delta(1), d.w(1), false,
          p.inputGrad, d.w(0));
  penalty(d.w(0), n, p.inputGrad, p.adjoint, zeroCentered, scale);

  // Reverse of g = W_1ᵀ δ_1.
  product(d.w(1), d.w(0), n, p.pass.delta(1), d.w(1), false, p.adjoint, d.w(0), true, d.weightAt(d.grad, 1),
          d.w(1), {.accumulate = true});
  if (layers == 1) return;
  product(d.w(1), n, d.w(0), d.weightAt(d.params, 1), d.w(1), false, p.adjoint, d.w(0), false,
          p.at(p.deltaAdjoint, 1), d.w(1));
  // Reverse of the backward pass, layer 1 upwards.
  for (int l = 1; l < layers; ++l) {
    const long long size = 1LL * d.w(l) * n;
    elementwise(kTimesDerivative, size, p.at(p.upAdjoint, l), p.at(p.deltaAdjoint, l), p.pass.act(l), 0, 0.0f,
                d.activation(l));
    if (d.activation(l) == Activation::Relu || d.activation(l) == Activation::LeakyRelu) {
      fill(p.at(p.zAdjoint, l), size, 0.0f);
    } else {
      elementwise(kSecondDerivative, size, p.at(p.zAdjoint, l), p.at(p.deltaAdjoint, l), p.pass.act(l),
                  p.at(p.up, l), 0.0f, d.activation(l));
    }
    product(d.w(l + 1), d.w(l), n, p.pass.delta(l + 1), d.w(l + 1), false, p.at(p.upAdjoint, l), d.w(l), true,
            d.weightAt(d.grad, l + 1), d.w(l + 1), {.accumulate = true});
    if (l + 1 < layers) {
      product(d.w(l + 1), n, d.w(l), d.weightAt(d.params, l + 1), d.w(l + 1), false, p.at(p.upAdjoint, l),
              d.w(l), false, p.at(p.deltaAdjoint, l + 1), d.w(l + 1));
    }
  }
  // The z adjoints flow back through the forward pass.
  for (int l = layers - 1; l >= 1; --l) {
    product(d.w(l), d.w(l - 1), n, p.at(p.zAdjoint, l), d.w(l), false, p.pass.act(l - 1), d.w(l - 1), true,
            d.weightAt(d.grad, l), d.w(l), {.accumulate = true});
    product(d.w(l), 1, n, p.at(p.zAdjoint, l), d.w(l), false, ones_, n, false, d.biasAt(d.grad, l), d.w(l),
            {.accumulate = true});
    if (l > 1) {
      product(d.w(l - 1), n, d.w(l), d.weightAt(d.params, l), d.w(l), true, p.at(p.zAdjoint, l), d.w(l),
              false, p.at(p.zAdjoint, l - 1), d.w(l - 1),
              {.mode = 2, .act = d.activation(l - 1), .output = p.pass.act(l - 1), .accumulate = true});
    }
  }
}

// [SECTION] One iteration, as Trainer::iterateSteps

void GpuEngine::sampleLatent(RandomStream kind, int update) {
  const long long count = 1LL * config_->latent.dim * config_->batch * config_->pack;
  if (replay_) {
    elementwise(kCopyDraws, count, gPass_.act(0), static_cast<int>(latentBase_ + latentCursor_), 0, 0, 0.0f,
                Activation::Identity, 1, DrawSource::Latent);
    latentCursor_ += count;
  } else {
    setRandom(stream(kind, update));
    elementwise(config_->latent.dist == LatentDistribution::Gaussian ? kLatentNormal : kLatentUniform, count,
                gPass_.act(0));
  }
  forward(g_, gPass_, config_->batch * config_->pack);
}

void GpuEngine::addNoise(int at, long long count, RandomStream kind, int update) {
  const double std = instanceNoiseStd(*config_, step_);
  if (std <= 0.0) return;
  if (replay_) {
    elementwise(kAddDrawsNoise, count, at, static_cast<int>(noiseBase_ + noiseCursor_), 0, 0, 0.0f,
                Activation::Identity, 1, DrawSource::Noise);
    noiseCursor_ += count;
  } else {
    setRandom(stream(kind, update));
    elementwise(kAddNoise, count, at, 0, 0, 0, static_cast<float>(std));
  }
}

// Trainer::computeDiscriminatorGradient: D on [real | G(z)] (plus instance noise), its loss, backward,
// penalties.
void GpuEngine::discriminatorGradient(int update) {
  const Config& c = *config_;
  const int packs = c.batch, rows = d_.w(0);
  const long long half = 1LL * rows * packs;  // the real half of D's input, dim × samples
  const int input = dPass_.act(0);
  elementwise(kCopyDraws, half, input, static_cast<int>(realCursor_), 0, 0, 0.0f, Activation::Identity, 1,
              DrawSource::Real);
  realCursor_ += half;
  sampleLatent(kLatentForD, update);
  elementwise(kCopy, half, static_cast<int>(input + half), gPass_.act(g_.layers()));
  addNoise(input, 2 * half, kNoiseForD, update);
  forward(d_, dPass_, 2 * packs);
  loss(0, dPass_.act(d_.layers()), dPass_.delta(d_.layers()));
  fill(d_.grad, d_.count, 0.0f);
  backward(d_, dPass_, 2 * packs, true, -1);
  const int points = penaltyLayout_.pass.act(0);
  if (c.loss == LossKind::WganGp && c.penalty.gp > 0.0) {
    // x̂ = αx + (1 − α)G(z), α ~ U[0, 1] per pack (Gulrajani et al. 2017, Algorithm 1).
    int alphas = -1;
    if (replay_) {
      alphas = static_cast<int>(interpolationBase_ + interpolationCursor_);
      interpolationCursor_ += packs;
    } else {
      setRandom(stream(kInterpolation, update));
    }
    elementwise(kInterpolate, half, points, input, static_cast<int>(input + half), alphas, 0.0f,
                Activation::Identity, rows, replay_ ? DrawSource::Interpolation : DrawSource::None);
    applyPenalty(false, c.penalty.gp);
  }
  if (c.penalty.r1 > 0.0) {
    elementwise(kCopy, half, points, input);
    applyPenalty(true, c.penalty.r1 / 2.0);
  }
  if (c.penalty.r2 > 0.0) {
    elementwise(kCopy, half, points, static_cast<int>(input + half));
    applyPenalty(true, c.penalty.r2 / 2.0);
  }
  gradientCheck(true);
}

// Trainer::computeGeneratorGradient: G's samples through D (plus instance noise), L_G, back through D to its
// input, then through G.
void GpuEngine::generatorGradient(int update, bool sampleNew) {
  const Config& c = *config_;
  const int packs = c.batch;
  const long long size = 1LL * d_.w(0) * packs;
  if (sampleNew) sampleLatent(kLatentForG, update);
  const int input = dPass_.act(0);
  elementwise(kCopy, size, input, gPass_.act(g_.layers()));
  addNoise(input, size, kNoiseForG, update);
  forward(d_, dPass_, packs);
  loss(1, dPass_.act(d_.layers()), dPass_.delta(d_.layers()));
  backward(d_, dPass_, packs, false, fakeInputGrad_);
  fill(g_.grad, g_.count, 0.0f);
  backward(g_, gPass_, c.batch * c.pack, true, -1);
  gradientCheck(false);
}

void GpuEngine::optimizerStep(bool discriminator) {
  const NetworkLayout& net = discriminator ? d_ : g_;
  const OptimizerConfig& o = discriminator ? config_->optimizer.d : config_->optimizer.g;
  long long& adamSteps = discriminator ? adamStepsD_ : adamStepsG_;
  float stepSize = 0.0f, rootCorrection = 1.0f;
  int slot = -1;
  if (o.kind == OptimizerKind::Adam && recording_) {
    // The persistent kernel reads each iteration's step size and correction from the table (runPersistent).
    slot = list_.slot(discriminator ? TableUse::DiscriminatorAdam : TableUse::GeneratorAdam);
  } else if (o.kind == OptimizerKind::Adam) {
    // As Optimizer::step: the step count t and its bias corrections, in double on the host.
    const double t = static_cast<double>(++adamSteps);
    stepSize = static_cast<float>(o.lr / (1.0 - std::pow(o.beta1, t)));
    rootCorrection = static_cast<float>(std::sqrt(1.0 - std::pow(o.beta2, t)));
  }
  const bool clip = discriminator && config_->loss == LossKind::Wgan;
  if (recording_) {
    using W = CommandList;
    list_.add(CommandOp::Optimizer,
              {net.count,
               net.params,
               net.grad,
               net.velocity,
               net.first,
               net.second,
               net.meanSquare,
               static_cast<int>(o.kind),
               discriminator ? kAdamStepsD : kAdamStepsG,
               clip ? 1 : 0,
               W::word(static_cast<float>(o.lr)),
               W::word(static_cast<float>(o.beta1)),
               W::word(static_cast<float>(o.beta2)),
               W::word(static_cast<float>(1.0 - o.beta1)),
               W::word(static_cast<float>(1.0 - o.beta2)),
               W::word(static_cast<float>(o.momentum)),
               W::word(static_cast<float>(o.rho)),
               W::word(static_cast<float>(o.eps)),
               W::word(stepSize),
               W::word(rootCorrection),
               W::word(static_cast<float>(config_->penalty.clip))},
              DrawSource::None, slot);
    list_.countTrips(tripsOf(net.count));
    return;
  }
  optimizer_.set("u_count", net.count).set("u_params", net.params).set("u_grad", net.grad);
  optimizer_.set("u_velocity", net.velocity).set("u_first", net.first).set("u_second", net.second);
  optimizer_.set("u_meanSquare", net.meanSquare).set("u_kind", static_cast<int>(o.kind));
  optimizer_.set("u_adamCounter", discriminator ? kAdamStepsD : kAdamStepsG).set("u_clip", clip ? 1 : 0);
  optimizer_.set("u_lr", static_cast<float>(o.lr)).set("u_beta1", static_cast<float>(o.beta1));
  optimizer_.set("u_beta2", static_cast<float>(o.beta2)).set("u_c1", static_cast<float>(1.0 - o.beta1));
  optimizer_.set("u_c2", static_cast<float>(1.0 - o.beta2)).set("u_momentum", static_cast<float>(o.momentum));
  optimizer_.set("u_rho", static_cast<float>(o.rho)).set("u_eps", static_cast<float>(o.eps));
  optimizer_.set("u_stepSize", stepSize).set("u_rootCorrection", rootCorrection);
  optimizer_.set("u_clipValue", static_cast<float>(config_->penalty.clip));
  optimizer_.dispatch(groupsOf(net.count, 256));
}

// Trainer::iterateSteps.
void GpuEngine::runIteration() {
  if (config_->update == UpdateOrder::Simultaneous) {
    // Both gradients at the same (θ_G, θ_D) and on the same fake batch, then both steps.
    discriminatorGradient(0);
    generatorGradient(0, false);
    optimizerStep(true);
    optimizerStep(false);
  } else {
    for (int k = 0; k < config_->dSteps; ++k) {
      discriminatorGradient(k);
      optimizerStep(true);
    }
    for (int k = 0; k < config_->gSteps; ++k) {
      generatorGradient(k, true);
      optimizerStep(false);
    }
  }
}

bool GpuEngine::persistentFor(const Config& config, bool replay) const {
  // A replayed run whose instance noise anneals draws less noise once it reaches 0: its draws do not move on
  // by the same amount every iteration, which the command list assumes.
  if (replay && config.instanceNoise > 0.0 && config.instanceNoiseAnneal > 0) return false;
  switch (path_) {
    case GpuPath::Dispatch:
      return false;
    case GpuPath::Persistent:
      return true;
    case GpuPath::Auto:
      break;
  }
  // One workgroup computes everything: right for small networks on a GPU, where launches cost more than the
  // work; a software renderer runs one workgroup on one core, so there each operation's dispatch spreads over
  // all.
  return !context_.isSoftware() && iterationFlops(config) < kPersistentMaxFlops;
}

// Records one iteration as commands, then runs `iterations` of them in one dispatch of the persistent kernel
// (on a software renderer, as many dispatches as its loop limiter needs; one iteration over it runs dispatch
// by dispatch).
void GpuEngine::runPersistent(long long firstStep, long long iterations) {
  list_.clear();
  recording_ = true;
  step_ = firstStep;
  runIteration();
  recording_ = false;
  long long perDispatch = iterations;
  if (context_.isSoftware()) {
    perDispatch = kSoftwareLoopTrips / (kLoopTripMargin * list_.loopTrips());
    if (perDispatch == 0) {
      realCursor_ = latentCursor_ = noiseCursor_ = interpolationCursor_ = 0;
      for (long long i = 0; i < iterations; ++i) {
        step_ = firstStep + i;
        runIteration();
      }
      return;
    }
  }
  // Each kind of draw moves on by what one iteration read of it.
  long long strides[static_cast<int>(DrawSource::Count)] = {};
  strides[static_cast<int>(DrawSource::Real)] = realCursor_;
  strides[static_cast<int>(DrawSource::Latent)] = latentCursor_;
  strides[static_cast<int>(DrawSource::Noise)] = noiseCursor_;
  strides[static_cast<int>(DrawSource::Interpolation)] = interpolationCursor_;
  list_.setStrides(strides);

  // The table: per iteration, instance noise's standard deviation and Adam's factors, as Optimizer::step
  // counts.
  const std::vector<TableUse>& slots = list_.slots();
  const int stride = 2 * std::max<int>(1, static_cast<int>(slots.size()));
  std::vector<float> table(static_cast<std::size_t>(stride * iterations), 0.0f);
  for (long long i = 0; i < iterations; ++i) {
    for (std::size_t s = 0; s < slots.size(); ++s) {
      float* entry = &table[static_cast<std::size_t>(i * stride) + 2 * s];
      if (slots[s] == TableUse::NoiseStd) {
        entry[0] = static_cast<float>(instanceNoiseStd(*config_, firstStep + i));
        continue;
      }
      const bool discriminator = slots[s] == TableUse::DiscriminatorAdam;
      const OptimizerConfig& o = discriminator ? config_->optimizer.d : config_->optimizer.g;
      const double t = static_cast<double>(++(discriminator ? adamStepsD_ : adamStepsG_));
      entry[0] = static_cast<float>(o.lr / (1.0 - std::pow(o.beta1, t)));
      entry[1] = static_cast<float>(std::sqrt(1.0 - std::pow(o.beta2, t)));
    }
  }
  glBindBuffer(GL_SHADER_STORAGE_BUFFER, commands_);
  glBufferData(GL_SHADER_STORAGE_BUFFER, static_cast<GLsizeiptr>(list_.words().size() * sizeof(std::int32_t)),
               list_.words().data(), GL_DYNAMIC_DRAW);
  glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 3, commands_);
  glBindBuffer(GL_SHADER_STORAGE_BUFFER, table_);
  glBufferData(GL_SHADER_STORAGE_BUFFER, static_cast<GLsizeiptr>(table.size() * sizeof(float)), table.data(),
               GL_DYNAMIC_DRAW);
  glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 4, table_);
  const auto seed = static_cast<std::uint64_t>(config_->seed);
  const auto first = static_cast<std::uint64_t>(firstStep);
  persistent_.set("u_commands", list_.count()).set("u_tableStride", stride);
  persistent_.set("u_seed", static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32));
  persistent_.set("u_firstStep", static_cast<std::uint32_t>(first), static_cast<std::uint32_t>(first >> 32));
  for (long long done = 0; done < iterations; done += perDispatch) {
    persistent_.set("u_firstIteration", static_cast<int>(done));
    persistent_.set("u_iterations", static_cast<int>(std::min(perDispatch, iterations - done)));
    persistent_.dispatch(1);
  }
}

EngineRun GpuEngine::run(const Config& config, long long firstStep, long long iterations,
                         const HostDraws& draws) {
  ComputeContext::Scope scope(context_);
  if (!laidOut_ || !(layoutKey(config, dim_) == key_))
    throw std::logic_error("GPU trainer: run() with networks or a batch that were not uploaded");
  if (!gpuTrainerUnsupported(config).empty())
    throw std::logic_error("GPU trainer: " + gpuTrainerUnsupported(config));
  config_ = &config;
  replay_ = draws.replay();
  // The host's draws, one after another in one buffer: real, then (replay) latent, noise, interpolation.
  realCursor_ = latentCursor_ = noiseCursor_ = interpolationCursor_ = 0;
  latentBase_ = static_cast<long long>(draws.real.size());
  noiseBase_ = latentBase_ + static_cast<long long>(draws.latent.size());
  interpolationBase_ = noiseBase_ + static_cast<long long>(draws.instanceNoise.size());
  const long long total = interpolationBase_ + static_cast<long long>(draws.interpolation.size());
  glBindBuffer(GL_SHADER_STORAGE_BUFFER, draws_);
  if (total > drawsFloats_) {
    drawsFloats_ = total;
    glBufferData(GL_SHADER_STORAGE_BUFFER, static_cast<GLsizeiptr>(total * sizeof(float)), nullptr,
                 GL_DYNAMIC_DRAW);
    glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 2, draws_);
  }
  write(draws_, 0, latentBase_, draws.real.data());
  if (replay_) {
    write(draws_, latentBase_, noiseBase_ - latentBase_, draws.latent.data());
    write(draws_, noiseBase_, interpolationBase_ - noiseBase_, draws.instanceNoise.data());
    write(draws_, interpolationBase_, total - interpolationBase_, draws.interpolation.data());
  }

  if (persistentFor(config, replay_)) {
    runPersistent(firstStep, iterations);
  } else {
    for (long long i = 0; i < iterations; ++i) {
      step_ = firstStep + i;
      runIteration();
    }
  }
  config_ = nullptr;
  std::uint32_t control[kControlWords];
  read(control_, 0, kControlWords, control);
  if (glGetError() != GL_NO_ERROR) throw std::runtime_error("OpenGL reported an error while training");
  EngineRun result;
  result.iterations = iterations;
  if (control[kStopped] != 0) {
    const long long stopStep = static_cast<long long>(control[kStopStepLow]) |
                               (static_cast<long long>(control[kStopStepHigh]) << 32);
    float stopped[2];
    read(arena_, stats_slots_ + kStopLoss, 2, stopped);
    result.iterations = stopStep - firstStep;
    result.diverged = true;
    result.divergence = {stopStep, control[kStopWho] != 0, stopped[0], stopped[1]};
  }
  return result;
}

}  // namespace

std::unique_ptr<IterationEngine> makeGpuEngine(std::string& whyNot, GpuPath path) {
  try {
    return std::make_unique<GpuEngine>(path);
  } catch (const std::exception& e) {
    whyNot = std::string("no GPU trainer here: ") + e.what();
    return nullptr;
  }
}

std::unique_ptr<IterationEngine> makeGpuEngine(std::string& whyNot) {
  // GANSCOPE_GPU_PATH=dispatch|persistent: the benchmark's way of timing both paths on one device.
  const char* chosen = std::getenv("GANSCOPE_GPU_PATH");
  const std::string_view path = chosen != nullptr ? chosen : "";
  return makeGpuEngine(whyNot, path == "dispatch"     ? GpuPath::Dispatch
                               : path == "persistent" ? GpuPath::Persistent
                                                      : GpuPath::Auto);
}

}  // namespace ganscope
