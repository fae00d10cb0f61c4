// The session file, version 2 (version 1 is read too). Every integer is little-endian; every float and double
// is stored as its IEEE-754 bits, so a session reads back bit for bit (NaN payloads included). A "string" is
// a u64 byte count, then the bytes; "floats" is a u64 count, then that many f32.
//
//   "ganscope session\n"    17 bytes of magic
//   u32 version              kSessionVersion (2); a later version is refused, and 0 is not one
//   section "STAT"           the trainer state: one state record, with its metrics history
//   section "CKPT"           the rewind checkpoints: u64 count, then that many state records without history
//   section "VIEW"           the window's view state: the section's bytes as they are
//   nothing after the last section
//
// A section is a 4-byte tag, a u64 byte length, then that many bytes, which its contents must fill exactly.
//
// A state record (TrainerState), in this order:
//   string config            configJsonText(config), the one JSON mapping (new config keys need nothing here)
//   i64 step                 at least 0
//   floats × 2               the generator's, then the discriminator's parameters (Mlp's flat layout)
//   optimizer × 2            G's, then D's: floats velocity, floats first moment, floats second moment,
//                            floats mean square (each one entry per parameter), i64 Adam steps (at least 0)
//   rng                      4 × u64 xoshiro256** words, u8 spare normal kept (0 or 1), f64 the spare normal
//   spectral norm            u64 layers, then per layer floats u_l, floats v_l; then floats σ
//   last stats               7 × f64: lossD, lossG, penalty, dReal, dFake, gradNormD, gradNormG
//   history                  (the STAT record only) u64 rows, each 184 bytes: i64 step, then MetricsRow's
//                            other fields in their declared order, f64 each but the u64 masks (captured,
//                            held); a conditional run's rows then have f64 classAccuracy (192 bytes). Version
//                            1 rows lack offData and G's centre (160 bytes; 168 conditional): read as NaN
//   string divergence
//
// Reading checks every count against the bytes left before allocating; then that each config parses and
// validates, and that the weights, the optimizer buffers and (with spectral_norm on) the power-iteration
// vectors fit the networks the config describes. The shapes are computed from the config as Trainer::build()
// makes the networks, without building a distribution, so a points config's file is not read: its dimension
// (1 or 2) is the one the generator's weights fit (a conditional run on a points file is the exception: its
// class count, the one-hot block's height, is read from the file, as validate() reads it). With spectral_norm
// off the stored vectors are kept whatever their shape: the trainer ignores them and starts afresh when it is
// switched on. A checkpoint's history is not stored (it is the state's rows up to the checkpoint's step);
// sessionBytes leaves out any a caller put there.
#include "core/runtime/session.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <type_traits>
#include <utility>

#include "core/data/distribution.h"
#include "core/gan/config_json.h"
#include "core/util/atomic_file.h"
#include "core/util/binary_io.h"
#include "core/util/input_file.h"

namespace ganscope {
namespace {

constexpr std::string_view kMagic = "ganscope session\n";
constexpr std::string_view kStateTag = "STAT";
constexpr std::string_view kCheckpointsTag = "CKPT";
constexpr std::string_view kViewTag = "VIEW";
// The bytes of one metrics row: its step, 20 doubles and 2 bitmasks (version 1: 17 doubles, no offData and
// centre).
constexpr std::size_t kMetricsRowBytes = 8 + 20 * 8 + 2 * 8;
constexpr std::size_t kVersion1RowBytes = kMetricsRowBytes - 3 * 8;
// A field added to MetricsRow or UpdateStats needs its place in forEachRowField / forEachStatsField below
// (and, once files of version 1 exist in the wild, a new session version).
// classAccuracy is stored only for conditional runs, after the other fields (an unconditional run's file, and every
// file written before conditional runs existed, keeps its layout).
static_assert(sizeof(MetricsRow) == kMetricsRowBytes + 8,
              "MetricsRow changed: give the new field its place in the file");
static_assert(sizeof(UpdateStats) == 7 * sizeof(double), "UpdateStats changed: give the new field its place");
// A lower bound on the bytes of a state record without history (every count and fixed field, every run
// empty).
constexpr std::size_t kMinimumRecordBytes = 200;
// A lower bound on the bytes of one spectral-norm layer (two empty runs of floats).
constexpr std::size_t kMinimumSpectralLayerBytes = 16;

// Calls `visit` on every field of a metrics row, in the order a file of `version` stores them.
template <typename Row, typename Visit>
void forEachRowField(Row& row, std::uint32_t version, Visit&& visit) {
  visit(row.step);
  visit(row.lossD);
  visit(row.lossG);
  visit(row.penalty);
  visit(row.dReal);
  visit(row.dFake);
  visit(row.gradNormD);
  visit(row.gradNormG);
  visit(row.modes);
  visit(row.modesTotal);
  visit(row.capturedModes);
  visit(row.highQuality);
  visit(row.modeKl);
  visit(row.modesHeld);
  visit(row.heldModes);
  visit(row.basinFraction);
  if (version >= 2) {
    visit(row.offData);
    visit(row.fakeCenterX);
    visit(row.fakeCenterY);
  }
  visit(row.js);
  visit(row.w1);
  visit(row.theta);
  visit(row.psi);
}

// Calls `visit` on every field of the last update's statistics, in the order the file stores them.
template <typename Stats, typename Visit>
void forEachStatsField(Stats& stats, Visit&& visit) {
  visit(stats.lossD);
  visit(stats.lossG);
  visit(stats.penalty);
  visit(stats.dReal);
  visit(stats.dFake);
  visit(stats.gradNormD);
  visit(stats.gradNormG);
}

// [SECTION] Writing

void writeOptimizer(BinaryWriter& out, const Optimizer& optimizer) {
  out.floats(optimizer.velocity());
  out.floats(optimizer.firstMoment());
  out.floats(optimizer.secondMoment());
  out.floats(optimizer.meanSquare());
  out.i64(optimizer.adamSteps());
}

void writeState(BinaryWriter& out, const TrainerState& state, bool withHistory) {
  out.string(configJsonText(state.config));
  out.i64(state.step);
  out.floats(state.generatorParameters);
  out.floats(state.discriminatorParameters);
  writeOptimizer(out, state.generatorOptimizer);
  writeOptimizer(out, state.discriminatorOptimizer);
  for (const std::uint64_t word : state.rng.words()) out.u64(word);
  out.u8(state.rng.hasSpareNormal() ? 1 : 0);
  out.f64(state.rng.spareNormal());
  const SpectralNorm& spectral = state.spectralNorm;
  const std::size_t layers = std::min(spectral.leftVectors().size(), spectral.rightVectors().size());
  out.u64(layers);
  for (std::size_t l = 0; l < layers; ++l) {
    out.floats(spectral.leftVectors()[l]);
    out.floats(spectral.rightVectors()[l]);
  }
  out.u64(spectral.sigmas().size());
  for (const float sigma : spectral.sigmas()) out.f32(sigma);
  forEachStatsField(state.lastStats, [&](double value) { out.f64(value); });
  if (withHistory) {
    out.u64(state.history.size());
    for (const MetricsRow& row : state.history) {
      forEachRowField(row, kSessionVersion, [&](const auto& value) {
        using Field = std::remove_cvref_t<decltype(value)>;
        if constexpr (std::is_same_v<Field, double>) {
          out.f64(value);
        } else if constexpr (std::is_same_v<Field, std::uint64_t>) {
          out.u64(value);
        } else {
          out.i64(value);
        }
      });
      if (state.config.conditional) out.f64(row.classAccuracy);
    }
  }
  out.string(state.divergence);
}

// Appends a section: its tag, its length, then what `writeContents` writes.
template <typename WriteContents>
void writeSection(BinaryWriter& out, std::string_view tag, WriteContents&& writeContents) {
  BinaryWriter contents;
  writeContents(contents);
  out.raw(tag);
  out.u64(contents.bytes().size());
  out.raw(contents.bytes());
}

// [SECTION] The networks a config describes

// One network's shape as Mlp's constructor lays it out: widths [input, hidden…, output], each layer's W then
// b.
struct NetworkShape {
  std::vector<int> widths;
  bool bias = true;

  int layerCount() const { return static_cast<int>(widths.size()) - 1; }

  Eigen::Index parameterCount() const {
    Eigen::Index count = 0;
    for (int l = 1; l <= layerCount(); ++l) {
      count += static_cast<Eigen::Index>(widths[l]) * widths[l - 1] + (bias ? widths[l] : 0);
    }
    return count;
  }

  // "widths [2, 16, 16, 2]".
  std::string describe() const {
    std::string text = "widths [";
    for (std::size_t i = 0; i < widths.size(); ++i) text += (i == 0 ? "" : ", ") + std::to_string(widths[i]);
    return text + "]";
  }
};

struct Architecture {
  NetworkShape generator;
  NetworkShape discriminator;
};

NetworkShape networkShape(int input, const std::vector<int>& hidden, int output, bool bias) {
  NetworkShape shape;
  shape.widths.push_back(input);
  shape.widths.insert(shape.widths.end(), hidden.begin(), hidden.end());
  shape.widths.push_back(output);
  shape.bias = bias;
  return shape;
}

// The networks Trainer::build() makes for a validated config (see trainer.cpp). A points config's dimension
// depends on its file, which is not read here: it is the one (1 or 2) that the generator's
// `generatorParameters` fit.
Architecture architectureOf(const Config& config, Eigen::Index generatorParameters) {
  if (config.data.kind == DataKind::Dirac) {
    return {networkShape(0, {}, 1, true), networkShape(1, {}, 1, false)};
  }
  // A conditional run's networks read the one-hot class too (Trainer::build; a file's classes are its own).
  const int classes = !config.conditional ? 0
                      : configuredClassCount(config.data) >= 0 ? configuredClassCount(config.data)
                                                               : makeDistribution(config.data)->classCount();
  auto forDimension = [&](int dim) {
    return Architecture{networkShape(config.latent.dim + classes, config.generator.hidden, dim, true),
                        networkShape((dim + classes) * config.pack, config.discriminator.hidden, 1, true)};
  };
  const int dim = configuredDataDimension(config.data);
  if (dim != 0) return forDimension(dim);
  const Architecture oneDimensional = forDimension(1);
  return oneDimensional.generator.parameterCount() == generatorParameters ? oneDimensional : forDimension(2);
}

// [SECTION] Reading

// Reads a state record; `owner` names whose it is in messages ("the " or "checkpoint 2's ").
class StateReader {
 public:
  StateReader(BinaryReader& in, std::string_view source, std::string owner, std::uint32_t version)
      : in_(in), source_(source), owner_(std::move(owner)), version_(version) {}

  TrainerState read(bool withHistory) {
    TrainerState state;
    const std::string configText = in_.string(name("config"));
    try {
      state.config = parseConfigText(configText, std::string(source_) + " (" + name("config") + ")");
    } catch (const ConfigError& e) {
      throw SessionError(e.what());
    }
    const std::vector<std::string> problems = validate(state.config);
    if (!problems.empty()) fail(name("config") + " does not validate: " + problems.front());
    state.step = in_.i64(name("step count"));
    if (state.step < 0 || state.step > kMaxSessionStep) {
      fail(name("step count") + " is " + std::to_string(state.step) + ", not from 0 to " +
           std::to_string(kMaxSessionStep));
    }
    state.generatorParameters = in_.floats(name("generator's weights"));
    state.discriminatorParameters = in_.floats(name("discriminator's weights"));
    state.generatorOptimizer = readOptimizer("generator's optimizer");
    state.discriminatorOptimizer = readOptimizer("discriminator's optimizer");
    readRng(state.rng);
    readSpectralNorm(state.spectralNorm);
    const std::string statsName = name("last update's statistics");
    forEachStatsField(state.lastStats, [&](double& value) { value = in_.f64(statsName); });
    if (withHistory) readHistory(state.history, state.config.conditional);
    state.divergence = in_.string(name("divergence message"));
    if (withHistory) checkHistory(state);
    checkText(state.divergence, "divergence message");
    checkFit(state);
    return state;
  }

 private:
  std::string name(std::string_view what) const { return owner_ + std::string(what); }

  [[noreturn]] void fail(const std::string& problem) const {
    throw SessionError(std::string(source_) + " is damaged (" + problem + ")");
  }

  [[noreturn]] void misfit(const std::string& problem) const {
    throw SessionError(std::string(source_) + ": " + problem);
  }

  Optimizer readOptimizer(const std::string& whose) {
    Vector velocity = in_.floats(name(whose + "'s momentum velocity"));
    Vector firstMoment = in_.floats(name(whose + "'s Adam first moment"));
    Vector secondMoment = in_.floats(name(whose + "'s Adam second moment"));
    Vector meanSquare = in_.floats(name(whose + "'s RMSProp mean square"));
    const std::int64_t adamSteps = in_.i64(name(whose + "'s Adam step count"));
    if (adamSteps < 0 || adamSteps > kMaxSessionStep) {
      fail(name(whose + "'s Adam step count") + " is " + std::to_string(adamSteps) + ", not from 0 to " +
           std::to_string(kMaxSessionStep));
    }
    Optimizer optimizer;
    optimizer.restore(std::move(velocity), std::move(firstMoment), std::move(secondMoment),
                      std::move(meanSquare), adamSteps);
    return optimizer;
  }

  void readRng(Rng& rng) {
    const std::string what = name("random number generator's state");
    std::array<std::uint64_t, 4> words{};
    for (auto& word : words) word = in_.u64(what);
    const std::uint8_t hasSpare = in_.u8(what);
    if (hasSpare > 1) {
      fail(name("random number generator's spare-normal flag") + " is " + std::to_string(hasSpare) +
           ", not 0 or 1");
    }
    const double spare = in_.f64(what);
    // All zero is xoshiro256**'s fixed point: every draw would be 0, and drawing a normal would never end.
    if (words == std::array<std::uint64_t, 4>{})
      fail(what + " is all zero, a state the generator never leaves");
    if (hasSpare == 1 && !std::isfinite(spare))
      fail(what + " holds a spare normal that is not a finite number");
    rng.restore(words, hasSpare == 1, spare);
  }

  void readSpectralNorm(SpectralNorm& spectral) {
    const std::string what = name("spectral normalisation vectors");
    const std::uint64_t layers = in_.count(kMinimumSpectralLayerBytes, what);
    std::vector<Vector> left,
        right;  // not reserved: a count is checked against the bytes, not sizeof(Vector)
    for (std::uint64_t l = 0; l < layers; ++l) {
      left.push_back(in_.floats(what));
      right.push_back(in_.floats(what));
    }
    const std::uint64_t sigmaCount = in_.count(4, what);
    std::vector<float> sigmas(sigmaCount);
    for (float& sigma : sigmas) sigma = in_.f32(what);
    spectral.restore(std::move(left), std::move(right), std::move(sigmas));
  }

  void readHistory(std::vector<MetricsRow>& history, bool conditional) {
    const std::string what = name("metrics history");
    const std::size_t rowBytes = version_ >= 2 ? kMetricsRowBytes : kVersion1RowBytes;
    const std::uint64_t rows = in_.count(rowBytes + (conditional ? 8 : 0), what);
    history.resize(rows);
    for (MetricsRow& row : history) {
      forEachRowField(row, version_, [&](auto& value) {
        using Field = std::remove_cvref_t<decltype(value)>;
        if constexpr (std::is_same_v<Field, double>) {
          value = in_.f64(what);
        } else if constexpr (std::is_same_v<Field, std::uint64_t>) {
          value = in_.u64(what);
        } else {
          value = static_cast<Field>(in_.i64(what));
        }
      });
      if (conditional) row.classAccuracy = in_.f64(what);
    }
  }

  // Throws unless the history is a run's: at least one row, steps increasing from 0 up to the state's step,
  // every value unset (NaN) or finite and at most kMaxSessionValue in size; a diverged run's last row may
  // hold ±∞.
  void checkHistory(const TrainerState& state) const {
    const std::string what = name("metrics history");
    if (state.history.empty()) fail(what + " is empty (a run has a row at its first step at least)");
    long long previous = -1;
    for (std::size_t i = 0; i < state.history.size(); ++i) {
      const MetricsRow& row = state.history[i];
      const std::string at = what + "'s row " + std::to_string(i + 1);
      if (row.step <= previous || row.step > state.step) {
        fail(at + " is at step " + std::to_string(row.step) +
             ": the rows' steps must increase, from 0 to the run's " + std::to_string(state.step));
      }
      previous = row.step;
      const bool lastOfDiverged = i + 1 == state.history.size() && !state.divergence.empty();
      forEachRowField(row, kSessionVersion, [&](const auto& value) {
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(value)>, double>) {
          const bool unset = std::isnan(value), infinite = std::isinf(value);
          if (!unset && !(infinite && lastOfDiverged) && !(std::abs(value) <= kMaxSessionValue)) {
            fail(at + " holds " + std::to_string(value) + "; values must be finite and at most 1e30 in size");
          }
        }
      });
    }
  }

  // Throws when a text from the file holds control characters (a terminal would act on them).
  void checkText(const std::string& text, std::string_view what) const {
    for (const char c : text) {
      const auto u = static_cast<unsigned char>(c);
      if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7f) fail(name(what) + " holds control characters");
    }
  }

  // Throws unless a buffer has one entry per parameter of its network.
  void checkSize(const Vector& values, const std::string& what, const NetworkShape& network,
                 const std::string& networkName) const {
    if (values.size() == network.parameterCount()) return;
    misfit(name(what) + ": " + std::to_string(values.size()) + " values, which do not fit the architecture " +
           name("config") + " describes (the " + networkName + " of " + network.describe() + " has " +
           std::to_string(network.parameterCount()) + " parameters)");
  }

  void checkOptimizer(const Optimizer& optimizer, const std::string& whose, const NetworkShape& network,
                      const std::string& networkName) const {
    checkSize(optimizer.velocity(), whose + "'s momentum velocity", network, networkName);
    checkSize(optimizer.firstMoment(), whose + "'s Adam first moment", network, networkName);
    checkSize(optimizer.secondMoment(), whose + "'s Adam second moment", network, networkName);
    checkSize(optimizer.meanSquare(), whose + "'s RMSProp mean square", network, networkName);
  }

  void checkSpectralNorm(const SpectralNorm& spectral, const NetworkShape& network) const {
    const std::string what = name("spectral normalisation vectors");
    const std::size_t layers = static_cast<std::size_t>(network.layerCount());
    auto refuse = [&](const std::string& detail) {
      misfit(what + " do not fit the architecture " + name("config") + " describes (the discriminator of " +
             network.describe() + "): " + detail);
    };
    if (spectral.leftVectors().size() != layers || spectral.sigmas().size() != layers) {
      refuse(std::to_string(spectral.leftVectors().size()) + " layers of vectors and " +
             std::to_string(spectral.sigmas().size()) + " σ for " + std::to_string(layers) + " layers");
    }
    for (std::size_t l = 1; l <= layers; ++l) {
      const Eigen::Index u = spectral.leftVectors()[l - 1].size(), v = spectral.rightVectors()[l - 1].size();
      if (u != network.widths[l] || v != network.widths[l - 1]) {
        refuse("layer " + std::to_string(l) + " has u of " + std::to_string(u) + " and v of " +
               std::to_string(v) + " entries, not " + std::to_string(network.widths[l]) + " and " +
               std::to_string(network.widths[l - 1]));
      }
    }
  }

  void checkFit(const TrainerState& state) const {
    const Architecture architecture = architectureOf(state.config, state.generatorParameters.size());
    checkSize(state.generatorParameters, "generator's weights", architecture.generator, "generator");
    checkSize(state.discriminatorParameters, "discriminator's weights", architecture.discriminator,
              "discriminator");
    checkOptimizer(state.generatorOptimizer, "generator's optimizer", architecture.generator, "generator");
    checkOptimizer(state.discriminatorOptimizer, "discriminator's optimizer", architecture.discriminator,
                   "discriminator");
    if (state.config.spectralNorm) checkSpectralNorm(state.spectralNorm, architecture.discriminator);
  }

  BinaryReader& in_;
  std::string_view source_;
  std::string owner_;
  std::uint32_t version_;
};

// Reads one section whose tag must be `tag`, giving its contents to `readContents` (which gets a reader of
// the section's bytes alone) and checking that they fill it. `sectionName` names it in messages ("state
// section").
template <typename ReadContents>
void readSection(BinaryReader& file, std::string_view source, std::string_view tag,
                 const std::string& sectionName, ReadContents&& readContents) {
  const std::string header = "the " + sectionName + "'s header";
  std::string_view found;
  std::uint64_t length = 0;
  try {
    found = file.raw(tag.size(), header);
    if (found == tag) length = file.u64(header);
  } catch (const BinaryReadError& e) {
    throw SessionError(std::string(source) + " is truncated (" + e.what() + ")");
  }
  if (found != tag) {
    std::string shown;
    for (const char c : found) shown += (c >= 0x20 && c < 0x7f) ? c : '?';
    throw SessionError(std::string(source) + " is damaged (where the " + sectionName + " should begin, '" +
                       std::string(tag) + "', it has '" + shown + "')");
  }
  const bool cut = length > file.remaining();
  BinaryReader contents(file.raw(cut ? file.remaining() : static_cast<std::size_t>(length), sectionName));
  try {
    readContents(contents);
  } catch (const BinaryReadError& e) {
    if (cut) throw SessionError(std::string(source) + " is truncated (" + e.what() + ")");
    throw SessionError(std::string(source) + " is damaged (its " + sectionName +
                       " is shorter than what it holds: it " + e.what() + ")");
  }
  if (cut) throw SessionError(std::string(source) + " is truncated (ends inside the " + sectionName + ")");
  if (contents.remaining() != 0) {
    throw SessionError(std::string(source) + " is damaged (its " + sectionName + " has " +
                       std::to_string(contents.remaining()) + " bytes after what it holds)");
  }
}

}  // namespace

std::string sessionBytes(const Session& session) {
  BinaryWriter out;
  out.raw(kMagic);
  out.u32(kSessionVersion);
  writeSection(out, kStateTag, [&](BinaryWriter& w) { writeState(w, session.state, true); });
  writeSection(out, kCheckpointsTag, [&](BinaryWriter& w) {
    w.u64(session.checkpoints.size());
    for (const TrainerState& checkpoint : session.checkpoints) writeState(w, checkpoint, false);
  });
  writeSection(out, kViewTag, [&](BinaryWriter& w) { w.raw(session.viewState); });
  return out.take();
}

Session parseSession(std::string_view bytes, std::string_view source) {
  const std::string name(source);
  if (bytes.empty()) throw SessionError(name + " is truncated (it is empty)");
  if (!bytes.starts_with(kMagic)) {
    if (kMagic.starts_with(bytes)) throw SessionError(name + " is truncated (ends inside the magic line)");
    throw SessionError(name + " is not a ganscope session (it does not start with \"ganscope session\")");
  }
  BinaryReader file(bytes);
  file.raw(kMagic.size(), "the magic line");
  std::uint32_t version = 0;
  try {
    version = file.u32("the version");
  } catch (const BinaryReadError& e) {
    throw SessionError(name + " is truncated (" + e.what() + ")");
  }
  if (version > kSessionVersion) {
    throw SessionError(name + " was written by a newer ganscope (session version " + std::to_string(version) +
                       "; this one reads up to " + std::to_string(kSessionVersion) + ")");
  }
  if (version == 0) throw SessionError(name + " is damaged (session version 0 does not exist)");

  Session session;
  readSection(file, source, kStateTag, "state section",
              [&](BinaryReader& in) { session.state = StateReader(in, source, "the ", version).read(true); });
  readSection(file, source, kCheckpointsTag, "checkpoints section", [&](BinaryReader& in) {
    const std::uint64_t count = in.count(kMinimumRecordBytes, "the checkpoints");
    for (std::uint64_t i = 0; i < count; ++i) {
      const std::string owner = "checkpoint " + std::to_string(i + 1) + "'s ";
      session.checkpoints.push_back(StateReader(in, source, owner, version).read(false));
      // Checkpoints are the run's own past, oldest first: none beyond its step (it would block every later
      // one).
      const long long step = session.checkpoints.back().step;
      const long long before = i == 0 ? -1 : session.checkpoints[i - 1].step;
      if (step <= before || step > session.state.step) {
        throw SessionError(name + " is damaged (" + owner + "step " + std::to_string(step) +
                           " is not after the one before it and at most the run's step " +
                           std::to_string(session.state.step) + ")");
      }
    }
  });
  readSection(file, source, kViewTag, "view section", [&](BinaryReader& in) {
    session.viewState = std::string(in.raw(in.remaining(), "the view state"));
  });
  if (file.remaining() != 0) {
    throw SessionError(name + " has " + std::to_string(file.remaining()) +
                       " bytes of trailing garbage after its last section");
  }
  return session;
}

void saveSession(const std::filesystem::path& path, const Session& session) {
  writeFileAtomically(path, sessionBytes(session));
}

Session loadSession(const std::filesystem::path& path) {
  std::string bytes;
  try {
    bytes = readInputFile(path, static_cast<std::size_t>(kMaxSessionFileBytes), "session", kMagic);
  } catch (const InputFileError& e) {
    throw SessionError(e.what());
  }
  return parseSession(bytes, "session '" + path.string() + "'");
}

}  // namespace ganscope
