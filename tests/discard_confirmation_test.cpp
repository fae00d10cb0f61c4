// No click loses a run: a preset, a new architecture or a comparison asks before it throws away more than a
// few seconds of training, does its work at once where there is little to lose, and a preset chosen while
// paused stays paused.
#include "app/ui/discard_confirmation.h"

#include <doctest/doctest.h>
#include <imgui.h>

#include <chrono>
#include <thread>

#include "app/presets/preset_library.h"
#include "app/ui/compare_panel.h"
#include "app/ui/control_panel.h"
#include "core/runtime/run_group.h"
#include "core/runtime/training_thread.h"
#include "tests/null_imgui.h"
#include "tests/small_ring_config.h"
#include "tests/wait_for_snapshot.h"

using namespace ganscope;
using namespace std::chrono_literals;

namespace {

// One ImGui frame that draws `confirmation`, with the key `key` (a GLFW code, -1: none) going down in it.
void frame(DiscardConfirmation& confirmation, int key = -1) {
  Snapshot latest;
  latest.step = 40883;
  ImGuiIO& io = ImGui::GetIO();
  for (bool& down : io.KeysDown) down = false;
  if (key >= 0) io.KeysDown[key] = true;
  ImGui::NewFrame();
  confirmation.draw(latest);
  ImGui::EndFrame();
}

// A paused run trained to `steps` iterations.
std::unique_ptr<TrainingThread> trainedRun(long long steps) {
  auto thread = std::make_unique<TrainingThread>(testing::smallRingConfig(3), /*startPaused=*/true);
  if (steps > 0) thread->send(StepCommand{steps});
  const auto s = testing::waitForSnapshot(
      *thread, [&](const Snapshot& x) { return x.step == steps && x.paused; }, 60s);
  REQUIRE(s->step == steps);
  return thread;
}

}  // namespace

TEST_CASE("discard: it asks above 2,000 iterations or 5 seconds of training, not below") {
  CHECK_FALSE(asksBeforeDiscarding(0, 0.0));
  CHECK_FALSE(asksBeforeDiscarding(2000, 0.0));
  CHECK(asksBeforeDiscarding(2001, 0.0));
  CHECK(asksBeforeDiscarding(40883, 3500.0));
  CHECK_FALSE(asksBeforeDiscarding(1500, 3500.0));  // under half a second at full speed
  CHECK(asksBeforeDiscarding(300, 20.0));           // 15 seconds of slow motion
  CHECK_FALSE(asksBeforeDiscarding(80, 20.0));      // 4 seconds
  // What is at stake: the step the run got to, also while a checkpoint before it is shown.
  Snapshot s;
  s.step = 1200;
  CHECK(iterationsAtStake(s) == 1200);
  s.rewoundFrom = 40883;
  CHECK(iterationsAtStake(s) == 40883);
  CHECK(discardQuestion("Start a comparison", 40883) ==
        "Start a comparison? This starts training again and throws away 40,883 iterations.");
}

TEST_CASE("discard: little to lose runs the action at once, more waits for Enter, and Escape drops it") {
  testing::NullImGui imgui;
  ImGuiIO& io = ImGui::GetIO();
  io.KeyMap[ImGuiKey_Enter] = 257;
  io.KeyMap[ImGuiKey_Escape] = 256;
  DiscardConfirmation confirmation;
  int runs = 0;
  Snapshot fresh;
  fresh.step = 150;
  confirmation.request(fresh, "Load the preset ring8", [&] { ++runs; });
  CHECK(runs == 1);
  CHECK_FALSE(confirmation.pending());

  Snapshot long_;
  long_.step = 40883;
  confirmation.request(long_, "Load the preset ring8", [&] { ++runs; });
  CHECK(confirmation.pending());
  frame(confirmation);
  frame(confirmation);
  CHECK(runs == 1);
  frame(confirmation, 256);  // Escape: keep the run
  CHECK_FALSE(confirmation.pending());
  frame(confirmation);
  CHECK(runs == 1);

  confirmation.request(long_, "Load the preset ring8", [&] { ++runs; });
  frame(confirmation, 257);  // the Enter that asked (a text field's) in the frame it opens: no answer
  CHECK(runs == 1);
  CHECK(confirmation.pending());
  frame(confirmation);
  frame(confirmation, 257);  // Enter: go ahead
  CHECK(runs == 2);
  CHECK_FALSE(confirmation.pending());
}

TEST_CASE("discard: a preset chosen while paused loads paused, and on a long run it asks first") {
  const auto fresh = trainedRun(0);
  DiscardConfirmation confirmation;
  ControlPanel controls(*fresh, {});
  controls.setConfirmation(&confirmation);
  const std::string preset = lectureSet().front();
  CHECK(controls.handleShortcut({ShortcutAction::Preset, 1}, *fresh->latest()));
  CHECK_FALSE(confirmation.pending());  // nothing to lose
  auto s = testing::waitForSnapshot(*fresh, [&](const Snapshot& x) { return x.config.name == preset; });
  REQUIRE(s->config.name == preset);
  std::this_thread::sleep_for(200ms);
  s = fresh->latest();
  CHECK(s->paused);
  CHECK(s->step == 0);

  const auto trained = trainedRun(2500);
  ControlPanel asking(*trained, {});
  asking.setConfirmation(&confirmation);
  const std::string before = trained->latest()->config.name;
  CHECK(asking.handleShortcut({ShortcutAction::Preset, 1}, *trained->latest()));
  CHECK(confirmation.pending());
  std::this_thread::sleep_for(200ms);
  CHECK(trained->latest()->step == 2500);
  CHECK(trained->latest()->config.name == before);
}

TEST_CASE("discard: starting a comparison on a long run asks first and leaves run A as it is") {
  RunGroup runs(trainedRun(2500));
  DiscardConfirmation confirmation;
  ComparePanel panel(runs, {});
  panel.setConfirmation(&confirmation);
  CHECK(panel.compareWithSettings("pack=4").empty());
  CHECK(confirmation.pending());
  CHECK_FALSE(runs.comparing());
  CHECK(runs.latest(0)->step == 2500);
  // A refusal is still said at once, with nothing asked.
  DiscardConfirmation other;
  panel.setConfirmation(&other);
  CHECK_FALSE(panel.compareWithSettings("no_such_key=1").empty());
  CHECK_FALSE(other.pending());
}
