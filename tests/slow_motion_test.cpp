// Slow motion's exactness: a traced iteration is the iteration a normal step performs (the same parameters,
// bit for bit, after it and after more), and its trace holds the numbers that iteration computed.
#include "app/ui/slow_motion.h"

#include <doctest/doctest.h>

#include <chrono>
#include <numeric>

#include "core/data/data_config.h"
#include "core/gan/trainer.h"
#include "core/runtime/training_thread.h"
#include "tests/null_imgui.h"
#include "tests/small_ring_config.h"
#include "tests/wait_for_snapshot.h"

using namespace ganscope;

namespace {

float mean(const std::vector<float>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0f) / static_cast<float>(v.size());
}

}  // namespace

TEST_CASE(
    "slow motion: a traced iteration changes nothing in the run, and its trace is that iteration's numbers") {
  for (const int pack : {1, 2}) {
    CAPTURE(pack);
    Config config = testing::smallRingConfig(4);
    config.pack = pack;
    config.metricsEvery = 10;
    Trainer straight(config), traced(config);
    straight.train(30);
    traced.train(29);
    const Mlp gBefore = traced.generator();
    traced.traceNextIteration();
    traced.iterate();
    const UpdateStats stats = traced.lastStats();
    std::optional<IterationTrace> trace = traced.takeTrace();
    REQUIRE(trace.has_value());
    CHECK_FALSE(traced.takeTrace().has_value());  // handed over once
    CHECK(traced.generator().parameters() == straight.generator().parameters());
    CHECK(traced.discriminator().parameters() == straight.discriminator().parameters());
    straight.train(20);
    traced.train(20);  // untraced again: still the same run
    CHECK(traced.generator().parameters() == straight.generator().parameters());
    CHECK(traced.history().back().lossD == straight.history().back().lossD);

    // The batch: batch × pack real and fake samples, the fake ones G(z) of the G before the iteration.
    const Eigen::Index n = config.batch * pack;
    CHECK(trace->step == 29);
    CHECK(trace->real.cols() == n);
    CHECK(trace->fake.cols() == n);
    CHECK(trace->latent.cols() == n);
    MlpWorkspace ws;
    CHECK(gBefore.forward(trace->latent, ws) == trace->fake);
    REQUIRE(trace->realD.size() == static_cast<std::size_t>(n));
    for (float d : trace->realD) CHECK((d > 0.0f && d < 1.0f));  // probabilities (non-saturating loss)
    if (pack == 2) CHECK(trace->realD[0] == trace->realD[1]);    // a pack shares its score
    // D's scores averaged are what the update measured (one D step: the iteration's stats are its).
    CHECK(mean(trace->realD) == doctest::Approx(stats.dReal).epsilon(1e-5));
    CHECK(mean(trace->fakeD) == doctest::Approx(stats.dFake).epsilon(1e-5));
    CHECK(trace->lossD == stats.lossD);
    CHECK(trace->lossG == stats.lossG);
    // G's update: its samples before, the push of its loss on each, and the same noise after.
    REQUIRE(trace->generatorTraced);
    CHECK(trace->fakeBefore.cols() == n);
    CHECK(trace->fakePush.cols() == n);
    CHECK(trace->fakeBefore == gBefore.forward(trace->generatorLatent, ws));  // G had not moved yet
    Trainer at30(config);
    at30.train(30);
    CHECK(trace->fakeAfter == at30.generator().forward(trace->generatorLatent, ws));
    CHECK_FALSE(trace->fakeAfter == trace->fakeBefore);
    CHECK(trace->discriminatorSteps == 1);
    CHECK(trace->generatorSteps == 1);
  }
}

TEST_CASE("slow motion: simultaneous updates trace one batch for both, the same noise") {
  Config config = testing::smallRingConfig(5);
  config.update = UpdateOrder::Simultaneous;
  Trainer t(config);
  t.train(5);
  t.traceNextIteration();
  t.iterate();
  const auto trace = t.takeTrace();
  REQUIRE(trace.has_value());
  CHECK(trace->simultaneous);
  CHECK(trace->generatorLatent == trace->latent);
  CHECK(trace->fakeBefore == trace->fake);
}

TEST_CASE("thread: a traced step is one iteration like Step, paused, and its snapshot carries the trace") {
  Config config = testing::smallRingConfig(6);
  TrainingThread plain(config, /*startPaused=*/true), slow(config, /*startPaused=*/true);
  plain.send(StepCommand{41});
  slow.send(StepCommand{40});
  auto s = testing::waitForSnapshot(slow, [](const Snapshot& x) { return x.step == 40 && x.paused; });
  REQUIRE(s->step == 40);
  CHECK(s->trace == nullptr);
  slow.send(TracedStepCommand{});
  s = testing::waitForSnapshot(slow, [](const Snapshot& x) { return x.step == 41 && x.paused; });
  REQUIRE(s->step == 41);
  REQUIRE(s->trace != nullptr);
  CHECK(s->trace->step == 40);
  const auto p = testing::waitForSnapshot(plain, [](const Snapshot& x) { return x.step == 41 && x.paused; });
  CHECK(p->generator->parameters() == s->generator->parameters());
  CHECK(p->discriminator->parameters() == s->discriminator->parameters());
  // Any command after it ends the trace (it belongs to the state right after its iteration).
  slow.send(StepCommand{1});
  s = testing::waitForSnapshot(slow, [](const Snapshot& x) { return x.step == 42 && x.paused; });
  CHECK(s->trace == nullptr);
}

TEST_CASE("slow motion: the window's phases show the state before, D after with G before, then both after") {
  Config config = testing::smallRingConfig(7);
  TrainingThread thread(config, /*startPaused=*/true);
  thread.send(StepCommand{20});
  auto latest = testing::waitForSnapshot(thread, [](const Snapshot& x) { return x.step == 20 && x.paused; });
  REQUIRE(latest->step == 20);
  SlowMotion slow(thread);
  slow.start(latest);
  CHECK(slow.active());
  // Frames: each one hands the newest snapshot over until the traced iteration has come back.
  const auto frameUntilReady = [&] {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!slow.ready() && std::chrono::steady_clock::now() < deadline) {
      latest = thread.waitForNewer(latest->version, std::chrono::milliseconds(20));
      slow.update(latest);
    }
  };
  frameUntilReady();
  REQUIRE(slow.ready());
  const auto before = slow.shown();
  CHECK(before->step == 20);
  CHECK(slow.phase() == SlowMotionPhase::Batch);
  CHECK(slow.caption().find("1 / 5") == 0);
  CHECK(slow.highlight() == GraphHighlight::Batch);
  slow.next(latest);
  slow.next(latest);
  CHECK(slow.phase() == SlowMotionPhase::Score);
  CHECK(slow.shown() == before);
  CHECK(slow.measured()->step == 21);  // the iteration's own scores and losses from phase 3 on
  slow.next(latest);
  const auto middle = slow.shown();  // D after its update, G as before
  CHECK(middle->generator->parameters() == before->generator->parameters());
  CHECK_FALSE(middle->discriminator->parameters() == before->discriminator->parameters());
  CHECK(middle->version != before->version);
  slow.next(latest);
  const auto after = slow.shown();
  CHECK(after->step == 21);
  CHECK(after->discriminator->parameters() == middle->discriminator->parameters());
  CHECK_FALSE(after->generator->parameters() == before->generator->parameters());
  // The keys: PageUp goes back a phase, PageDown on (as previous() and next()).
  CHECK(slow.handleShortcut({ShortcutAction::PreviousCaption}, latest));
  CHECK(slow.phase() == SlowMotionPhase::UpdateDiscriminator);
  CHECK(slow.handleShortcut({ShortcutAction::NextCaption}, latest));
  CHECK(slow.phase() == SlowMotionPhase::UpdateGenerator);
  slow.previous();
  CHECK(slow.phase() == SlowMotionPhase::UpdateDiscriminator);
  slow.next(latest);
  // After the fifth phase: the next iteration, from the state after this one.
  slow.next(latest);
  CHECK(slow.phase() == SlowMotionPhase::Batch);
  frameUntilReady();
  REQUIRE(slow.ready());
  CHECK(slow.shown()->step == 21);
  for (int i = 0; i < 4; ++i) slow.next(latest);
  CHECK(slow.shown()->step == 22);
  // Two iterations in slow motion are two iterations of the run: the same weights as 22 straight.
  Trainer straight(config);
  straight.train(22);
  CHECK(slow.shown()->generator->parameters() == straight.generator().parameters());
  // Space ends slow motion and goes on to the controls (not used up here); M starts it again; PageDown is the
  // scripted demo's again once it has ended.
  CHECK_FALSE(slow.handleShortcut({ShortcutAction::PlayPause}, latest));
  CHECK_FALSE(slow.active());
  CHECK(slow.shown() == nullptr);
  CHECK_FALSE(slow.handleShortcut({ShortcutAction::NextCaption}, latest));
  CHECK(slow.handleShortcut({ShortcutAction::SlowMotion}, latest));
  CHECK(slow.active());
  CHECK(slow.handleShortcut({ShortcutAction::SlowMotion}, latest));
  CHECK_FALSE(slow.active());
}

TEST_CASE("slow motion: its marks on the 1D view, inside the plot, and none on the plane for 1D data") {
  Config config = testing::smallRingConfig(7);
  config.data = dataDefaults(DataKind::Gaussian1d);
  TrainingThread thread(config, /*startPaused=*/true);
  thread.send(StepCommand{10});
  auto latest = testing::waitForSnapshot(thread, [](const Snapshot& x) { return x.step == 10 && x.paused; });
  REQUIRE(latest->generator->outputDim() == 1);
  SlowMotion slow(thread);
  slow.start(latest);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!slow.ready() && std::chrono::steady_clock::now() < deadline) {
    latest = thread.waitForNewer(latest->version, std::chrono::milliseconds(20));
    slow.update(latest);
  }
  REQUIRE(slow.ready());
  testing::NullImGui context;
  const ImVec4 plot(100.0f, 50.0f, 500.0f, 350.0f);
  for (int phase = 1; phase <= 5; ++phase) {
    CAPTURE(phase);
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(800, 600));
    ImGui::Begin("view");
    ImDrawList* list = ImGui::GetWindowDrawList();
    const int before = list->VtxBuffer.Size;
    slow.drawPlaneOverlay(list, plot, ImVec4(-1, 1, -1, 1));
    CHECK(list->VtxBuffer.Size == before);  // 1D samples: nothing on a plane
    slow.drawLineOverlay(list, plot, -2.0, 8.0);
    CHECK(list->VtxBuffer.Size > before + 50);  // the phase's marks: dozens of rings or arrows
    // The marks are drawn clipped to the plot: a command of them has the plot as its clip rectangle.
    bool clipped = false;
    for (const ImDrawCmd& cmd : list->CmdBuffer)
      clipped = clipped || (cmd.ElemCount > 0 && cmd.ClipRect.x == plot.x && cmd.ClipRect.y == plot.y &&
                            cmd.ClipRect.z == plot.z && cmd.ClipRect.w == plot.w);
    CHECK(clipped);
    ImGui::End();
    ImGui::Render();
    slow.next(latest);
  }
}
