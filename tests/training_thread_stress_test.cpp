// A stress test of the seam between the GUI and the training thread (core/runtime/training_thread.h): random
// commands at a high rate, valid and invalid configs among them, while another thread reads every snapshot it is
// given. Run by scripts/test.sh under ThreadSanitizer too (its name starts with "thread:"), where any data race
// between the two sides fails it.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

#include "core/data/distribution.h"
#include "core/runtime/training_thread.h"
#include "core/util/rng.h"
#include "tests/small_ring_config.h"

using namespace ganscope;
using ganscope::testing::smallRingConfig;

namespace {

// A random config: mostly small valid changes of the base (some of which rebuild the networks), sometimes one that
// validate() refuses, which the thread must refuse without stopping.
Config randomConfig(Rng& rng, const Config& base) {
  Config c = base;
  switch (rng.below(9)) {
    case 0: c.optimizer.d.lr = std::pow(10.0, -4.0 + 3.0 * rng.uniform()); break;
    case 1: c.loss = static_cast<LossKind>(rng.below(6)); break;
    case 2: c.generator.hidden = {static_cast<int>(4 + rng.below(16))}; break;  // a rebuild
    case 3: c.pack = static_cast<int>(1 + rng.below(3)); break;                 // a new D alone
    case 4: c.data = dataDefaults(rng.below(2) == 0 ? DataKind::Grid : DataKind::Gaussian1d); break;
    case 5: c.batch = static_cast<int>(1 + rng.below(64)); break;
    case 6: c.unroll = static_cast<int>(rng.below(3)); break;
    case 7: c.batch = 0; break;  // refused
    default: c.data.std = 1e-300; break;  // refused (out of range)
  }
  return c;
}

}  // namespace

TEST_CASE("thread: random commands at a high rate while snapshots are read, with no race and no stop") {
  const Config base = smallRingConfig(5);
  TrainingThread thread(base);
  std::atomic<bool> done{false};
  std::atomic<long long> snapshotsRead{0};
  std::atomic<bool> versionsIncrease{true};
  std::atomic<bool> snapshotsWhole{true};
  // The reader: what the GUI thread does with a snapshot (its weights, samples, history and config).
  std::thread reader([&] {
    long long lastVersion = 0;
    while (!done.load()) {
      const auto s = thread.latest();
      if (s->version < lastVersion) versionsIncrease = false;
      lastVersion = s->version;
      const bool whole = s->generator && s->discriminator && s->data && s->realSamples && s->history &&
                         s->realSamples->rows() == s->data->dim() && s->generator->outputDim() == s->data->dim();
      if (!whole) snapshotsWhole = false;
      double sum = 0.0;
      for (Eigen::Index i = 0; i < s->generator->parameters().size(); ++i) sum += s->generator->parameters()[i];
      for (const auto& row : *s->history) sum += static_cast<double>(row.step);
      (void)sum;
      ++snapshotsRead;
    }
  });
  Rng rng(11);
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  int commands = 0;
  while (std::chrono::steady_clock::now() < end) {
    switch (rng.below(9)) {
      case 0: thread.send(SetConfigCommand{randomConfig(rng, base)}); break;
      case 1: thread.send(PauseCommand{}); break;
      case 2: thread.send(ResumeCommand{}); break;
      case 3: thread.send(StepCommand{static_cast<long long>(1 + rng.below(20))}); break;
      case 4: thread.send(StepDiscriminatorCommand{}); break;
      case 5: thread.send(StepGeneratorCommand{}); break;
      case 6: thread.send(ResetCommand{}); break;
      case 7: thread.send(SetPaceCommand{rng.below(2) == 0 ? 0.0 : 500.0 * rng.uniform()}); break;
      default: (void)thread.waitForNewer(thread.latest()->version, std::chrono::milliseconds(2)); break;
    }
    ++commands;
    if (commands % 16 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  // After the storm, a known config and play: the thread still answers and trains.
  thread.send(SetConfigCommand{base});
  thread.send(SetPaceCommand{0.0});
  thread.send(ResumeCommand{});
  auto s = thread.latest();
  const long long before = s->step;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while ((s->config != base || s->step <= before + 50) && std::chrono::steady_clock::now() < deadline) {
    s = thread.waitForNewer(s->version, std::chrono::milliseconds(100));
  }
  done = true;
  reader.join();
  MESSAGE(commands << " commands, " << snapshotsRead.load() << " snapshots read");
  CHECK(commands > 1000);
  CHECK(snapshotsRead.load() > 100);
  CHECK(versionsIncrease.load());
  CHECK(snapshotsWhole.load());
  CHECK(s->config == base);
  CHECK(s->step > before + 50);
  CHECK(s->divergence.empty());
}
