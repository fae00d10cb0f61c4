// The session file: a run saved and resumed continues bit for bit, checkpoints and the view state come back
// equal, and every damaged, truncated, foreign or misfitting file is refused with one line naming it and the
// problem.
#include "core/runtime/session.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "core/data/distribution.h"
#include "core/gan/config_json.h"
#include "core/gan/trainer.h"
#include "core/runtime/checkpoint_store.h"
#include "tests/small_ring_config.h"

using namespace ganscope;

namespace {

// [SECTION] Helpers

// The shared small ring run, with this file's seed.
Config smallRingConfig() {
  return ganscope::testing::smallRingConfig(11);
}

// A run small enough that every prefix of its session file can be tried: 4-wide networks, a few metric rows.
Config tinyConfig() {
  Config c = smallRingConfig();
  c.generator.hidden = {4};
  c.discriminator.hidden = {4};
  c.batch = 8;
  c.metricsEvery = 10;
  c.metricsSamples = 50;
  return c;
}

bool sameBits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

bool sameBits(const Vector& a, const Vector& b) {
  return a.size() == b.size() &&
         (a.size() == 0 ||
          std::memcmp(a.data(), b.data(), sizeof(float) * static_cast<std::size_t>(a.size())) == 0);
}

// Every field of two metric rows, bit for bit (NaN marks "does not apply" and must come back as the same
// NaN).
void checkSameRow(const MetricsRow& a, const MetricsRow& b) {
  CHECK(a.step == b.step);
  for (auto field :
       {&MetricsRow::lossD, &MetricsRow::lossG, &MetricsRow::penalty, &MetricsRow::dReal, &MetricsRow::dFake,
        &MetricsRow::gradNormD, &MetricsRow::gradNormG, &MetricsRow::modes, &MetricsRow::modesTotal,
        &MetricsRow::highQuality, &MetricsRow::modeKl, &MetricsRow::modesHeld, &MetricsRow::basinFraction,
        &MetricsRow::js, &MetricsRow::w1, &MetricsRow::theta, &MetricsRow::psi}) {
    CHECK(sameBits(a.*field, b.*field));
  }
  CHECK(a.capturedModes == b.capturedModes);
  CHECK(a.heldModes == b.heldModes);
}

// The four buffers and the step count, bit for bit (Optimizer's operator== needs equal sizes: Eigen compares
// vectors of one size).
bool sameOptimizer(const Optimizer& a, const Optimizer& b) {
  return sameBits(a.velocity(), b.velocity()) && sameBits(a.firstMoment(), b.firstMoment()) &&
         sameBits(a.secondMoment(), b.secondMoment()) && sameBits(a.meanSquare(), b.meanSquare()) &&
         a.adamSteps() == b.adamSteps();
}

// The power-iteration vectors and σ, bit for bit.
bool sameSpectralNorm(const SpectralNorm& a, const SpectralNorm& b) {
  if (a.leftVectors().size() != b.leftVectors().size() ||
      a.rightVectors().size() != b.rightVectors().size()) {
    return false;
  }
  for (std::size_t l = 0; l < a.leftVectors().size(); ++l) {
    if (!sameBits(a.leftVectors()[l], b.leftVectors()[l])) return false;
  }
  for (std::size_t l = 0; l < a.rightVectors().size(); ++l) {
    if (!sameBits(a.rightVectors()[l], b.rightVectors()[l])) return false;
  }
  return a.sigmas() == b.sigmas();
}

// Every field of two trainer states.
void checkSameState(const TrainerState& a, const TrainerState& b) {
  CHECK(a.config == b.config);
  CHECK(a.step == b.step);
  CHECK(sameBits(a.generatorParameters, b.generatorParameters));
  CHECK(sameBits(a.discriminatorParameters, b.discriminatorParameters));
  REQUIRE(sameOptimizer(a.generatorOptimizer, b.generatorOptimizer));
  REQUIRE(sameOptimizer(a.discriminatorOptimizer, b.discriminatorOptimizer));
  CHECK(a.generatorOptimizer == b.generatorOptimizer);
  CHECK(a.discriminatorOptimizer == b.discriminatorOptimizer);
  CHECK(a.rng == b.rng);
  REQUIRE(sameSpectralNorm(a.spectralNorm, b.spectralNorm));
  CHECK(a.spectralNorm == b.spectralNorm);
  for (auto field : {&UpdateStats::lossD, &UpdateStats::lossG, &UpdateStats::penalty, &UpdateStats::dReal,
                     &UpdateStats::dFake, &UpdateStats::gradNormD, &UpdateStats::gradNormG}) {
    CHECK(sameBits(a.lastStats.*field, b.lastStats.*field));
  }
  REQUIRE(a.history.size() == b.history.size());
  for (std::size_t i = 0; i < a.history.size(); ++i) checkSameRow(a.history[i], b.history[i]);
  CHECK(a.divergence == b.divergence);
}

void checkSameSession(const Session& a, const Session& b) {
  checkSameState(a.state, b.state);
  REQUIRE(a.checkpoints.size() == b.checkpoints.size());
  for (std::size_t i = 0; i < a.checkpoints.size(); ++i) checkSameState(a.checkpoints[i], b.checkpoints[i]);
  CHECK(a.viewState == b.viewState);
}

// The message parseSession refuses `bytes` with (empty when it accepts them).
std::string refusal(std::string_view bytes, std::string_view source = "bad.session") {
  try {
    (void)parseSession(bytes, source);
  } catch (const SessionError& e) {
    return e.what();
  }
  return {};
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

// A trainer's state as a session of its own, after `iterations` iterations.
Session trainedSession(const Config& config, long long iterations) {
  Trainer t(config);
  t.train(iterations);
  Session session;
  session.state = t.saveState();
  return session;
}

/// A folder of its own under the system's temporary directory, removed with everything in it at the end.
class SessionTempDir {
 public:
  SessionTempDir() {
    static std::atomic<int> counter{0};
    const auto ticks = std::chrono::steady_clock::now().time_since_epoch().count();
    path_ = std::filesystem::temp_directory_path() /
            ("ganscope_session_test_" + std::to_string(ticks) + "_" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~SessionTempDir() {
    std::error_code ignored;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all, ignored);
    std::filesystem::remove_all(path_, ignored);
  }
  SessionTempDir(const SessionTempDir&) = delete;
  SessionTempDir& operator=(const SessionTempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string readBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// Overwrites the little-endian u64 at `offset`.
void patchU64(std::string& bytes, std::size_t offset, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) bytes[offset + i] = static_cast<char>(value >> (8 * i));
}

// Where the file's pieces begin: the magic (17 bytes), the version (4), the state section's tag (4) and
// length (8), then the config's length (8) and text.
constexpr std::size_t kVersionOffset = 17;
constexpr std::size_t kConfigLengthOffset = 17 + 4 + 4 + 8;
constexpr std::size_t kConfigTextOffset = kConfigLengthOffset + 8;

// Saves `iterations` of a run halfway, resumes the file in a trainer built for another config, and checks
// that the rest of the run is the straight run's, metrics and weights bit for bit.
void checkExactResume(const Config& config) {
  Trainer straight(config);
  straight.train(1000);
  REQUIRE_FALSE(straight.diverged());

  Trainer first(config);
  first.train(500);
  Session saved;
  saved.state = first.saveState();
  const Session parsed = parseSession(sessionBytes(saved), "resume.session");
  checkSameState(parsed.state, saved.state);

  Trainer resumed(
      ganscope::testing::smallRingConfig(12345));  // another seed: restoreState brings the run's own
  resumed.restoreState(parsed.state);
  resumed.train(500);
  CHECK(resumed.step() == 1000);
  CHECK(metricsCsv(resumed.history(), false) == metricsCsv(straight.history(), false));
  CHECK(sameBits(resumed.generator().parameters(), straight.generator().parameters()));
  CHECK(sameBits(resumed.discriminator().parameters(), straight.discriminator().parameters()));
  checkSameState(resumed.saveState(), straight.saveState());
}

}  // namespace

// [SECTION] Exact resume

TEST_CASE(
    "session: a run saved at 500 and resumed gives the straight 1000-iteration run bit for bit (Adam)") {
  const Config config = smallRingConfig();
  const TrainerState state = trainedSession(config, 20).state;
  CHECK(state.generatorOptimizer.adamSteps() > 0);
  CHECK(state.discriminatorOptimizer.firstMoment().cwiseAbs().maxCoeff() > 0.0f);
  CHECK(state.discriminatorOptimizer.secondMoment().cwiseAbs().maxCoeff() > 0.0f);
  checkExactResume(config);
}

TEST_CASE("session: exact resume with spectral normalisation keeps the power-iteration vectors") {
  Config config = smallRingConfig();
  config.spectralNorm = true;
  const TrainerState state = trainedSession(config, 20).state;
  REQUIRE(state.spectralNorm.leftVectors().size() == 3);
  CHECK(state.spectralNorm.sigmas().size() == 3);
  checkExactResume(config);
}

TEST_CASE("session: exact resume with momentum for G and RMSProp for D keeps their buffers") {
  Config config = smallRingConfig();
  config.optimizer.g.kind = OptimizerKind::Momentum;
  config.optimizer.g.lr = 1e-3;
  config.optimizer.d.kind = OptimizerKind::RmsProp;
  config.optimizer.d.lr = 1e-4;
  const TrainerState state = trainedSession(config, 20).state;
  CHECK(state.generatorOptimizer.velocity().cwiseAbs().maxCoeff() > 0.0f);
  CHECK(state.discriminatorOptimizer.meanSquare().cwiseAbs().maxCoeff() > 0.0f);
  checkExactResume(config);
}

// [SECTION] Round trips

TEST_CASE("session: checkpoints and the view state come back equal, and the bytes are stable") {
  Trainer t(smallRingConfig());
  Session session;
  for (int k = 0; k < 3; ++k) {
    TrainerState checkpoint = t.saveState();
    checkpoint.history.clear();
    session.checkpoints.push_back(checkpoint);
    t.train(100);
    if (k == 1) {  // a checkpoint of another config: each keeps its own
      Config changed = t.config();
      changed.optimizer.d.lr = 5e-4;
      changed.loss = LossKind::Hinge;
      t.setConfig(changed);
    }
  }
  session.state = t.saveState();
  REQUIRE(session.state.history.size() > 2);
  session.state.history[1].capturedModes = 0x8000000000000001ULL;  // every bit of the masks is kept
  session.state.history[1].heldModes = ~std::uint64_t{0};
  session.state.divergence = "training diverged at iteration 300: a test's words";
  session.viewState = std::string("{\"zoom\": 1.5, \"tab\": \"métriques\"}\n") + '\0' + "\xff";

  const std::string bytes = sessionBytes(session);
  const Session parsed = parseSession(bytes, "round.session");
  checkSameSession(parsed, session);
  CHECK(parsed.checkpoints[0].step == 0);
  CHECK(parsed.checkpoints[2].config.loss == LossKind::Hinge);
  CHECK(sessionBytes(parsed) == bytes);

  // A checkpoint's history is not stored: it is the state's rows up to its step.
  Session withHistory = session;
  withHistory.checkpoints[0].history = session.state.history;
  CHECK(sessionBytes(withHistory) == bytes);
}

TEST_CASE("session: a headless run with no checkpoints and no view state round-trips") {
  const Session session = trainedSession(tinyConfig(), 30);
  const Session parsed = parseSession(sessionBytes(session), "headless.session");
  checkSameSession(parsed, session);
  CHECK(parsed.checkpoints.empty());
  CHECK(parsed.viewState.empty());
}

TEST_CASE("session: points in 1D and 2D, packing and the Dirac-GAN fit the networks their configs describe") {
  SessionTempDir dir;
  const auto oneColumn = dir.path() / "line.csv";
  const auto twoColumns = dir.path() / "plane.csv";
  writeBytes(oneColumn, "x\n0.5\n-1\n2\n0.25\n");
  writeBytes(twoColumns, "x,y\n0.5,1\n-1,0\n2,2\n");
  std::vector<Config> configs;
  for (const auto& file : {oneColumn, twoColumns}) {
    Config c = tinyConfig();
    c.data = dataDefaults(DataKind::Points);
    c.data.file = file.string();
    configs.push_back(c);
  }
  Config packed = tinyConfig();
  packed.pack = 3;
  configs.push_back(packed);
  Config dirac;
  dirac.data.kind = DataKind::Dirac;
  dirac.loss = LossKind::Minimax;
  dirac.optimizer.g.kind = dirac.optimizer.d.kind = OptimizerKind::Sgd;
  dirac.batch = 1;
  dirac.metricsEvery = 1;
  dirac.metricsSamples = 10;
  configs.push_back(dirac);
  for (const Config& config : configs) {
    CAPTURE(configJsonText(config));
    const Session session = trainedSession(config, 12);
    Session parsed;
    REQUIRE_NOTHROW(parsed = parseSession(sessionBytes(session), "kinds.session"));
    checkSameSession(parsed, session);
  }
}

// [SECTION] Refusals

TEST_CASE("session: every truncation of a session file is refused as truncated, naming the file") {
  Session session = trainedSession(tinyConfig(), 30);
  TrainerState checkpoint = session.state;
  checkpoint.history.clear();
  session.checkpoints = {checkpoint};
  session.viewState = "{\"zoom\": 2}";
  const std::string bytes = sessionBytes(session);
  REQUIRE(bytes.size() < 16384);
  std::size_t wrong = 0;
  std::string firstWrong;
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
    const std::string message = refusal(std::string_view(bytes).substr(0, cut), "cut.session");
    if (!contains(message, "cut.session is truncated (")) {
      if (wrong++ == 0) firstWrong = std::to_string(cut) + ": '" + message + "'";
    }
  }
  INFO("first wrong refusal at cut " << firstWrong);
  CHECK(wrong == 0);
  CHECK(refusal(std::string_view(bytes).substr(0, 0)) == "bad.session is truncated (it is empty)");
  // A cut inside the discriminator's weights says so.
  const std::size_t weights = kConfigTextOffset + configJsonText(session.state.config).size() + 8 + 8 +
                              4 * static_cast<std::size_t>(session.state.generatorParameters.size()) + 8 + 4;
  CHECK(refusal(std::string_view(bytes).substr(0, weights)) ==
        "bad.session is truncated (ends inside the discriminator's weights: " +
            std::to_string(session.state.discriminatorParameters.size()) + " values declared, 4 bytes left)");
  CHECK(refusal(bytes).empty());
}

TEST_CASE("session: a file that is not a session, or from a newer version, is refused") {
  const std::string bytes = sessionBytes(trainedSession(tinyConfig(), 5));
  std::string foreign = bytes;
  foreign[0] = 'G';
  CHECK(refusal(foreign) ==
        "bad.session is not a ganscope session (it does not start with \"ganscope session\")");
  CHECK(contains(refusal("{\"loss\": \"hinge\"}\n"), "bad.session is not a ganscope session"));

  std::string newer = bytes;
  newer[kVersionOffset] = 7;
  CHECK(refusal(newer) ==
        "bad.session was written by a newer ganscope (session version 7; this one reads up to 2)");
  newer[kVersionOffset + 3] = '\x80';
  CHECK(contains(refusal(newer), "(session version 2147483655; this one reads up to 2)"));
  std::string zero = bytes;
  zero[kVersionOffset] = 0;
  CHECK(contains(refusal(zero), "bad.session is damaged (session version 0"));
}

TEST_CASE("session: trailing bytes, wrong tags and oversized lengths are refused without allocating") {
  const Session session = trainedSession(tinyConfig(), 5);
  const std::string bytes = sessionBytes(session);
  CHECK(refusal(bytes + "x") == "bad.session has 1 bytes of trailing garbage after its last section");

  std::string wrongTag = bytes;
  wrongTag[17 + 4] = 'X';
  CHECK(refusal(wrongTag) ==
        "bad.session is damaged (where the state section should begin, 'STAT', it has 'XTAT')");

  // 2^60 bytes of config text, then 2^60 generator weights: refused from the counts alone.
  std::string hugeConfig = bytes;
  patchU64(hugeConfig, kConfigLengthOffset, std::uint64_t{1} << 60);
  const std::string configMessage = refusal(hugeConfig);
  CHECK(contains(configMessage,
                 "bad.session is damaged (its state section is shorter than what it holds: it ends "
                 "inside the config: 1152921504606846976 bytes declared"));
  std::string hugeWeights = bytes;
  const std::size_t generatorCount = kConfigTextOffset + configJsonText(session.state.config).size() + 8;
  patchU64(hugeWeights, generatorCount, std::uint64_t{1} << 60);
  CHECK(contains(refusal(hugeWeights),
                 "it ends inside the generator's weights: 1152921504606846976 values declared"));
  std::string hugeSection = bytes;
  patchU64(hugeSection, 17 + 4 + 4, std::uint64_t{1} << 60);
  CHECK(contains(refusal(hugeSection), "bad.session is truncated ("));

  // A spare-normal flag that is neither 0 nor 1: after the weights, both optimizers (four buffers and a step
  // count each) and the RNG's four words.
  const auto g = static_cast<std::size_t>(session.state.generatorParameters.size());
  const auto d = static_cast<std::size_t>(session.state.discriminatorParameters.size());
  const std::size_t rngFlag =
      generatorCount + (8 + 4 * g) + (8 + 4 * d) + (4 * (8 + 4 * g) + 8) + (4 * (8 + 4 * d) + 8) + 4 * 8;
  std::string flag = bytes;
  REQUIRE((flag[rngFlag] == 0 || flag[rngFlag] == 1));
  flag[rngFlag] = 2;
  CHECK(refusal(flag) ==
        "bad.session is damaged (the random number generator's spare-normal flag is 2, not 0 or 1)");
}

TEST_CASE("session: a config that does not parse or validate is refused with its first problem") {
  Session session = trainedSession(tinyConfig(), 5);
  std::string malformed = sessionBytes(session);
  malformed[kConfigTextOffset] = '#';
  const std::string malformedMessage = refusal(malformed);
  CHECK(contains(malformedMessage, "bad.session (the config)"));
  CHECK(contains(malformedMessage, "malformed JSON"));

  session.state.config.batch = 0;
  const auto problems = validate(session.state.config);
  REQUIRE_FALSE(problems.empty());
  CHECK(refusal(sessionBytes(session)) ==
        "bad.session is damaged (the config does not validate: " + problems.front() + ")");
}

TEST_CASE("session: weights, optimizer buffers and spectral vectors that do not fit the config are refused") {
  Config wide = smallRingConfig();
  wide.generator.hidden = {64, 64};
  const Session good = trainedSession(wide, 3);

  SUBCASE("the config says generator.hidden [32] but the weights are for [64, 64]") {
    Session edited = good;
    edited.state.config.generator.hidden = {32};
    const std::string message = refusal(sessionBytes(edited));
    CHECK(contains(message, "bad.session: the generator's weights: " +
                                std::to_string(good.state.generatorParameters.size()) +
                                " values, which do not fit the architecture the config describes"));
    CHECK(contains(message, "widths [2, 32, 2]"));
  }
  SUBCASE("the discriminator's weights") {
    Session edited = good;
    edited.state.config.discriminator.hidden = {16};
    CHECK(contains(refusal(sessionBytes(edited)), "the discriminator's weights: "));
  }
  SUBCASE("an optimizer buffer") {
    Session edited = good;
    edited.state.discriminatorOptimizer = Optimizer(3);
    CHECK(contains(
        refusal(sessionBytes(edited)),
        "bad.session: the discriminator's optimizer's momentum velocity: 3 values, which do not fit"));
  }
  SUBCASE("the spectral normalisation vectors, when spectral_norm is on") {
    Session edited = good;
    edited.state.config.spectralNorm = true;
    CHECK(contains(refusal(sessionBytes(edited)),
                   "bad.session: the spectral normalisation vectors do not fit the architecture"));
  }
  SUBCASE("a checkpoint's weights") {
    Session edited = good;
    TrainerState checkpoint = good.state;
    checkpoint.history.clear();
    edited.checkpoints = {checkpoint, checkpoint};
    edited.checkpoints[1].config.generator.hidden = {32};
    CHECK(contains(refusal(sessionBytes(edited)), "bad.session: checkpoint 2's generator's weights: "));
  }
  SUBCASE("the session it came from is accepted") {
    CHECK(refusal(sessionBytes(good)).empty());
  }
}

TEST_CASE("session: loadSession names a missing file, a directory and a damaged file") {
  SessionTempDir dir;
  const auto missing = dir.path() / "missing.session";
  CHECK_THROWS_WITH_AS(loadSession(missing), ("session '" + missing.string() + "': does not exist").c_str(),
                       SessionError);
  CHECK_THROWS_WITH_AS(loadSession(dir.path()),
                       ("session '" + dir.path().string() + "': is a directory, not a regular file").c_str(),
                       SessionError);
  const auto cut = dir.path() / "cut.session";
  const std::string bytes = sessionBytes(trainedSession(tinyConfig(), 5));
  writeBytes(cut, bytes.substr(0, bytes.size() / 2));
  try {
    (void)loadSession(cut);
    FAIL("a truncated file was accepted");
  } catch (const SessionError& e) {
    CHECK(contains(e.what(), "session '" + cut.string() + "' is truncated ("));
  }
  const auto whole = dir.path() / "whole.session";
  writeBytes(whole, bytes);
  CHECK(sessionBytes(loadSession(whole)) == bytes);
}

// [SECTION] Atomic saving

TEST_CASE("session: saveSession is atomic: a save that fails leaves the old file as it was") {
  SessionTempDir dir;
  const auto path = dir.path() / "run.session";
  const Session old = trainedSession(tinyConfig(), 5);
  saveSession(path, old);
  const std::string oldBytes = readBytes(path);
  REQUIRE(oldBytes == sessionBytes(old));
  const Session newer = trainedSession(tinyConfig(), 50);

  // The temporary file beside the target cannot be created (a folder holds its name; atomic_file.cpp's
  // naming).
  const auto temporary = dir.path() / (".run.session.tmp-" + std::to_string(::getpid()));
  std::filesystem::create_directory(temporary);
  CHECK_THROWS_AS(saveSession(path, newer), std::runtime_error);
  CHECK(readBytes(path) == oldBytes);
  std::filesystem::remove(temporary);

  // The folder is not writable (root may write anyway, so only checked for other users).
  if (::geteuid() != 0) {
    std::filesystem::permissions(dir.path(),
                                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
    CHECK_THROWS_AS(saveSession(path, newer), std::runtime_error);
    std::filesystem::permissions(dir.path(), std::filesystem::perms::owner_all);
    CHECK(readBytes(path) == oldBytes);
  }

  // A folder that does not exist.
  CHECK_THROWS_AS(saveSession(dir.path() / "no such folder" / "run.session", newer), std::runtime_error);

  saveSession(path, newer);
  CHECK(readBytes(path) == sessionBytes(newer));
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator()) == 1);
}

TEST_CASE("session: a file of version 1 (no off-data column) is read, and continues as the program that wrote it") {
  // tests/data/session-v1.gansession: `ganscope --headless --steps 200 --set generator.hidden=[16] --set
  // discriminator.hidden=[16] --set metrics_every=50 --save-session ...` by the last program writing version 1;
  // session-v1-continued.csv: that program's `--load-session` of it for 100 more iterations, --metrics-out.
  const std::filesystem::path data = std::filesystem::path(GANSCOPE_SOURCE_DIR) / "tests" / "data";
  const Session old = loadSession(data / "session-v1.gansession");
  CHECK(old.state.step == 200);
  CHECK_FALSE(old.checkpoints.empty());  // version 1 kept the rewind checkpoints
  REQUIRE(old.state.history.size() == 5);
  for (const MetricsRow& row : old.state.history) {
    CHECK(std::isnan(row.offData));
    CHECK(std::isnan(row.fakeCenterX));
  }
  Trainer continued(old.state.config);
  continued.restoreState(old.state);
  continued.train(100);
  // The old program's CSV has every column but the new ones: the same numbers, bit for bit.
  const std::string expected = [&] {
    std::ifstream in(data / "session-v1-continued.csv");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  std::string now;
  std::istringstream lines(metricsCsv(continued.history(), false));
  for (std::string line; std::getline(lines, line);) now += line.substr(0, line.rfind(',')) + "\n";
  // Every cell equal; a number may differ in its last digits (1e-6 relative): the fixture comes from the
  // Release build, and the sanitizer build (RelWithDebInfo) rounds some floats of the new iterations
  // differently (seen: loss_d at 300 1.35341662 against 1.35341668). The 200 stored rows are read back
  // exactly either way.
  const auto cells = [](const std::string& text) {
    std::vector<std::string> out;
    std::string cell;
    for (const char c : text) {
      if (c == ',' || c == '\n') {
        out.push_back(cell);
        cell.clear();
      } else {
        cell += c;
      }
    }
    return out;
  };
  const std::vector<std::string> got = cells(now), want = cells(expected);
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CAPTURE(i);
    CAPTURE(want[i]);
    CAPTURE(got[i]);
    if (got[i] == want[i]) continue;
    REQUIRE_FALSE(got[i].empty());
    REQUIRE_FALSE(want[i].empty());
    CHECK(std::stod(got[i]) == doctest::Approx(std::stod(want[i])).epsilon(1e-6));
  }
  const std::string stored = metricsCsv(old.state.history, false);
  CHECK(expected.starts_with([&] {
    std::string text;
    std::istringstream in(stored);
    for (std::string line; std::getline(in, line);) text += line.substr(0, line.rfind(',')) + "\n";
    return text;
  }()));
  // Saved again, it is a file of this version that reads back whole.
  const Session again = parseSession(sessionBytes(old), "again");
  CHECK(again.state.history.size() == old.state.history.size());
}

TEST_CASE(
    "session: fields outside what the program works with are refused by name, before anything is built") {
  Trainer trainer(smallRingConfig());
  trainer.train(200);
  Session good;
  good.state = trainer.saveState();
  CheckpointStore store;
  store.observe(trainer);
  for (const auto& checkpoint : store.checkpoints()) good.checkpoints.push_back(*checkpoint);
  REQUIRE(refusal(sessionBytes(good)).empty());
  auto refused = [&](auto change) {
    Session s = good;
    change(s);
    return refusal(sessionBytes(s));
  };
  // A generator state of all zero is xoshiro's fixed point: drawing a normal would loop forever.
  CHECK(contains(refused([](Session& s) { s.state.rng.restore({0, 0, 0, 0}, false, 0.0); }), "all zero"));
  CHECK(contains(refused([](Session& s) {
                   s.state.rng.restore({1, 2, 3, 4}, true, std::nan(""));
                 }),
                 "spare normal"));
  // Counters near the integer limits (a step at 2^63 - 1 overflowed into a negative count).
  CHECK(contains(refused([](Session& s) { s.state.step = 0x7fffffffffffffffLL; }), "step count"));
  CHECK(contains(refused([](Session& s) {
                   Optimizer& o = s.state.generatorOptimizer;
                   o.restore(o.velocity(), o.firstMoment(), o.secondMoment(), o.meanSquare(),
                             0x7fffffffffffffffLL);
                 }),
                 "Adam step count"));
  // Histories: empty (read past a buffer before), out of order, beyond the step, or holding ±1.7e308.
  CHECK(contains(refused([](Session& s) { s.state.history.clear(); }), "metrics history is empty"));
  CHECK(contains(refused([](Session& s) { std::swap(s.state.history[0], s.state.history[1]); }),
                 "must increase"));
  CHECK(
      contains(refused([](Session& s) { s.state.history.back().step = s.state.step + 1; }), "must increase"));
  CHECK(contains(refused([](Session& s) { s.state.history[1].lossD = 1.7e308; }), "at most 1e30"));
  CHECK(contains(refused([](Session& s) { s.state.history[1].gradNormG = -INFINITY; }), "at most 1e30"));
  // Checkpoints beyond the run's own step (they blocked every later checkpoint).
  CHECK(contains(refused([](Session& s) { s.checkpoints.back().step = s.state.step + 1000; }), "checkpoint"));
  // Text from the file that a terminal would act on.
  CHECK(contains(refused([](Session& s) { s.state.divergence = "\x1b[2J"; }), "control characters"));
  CHECK(
      contains(refused([](Session& s) { s.state.config.name = "ring\x1b]0;x\x07"; }), "control characters"));
}

TEST_CASE("session: a large file that is not a session is refused from its first bytes, not read whole") {
  const auto path = std::filesystem::temp_directory_path() / ("ganscope-big-" + std::to_string(::getpid()));
  {
    std::ofstream out(path, std::ios::binary);
    out << "not a session";
  }
  std::filesystem::resize_file(path, std::uintmax_t{1} << 30);  // 1 GiB, sparse
  std::string message;
  try {
    (void)loadSession(path);
  } catch (const SessionError& e) {
    message = e.what();
  }
  std::filesystem::remove(path);
  // The refusal of the file's first bytes (readInputFile's), not parseSession's of the whole file read into
  // memory.
  CHECK(contains(message, "is not a ganscope session (it does not start with its magic line)"));
}
