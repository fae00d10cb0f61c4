// Rewind: checkpoints kept within a memory budget (dense when recent, sparse when old), and resuming from one
// equal to the run that went straight on. Also sessions saved and opened through the training thread.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "core/gan/metrics_row.h"
#include "core/runtime/checkpoint_store.h"
#include "core/runtime/training_thread.h"
#include "tests/small_ring_config.h"
#include "tests/subprocess.h"
#include "tests/wait_for_snapshot.h"

using namespace ganscope;
using namespace std::chrono_literals;
using ganscope::testing::smallRingConfig;
using ganscope::testing::TempFolder;

namespace {

Config tinyConfig() {
  Config c = smallRingConfig(3);
  c.generator.hidden = {8};
  c.discriminator.hidden = {8};
  c.batch = 16;
  c.metricsEvery = 25;
  c.metricsSamples = 50;
  return c;
}

}  // namespace

TEST_CASE(
    "rewind: checkpoints stay within the budget, keep the first and the newest, and thin out with age") {
  Trainer probe(tinyConfig());
  const std::size_t size = CheckpointStore::stateBytes(probe.saveState(false));
  CheckpointStore store(24 * size);
  CHECK(CheckpointStore::interval(tinyConfig()) == 50);  // the smallest multiple of 25 that is at least 50
  Trainer t(tinyConfig());
  store.observe(t);
  for (int i = 0; i < 20'000; ++i) {
    t.iterate();
    store.observe(t);
  }
  const auto& kept = store.checkpoints();
  CHECK(kept.size() <= 24);
  CHECK(kept.size() >= 20);
  CHECK(store.bytes() <= store.budgetBytes());
  CHECK(kept.front()->step == 0);
  CHECK(kept.back()->step == 20'000);
  for (const auto& checkpoint : kept) CHECK(checkpoint->history.empty());  // rows are the run's own
  // Spacing grows with age: the newest gaps are the interval's, the oldest far wider.
  const long long newestGap = kept[kept.size() - 1]->step - kept[kept.size() - 2]->step;
  const long long oldestGap = kept[2]->step - kept[1]->step;
  CHECK(newestGap <= 100);
  CHECK(oldestGap >= 10 * newestGap);
  // The span of the run is covered: no gap holds more than a third of it.
  for (std::size_t i = 1; i < kept.size(); ++i) CHECK(kept[i]->step - kept[i - 1]->step < 20'000 / 3);

  // A budget that holds not even two checkpoints switches rewind off.
  CheckpointStore tiny(size);
  tiny.observe(probe);
  CHECK(tiny.capacity() == 0);
  CHECK(tiny.checkpoints().empty());
}

TEST_CASE("rewind: resuming from a checkpoint at step k gives the straight run at n, bit for bit") {
  Config c = tinyConfig();
  c.timeline = {{150, {{"penalty.r1", "1"}}, std::string("R1")}};  // an event after the checkpoint, too
  Trainer straight(c);
  CheckpointStore store;
  store.observe(straight);
  for (int i = 0; i < 400; ++i) {
    straight.iterate();
    store.observe(straight);
  }
  const auto checkpoint = store.atOrBefore(120);
  REQUIRE(checkpoint);
  CHECK(checkpoint->step == 100);
  TrainerState state = *checkpoint;
  state.history = historyUpTo(straight.history(), state.step);
  Trainer resumed(tinyConfig());
  resumed.restoreState(state);
  resumed.train(300);
  CHECK(resumed.step() == 400);
  CHECK(resumed.generator().parameters() == straight.generator().parameters());
  CHECK(resumed.discriminator().parameters() == straight.discriminator().parameters());
  CHECK(metricsCsv(resumed.history(), false, resumed.config().timeline) ==
        metricsCsv(straight.history(), false, straight.config().timeline));
}

TEST_CASE("thread: rewind shows a checkpoint, back to latest returns, training from it is a new branch") {
  const Config c = tinyConfig();
  Trainer straight(c);
  straight.train(400);

  TrainingThread thread(c, /*startPaused=*/true);
  thread.send(StepCommand{400});
  auto s = testing::waitForSnapshot(thread, [](const Snapshot& x) { return x.step == 400 && x.paused; });
  REQUIRE(s->step == 400);
  REQUIRE(s->checkpointSteps);
  CHECK(s->checkpointSteps->back() == 400);
  CHECK(s->rewoundFrom == -1);

  thread.send(RewindCommand{230});
  s = testing::waitForSnapshot(thread, [](const Snapshot& x) { return x.rewoundFrom == 400; });
  CHECK(s->step == 200);
  CHECK(s->paused);
  CHECK(s->history->back().step == 200);     // the charts show the run as it was then
  CHECK(s->checkpointSteps->back() == 400);  // nothing forgotten while only looking

  thread.send(ReturnToLatestCommand{});
  s = testing::waitForSnapshot(thread, [](const Snapshot& x) { return x.rewoundFrom == -1; });
  CHECK(s->step == 400);
  CHECK(s->generator->parameters() == straight.generator().parameters());

  thread.send(RewindCommand{100});
  s = testing::waitForSnapshot(thread, [](const Snapshot& x) { return x.rewoundFrom == 400; });
  CHECK(s->step == 100);
  thread.send(StepCommand{300});  // resume from here
  s = testing::waitForSnapshot(
      thread, [](const Snapshot& x) { return x.step == 400 && x.paused && x.rewoundFrom == -1; });
  CHECK(s->step == 400);
  CHECK(s->generator->parameters() == straight.generator().parameters());
  CHECK(s->discriminator->parameters() == straight.discriminatorForView().parameters());

  // A new setting while rewound also starts a branch there; one that does not validate changes nothing.
  thread.send(RewindCommand{200});
  s = testing::waitForSnapshot(thread, [](const Snapshot& x) { return x.rewoundFrom == 400; });
  REQUIRE(s->step == 200);
  Config bad = c;
  bad.batch = 0;
  thread.send(SetConfigCommand{bad});
  s = testing::waitForSnapshot(thread,
                               [](const Snapshot& x) { return x.notice.rfind("not applied", 0) == 0; });
  CHECK(s->rewoundFrom == 400);
  CHECK(s->checkpointSteps->back() == 400);
  Config slower = c;
  slower.optimizer.d.lr = c.optimizer.d.lr / 2;
  thread.send(SetConfigCommand{slower});
  s = testing::waitForSnapshot(thread, [](const Snapshot& x) { return x.rewoundFrom == -1; });
  CHECK(s->step == 200);
  CHECK(s->config.optimizer.d.lr == slower.optimizer.d.lr);
  CHECK(s->checkpointSteps->back() == 200);  // the later ones are forgotten
}

TEST_CASE("thread: a session saved and opened again continues exactly, and a bad one changes nothing") {
  TempFolder folder("rewind");
  const std::string path = (folder.work() / "run.gansession").string();
  const Config c = tinyConfig();
  Trainer straight(c);
  straight.train(300);

  {
    TrainingThread thread(c, /*startPaused=*/true);
    thread.send(StepCommand{150});
    testing::waitForSnapshot(thread, [](const Snapshot& x) { return x.step == 150 && x.paused; });
    thread.send(SaveSessionCommand{path, R"({"dirac_tab":"line"})"});
    auto s =
        testing::waitForSnapshot(thread, [](const Snapshot& x) { return x.notice.rfind("saved", 0) == 0; });
    CHECK(s->notice.find(path) != std::string::npos);
  }
  TrainingThread other(tinyConfig(), /*startPaused=*/true);
  other.send(StepCommand{20});
  auto s = testing::waitForSnapshot(other, [](const Snapshot& x) { return x.step == 20 && x.paused; });
  const Vector before = s->generator->parameters();

  // Not a session, a truncated one, a missing one: refused with a notice, the run as it was.
  const std::string junk = (folder.work() / "junk.gansession").string();
  std::ofstream(junk) << "not a session at all";
  const auto whole = std::filesystem::file_size(path);
  const std::string cut = (folder.work() / "cut.gansession").string();
  {
    std::ifstream in(path, std::ios::binary);
    std::string bytes(whole / 2, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    std::ofstream(cut, std::ios::binary) << bytes;
  }
  for (const std::string& bad : {junk, cut, (folder.work() / "missing.gansession").string()}) {
    other.send(OpenSessionCommand{bad});
    s = testing::waitForSnapshot(other, [&](const Snapshot& x) {
      return x.notice.rfind("not opened", 0) == 0 && x.notice.find(bad) != std::string::npos;
    });
    CHECK(s->notice.find(bad) != std::string::npos);
    CHECK(s->step == 20);
    CHECK(s->generator->parameters() == before);
    CHECK(s->sessionsOpened == 0);
  }

  other.send(OpenSessionCommand{path});
  s = testing::waitForSnapshot(other, [](const Snapshot& x) { return x.sessionsOpened == 1; });
  CHECK(s->step == 150);
  CHECK(s->paused);
  REQUIRE(s->openedViewState);
  CHECK(*s->openedViewState == R"({"dirac_tab":"line"})");
  CHECK(s->checkpointSteps->back() == 150);
  other.send(StepCommand{150});
  s = testing::waitForSnapshot(other, [](const Snapshot& x) { return x.step == 300 && x.paused; });
  CHECK(s->generator->parameters() == straight.generator().parameters());
  const Session taken = other.stopAndTakeSession();
  CHECK(metricsCsv(taken.state.history, false) == metricsCsv(straight.history(), false));
}

TEST_CASE(
    "thread: Save leaves out the rewind checkpoints unless asked, and both files continue the same run") {
  TempFolder folder("rewind");
  const std::string small = (folder.work() / "small.gansession").string();
  const std::string whole = (folder.work() / "whole.gansession").string();
  TrainingThread thread(tinyConfig(), /*startPaused=*/true);
  thread.send(StepCommand{400});
  auto s = testing::waitForSnapshot(thread, [](const Snapshot& x) { return x.step == 400 && x.paused; });
  REQUIRE(s->checkpointSteps->size() >= 4);
  thread.send(SaveSessionCommand{small, "{}"});
  testing::waitForSnapshot(thread,
                           [&](const Snapshot& x) { return x.notice.find(small) != std::string::npos; });
  thread.send(SaveSessionCommand{whole, "{}", /*withRewind=*/true});
  s = testing::waitForSnapshot(thread,
                               [&](const Snapshot& x) { return x.notice.find(whole) != std::string::npos; });
  CHECK(s->notice.find("rewind checkpoints") != std::string::npos);
  const Session a = loadSession(small), b = loadSession(whole);
  CHECK(a.checkpoints.empty());
  CHECK(b.checkpoints.size() == s->checkpointSteps->size());
  CHECK(std::filesystem::file_size(small) < std::filesystem::file_size(whole));
  CHECK(a.state.step == b.state.step);
  CHECK(a.state.generatorParameters == b.state.generatorParameters);
  CHECK(a.state.discriminatorOptimizer.secondMoment() == b.state.discriminatorOptimizer.secondMoment());
  CHECK(metricsCsv(a.state.history, false) == metricsCsv(b.state.history, false));
}
