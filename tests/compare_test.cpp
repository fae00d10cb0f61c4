// Side by side (issue 16): run B as run A with settings changed, the lockstep that keeps two training threads at the
// same iteration, the RunGroup that sends the window's commands to both, and the window's two-view layout. The
// tests named "thread:" also run under ThreadSanitizer (scripts/test.sh).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <atomic>
#include <chrono>
#include <random>
#include <thread>

#include "app/presets/preset_library.h"
#include "app/ui/compare_panel.h"
#include "app/window/window_layout.h"
#include "core/gan/config_difference.h"
#include "core/gan/config_json.h"
#include "core/gan/trainer.h"
#include "core/runtime/lockstep.h"
#include "core/runtime/run_group.h"
#include "tests/small_ring_config.h"
#include "tests/wait_for_snapshot.h"

using namespace ganscope;
using namespace std::chrono_literals;
using ganscope::testing::smallRingConfig;
using ganscope::testing::waitForSnapshot;

namespace {

// Whether two configs train the same run (the informational keys aside).
bool sameRun(Config a, Config b) {
  a.name = b.name;
  a.description = b.description;
  a.demoSteps = b.demoSteps;
  return a == b;
}

// Equal, or both NaN (a metric that does not apply yet, as D's loss before its first update).
bool sameValue(double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); }

}  // namespace

TEST_CASE("compare: configDifferences lists what run B changes, and withSettings puts it back on run A") {
  const Config collapse = loadPreset("ring8-collapse");
  Config pacgan = loadPreset("ring8-pacgan");
  const std::vector<std::string> changes = configDifferences(collapse, pacgan);
  CHECK(changes == std::vector<std::string>{"pack=4"});
  CHECK(sameRun(withSettings(collapse, changes), pacgan));
  CHECK(configDifferences(collapse, collapse).empty());

  // Several keys, nested ones and lists, each as a value --set reads back; the informational keys are left out.
  Config b = collapse;
  b.name = "another name";
  b.optimizer.d.lr = 4e-4;
  b.generator.hidden = {32, 32, 32};
  b.loss = LossKind::Hinge;
  b.timeline = {TimelineEvent{500, {TimelineSetting{"pack", "2"}}, "packs of two"}};
  const std::vector<std::string> several = configDifferences(collapse, b);
  CHECK(several.size() == 4);
  CHECK(std::find(several.begin(), several.end(), "generator.hidden=[32,32,32]") != several.end());
  CHECK(std::find(several.begin(), several.end(), "loss=\"hinge\"") != several.end());
  CHECK(several.back().rfind("timeline=", 0) == 0);
  Config back = withSettings(collapse, several);
  back.name = b.name;
  CHECK(back == b);
}

TEST_CASE("compare: run B takes run A's seed, and a B that is A, a wrong key or a B that cannot run is refused") {
  Config a = loadPreset("ring8-collapse");
  a.seed = 7;
  const Config pacgan = loadPreset("ring8-pacgan");
  const Comparison fromPreset = makeComparison(a, &pacgan, "ring8-pacgan", {});
  CHECK(fromPreset.settings == std::vector<std::string>{"pack=4"});  // not seed=1: B runs on A's seed
  CHECK(fromPreset.label == "ring8-pacgan");

  const Comparison fromSettings = makeComparison(a, nullptr, "", {"pack=4", "penalty.r1=1"});
  CHECK(fromSettings.settings.size() == 2);
  CHECK(fromSettings.label == "pack=4 penalty.r1=1");
  CHECK(makeComparison(a, nullptr, "", {"seed=8"}).settings == std::vector<std::string>{"seed=8"});

  auto refusal = [&](const std::vector<std::string>& settings) {
    try {
      makeComparison(a, nullptr, "", settings);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(refusal({"pack=1"}).find("the same run as run A") != std::string::npos);
  CHECK(refusal({"pakc=4"}).find("unknown key 'pakc'") != std::string::npos);
  CHECK(refusal({"pack=0"}).find("run B cannot run") != std::string::npos);
  CHECK(refusal({"pack=0"}).find("pack") != std::string::npos);
}

TEST_CASE("compare: each run's output file is named with -A or -B before its extension") {
  CHECK(comparedRunPath("metrics.csv", 'A') == "metrics-A.csv");
  CHECK(comparedRunPath("out/run.v2/metrics.csv", 'B') == "out/run.v2/metrics-B.csv");
  CHECK(comparedRunPath("out.d/metrics", 'B') == "out.d/metrics-B");
  CHECK(comparedRunPath("out/.hidden", 'A') == "out/.hidden-A");
}

TEST_CASE("compare: the menu's field splits settings at each key=value, a value with spaces kept whole") {
  CHECK(splitSettings("pack=4  penalty.r1=1") == std::vector<std::string>{"pack=4", "penalty.r1=1"});
  CHECK(splitSettings("generator.hidden=[64, 64] pack=2") ==
        std::vector<std::string>{"generator.hidden=[64, 64]", "pack=2"});
  CHECK(splitSettings("   ").empty());
}

TEST_CASE("layout: a comparison splits the view in two equal halves, side by side or one above the other") {
  const WindowLayout single = computeLayout(LayoutMode::Normal, 1280, 800, 1.0f);
  CHECK(single.runs == 1);
  CHECK(single.runViews[0].width == single.view.width);
  for (const LayoutMode mode : {LayoutMode::Normal, LayoutMode::Lecture}) {
    const WindowLayout wide = computeLayout(mode, 1920, 1080, 1.0f, {}, 0, 2);
    CHECK(wide.runs == 2);
    // The views keep more of the width when there are two of them.
    CHECK(wide.view.width >= (mode == LayoutMode::Lecture ? 0.7f : 0.6f) * 1920.0f - 1.0f);
    CHECK(wide.runViews[0].y == wide.runViews[1].y);
    CHECK(std::abs(wide.runViews[0].width - wide.runViews[1].width) <= 1.0f);
    CHECK(wide.runViews[0].x + wide.runViews[0].width == doctest::Approx(wide.runViews[1].x));
    CHECK(wide.runViews[1].x + wide.runViews[1].width == doctest::Approx(wide.view.x + wide.view.width));
  }
  // A projector's 1024 x 768: the view is taller than wide, but stacked each picture would lose its height to the
  // banners above it, so the runs stay side by side.
  const WindowLayout projector = computeLayout(LayoutMode::Normal, 1024, 768, 1.0f, {}, 0, 2);
  CHECK(projector.view.height > projector.view.width);
  CHECK(projector.runViews[0].y == projector.runViews[1].y);
  // A portrait window: the view is much taller than wide, so the runs are stacked.
  const WindowLayout tall = computeLayout(LayoutMode::Normal, 900, 1600, 1.0f, {}, 0, 2);
  CHECK(tall.runViews[0].x == tall.runViews[1].x);
  CHECK(tall.runViews[0].y + tall.runViews[0].height == doctest::Approx(tall.runViews[1].y));
  CHECK(tall.runViews[1].y + tall.runViews[1].height == doctest::Approx(tall.view.y + tall.view.height));
}

TEST_CASE("lockstep: a run may iterate only when no run that holds back is behind it") {
  Lockstep lockstep(2);
  CHECK(lockstep.mayIterate(0, 0));
  CHECK(lockstep.mayIterate(1, 0));
  lockstep.report(0, 1, true);
  CHECK_FALSE(lockstep.mayIterate(0, 1));  // A is one ahead of B: it waits
  CHECK(lockstep.mayIterate(1, 0));
  lockstep.report(1, 1, true);
  CHECK(lockstep.mayIterate(0, 1));
  lockstep.report(1, 5, false);  // B stopped (diverged) at 5: it holds nobody back
  lockstep.report(0, 9, true);
  CHECK(lockstep.mayIterate(0, 9));
  CHECK_FALSE(lockstep.waitForTurn(1, 20, std::chrono::microseconds(1000)));  // A at 9 holds B at 20 back
  CHECK_THROWS_AS(Lockstep(0), std::invalid_argument);
}

TEST_CASE("thread: runs in a lockstep are never more than one iteration apart, whatever their speeds") {
  Lockstep lockstep(2);
  std::array<std::atomic<long long>, 2> steps{};
  std::atomic<long long> widestGap{0};
  auto run = [&](int index, int slowness) {
    std::mt19937 random(static_cast<unsigned>(index + 1));
    for (long long step = 0; step < 400;) {
      if (!lockstep.waitForTurn(index, step, std::chrono::microseconds(2000))) continue;
      // An iteration of random length (the slower run's longer).
      std::this_thread::sleep_for(std::chrono::microseconds(random() % (50 * slowness)));
      steps[static_cast<std::size_t>(index)].store(++step);
      const long long gap = std::llabs(steps[0].load() - steps[1].load());
      long long widest = widestGap.load();
      while (gap > widest && !widestGap.compare_exchange_weak(widest, gap)) {
      }
      lockstep.report(index, step, true);
    }
    lockstep.report(index, 400, false);
  };
  std::thread a(run, 0, 1), b(run, 1, 4);
  a.join();
  b.join();
  CHECK(steps[0].load() == 400);
  CHECK(steps[1].load() == 400);
  // A run that finished an iteration may be one ahead of the other, which is then starting its own; never two.
  CHECK(widestGap.load() <= 2);
}

TEST_CASE("thread: a comparison steps both runs to the same iteration, the faster waiting, each as it runs alone") {
  Config a = smallRingConfig(3);
  RunGroup group(std::make_unique<TrainingThread>(a, /*startPaused=*/true));
  // B is several times slower: wider networks and a larger batch.
  group.compare(makeComparison(a, nullptr, "", {"batch=256", "discriminator.hidden=[64,64]"}));
  REQUIRE(group.comparing());
  CHECK(group.runCount() == 2);
  group.send(StepCommand{300});
  const auto doneA = waitForSnapshot(group.run(0), [](const Snapshot& s) { return s.paused && s.step == 300; }, 20s);
  const auto doneB = waitForSnapshot(group.run(1), [](const Snapshot& s) { return s.paused && s.step == 300; }, 20s);
  CHECK(doneA->step == 300);
  CHECK(doneB->step == 300);
  CHECK(doneB->config.batch == 256);
  CHECK(doneA->config.batch == a.batch);
  // Lockstep changes when each iteration runs, never what it computes: each run's history is its run alone's.
  for (int r = 0; r < 2; ++r) {
    Trainer alone(r == 0 ? a : withSettings(a, group.comparison().settings));
    alone.train(300);
    const auto& shown = *(r == 0 ? doneA : doneB)->history;
    REQUIRE(shown.size() == alone.history().size());
    for (std::size_t i = 0; i < shown.size(); ++i) {
      CHECK(shown[i].step == alone.history()[i].step);
      CHECK(sameValue(shown[i].lossD, alone.history()[i].lossD));
      CHECK(sameValue(shown[i].w1, alone.history()[i].w1));
    }
  }
  // Playing: the faster run A spends much of its time waiting for B, and says so.
  group.send(ResumeCommand{});
  const auto waiting =
      waitForSnapshot(group.run(0), [](const Snapshot& s) { return s.step > 600 && s.lockstepWaitShare > 0.2; }, 20s);
  CHECK(waiting->lockstepWaitShare > 0.2);
  group.send(PauseCommand{});
}

TEST_CASE("thread: a comparison's shared settings go to both runs with B's on top, one run's fix to it alone") {
  const Config a = smallRingConfig(5);
  RunGroup group(std::make_unique<TrainingThread>(a, /*startPaused=*/true));
  group.compare(makeComparison(a, nullptr, "", {"pack=4"}));
  Config changed = a;
  changed.optimizer.d.lr = 3e-4;
  changed.pack = 2;  // B's own setting stays B's
  group.send(SetConfigCommand{changed});
  const auto isApplied = [](const Snapshot& s) { return s.config.optimizer.d.lr == 3e-4; };
  CHECK(waitForSnapshot(group.run(0), isApplied)->config.pack == 2);
  CHECK(waitForSnapshot(group.run(1), isApplied)->config.pack == 4);

  // A fix from B's collapse banner changes B alone, and B's difference from A follows.
  RunGroup::RunTarget runB(group, 1);
  Config fixedB = group.latest(1)->config;
  fixedB.penalty.r1 = 1.0;
  runB.send(SetConfigCommand{fixedB});
  CHECK(waitForSnapshot(group.run(1), [](const Snapshot& s) { return s.config.penalty.r1 == 1.0; })->config.pack == 4);
  CHECK(group.latest(0)->config.penalty.r1 == 0.0);
  const std::vector<std::string>& settingsB = group.comparison().settings;
  INFO("B's settings: " << settingsB.size());
  CHECK(settingsB.size() == 2);
  CHECK(std::find(settingsB.begin(), settingsB.end(), "pack=4") != settingsB.end());
  CHECK(std::find_if(settingsB.begin(), settingsB.end(),
                     [](const std::string& s) { return s.rfind("penalty.r1=1", 0) == 0; }) != settingsB.end());

  // A bad comparison changes nothing; stopping leaves A training alone, held back by nobody.
  CHECK_THROWS_AS(group.compare(makeComparison(a, nullptr, "", {"pakc=4"})), ConfigError);
  CHECK(group.comparing());
  group.stopComparing();
  CHECK_FALSE(group.comparing());
  const long long at = group.latest(0)->step;
  group.send(StepCommand{50});
  CHECK(waitForSnapshot(group.run(0), [&](const Snapshot& s) { return s.paused && s.step == at + 50; })->step ==
        at + 50);
}
