// The collapse banner folds: to one line where unfolded it would not fit its room, and in the lecture layout
// once its condition's banner has been read; a new episode in the normal layout is shown whole again.
#include "app/ui/collapse_banner.h"

#include <doctest/doctest.h>
#include <imgui.h>

#include <memory>
#include <vector>

#include "tests/null_imgui.h"

using namespace ganscope;

namespace {

// Takes the banner's fixes and forgets them.
class NoTrainer : public CommandTarget {
 public:
  void send(TrainerCommand) override {}
  std::shared_ptr<const Snapshot> latest() const override { return std::make_shared<Snapshot>(); }
};

// A ring of 8 whose metric history has all 8 modes for `healthyRows` rows, then 2 of 8 up to `rows` rows:
// mode collapse from step healthyRows·100.
std::shared_ptr<Snapshot> collapsedRun(long long version, int healthyRows, int rows) {
  auto s = std::make_shared<Snapshot>();
  s->version = version;
  s->config.data.kind = DataKind::Ring;
  s->config.metricsEvery = 100;
  auto history = std::make_shared<std::vector<MetricsRow>>();
  for (int i = 0; i < rows; ++i) {
    MetricsRow r;
    r.step = 100LL * i;
    r.lossD = 1.35;
    r.lossG = 0.72;
    r.dReal = 0.52;
    r.dFake = 0.46;
    r.gradNormD = 2.0;
    r.gradNormG = 5.0;
    r.modesTotal = 8;
    r.modes = i < healthyRows ? 8 : 2;
    r.capturedModes = i < healthyRows ? 0xFF : 0x3;
    r.highQuality = 0.6;
    history->push_back(r);
  }
  s->history = history;
  return s;
}

// Draws `banner` for `seconds` of frames (a second each) in a window, with `room` pixels for it.
void show(CollapseBanner& banner, const Snapshot& snapshot, int seconds = 1, float room = 1e9f) {
  ImGui::GetIO().DeltaTime = 1.0f;
  for (int i = 0; i < seconds; ++i) {
    ImGui::NewFrame();
    ImGui::SetNextWindowSize(ImVec2(700, 500));
    ImGui::Begin("view");
    banner.draw(snapshot, room);
    ImGui::End();
    ImGui::EndFrame();
  }
}

}  // namespace

TEST_CASE("collapse banner: in the lecture layout it starts folded once that condition's banner was read") {
  testing::NullImGui imgui;
  NoTrainer trainer;
  CollapseBanner banner(trainer);
  banner.setLecture(true);
  const auto first = collapsedRun(1, 10, 30);
  show(banner, *first);
  REQUIRE(banner.monitor().report().condition == TrainingCondition::ModeCollapse);
  CHECK_FALSE(banner.folded());  // never read: shown whole
  show(banner, *first, static_cast<int>(kBannerReadingSeconds) + 1);
  CHECK_FALSE(banner.folded());  // read, but the episode on screen stays as it is
  // The run starts again and collapses again: a new episode of a condition already read starts folded.
  const auto again = collapsedRun(2, 12, 26);
  show(banner, *again);
  REQUIRE(banner.monitor().report().since != first->history->at(10).step);
  CHECK(banner.folded());
}

TEST_CASE("collapse banner: shown briefly it is not read, and in the normal layout a new episode is whole") {
  testing::NullImGui imgui;
  NoTrainer trainer;
  CollapseBanner lecture(trainer), normal(trainer);
  lecture.setLecture(true);
  const auto first = collapsedRun(1, 10, 30);
  const auto again = collapsedRun(2, 12, 26);
  show(lecture, *first, 2);  // two seconds: not read yet
  show(lecture, *again);
  CHECK_FALSE(lecture.folded());
  show(normal, *first, static_cast<int>(kBannerReadingSeconds) + 1);
  show(normal, *again);
  CHECK_FALSE(normal.folded());
}

TEST_CASE("collapse banner: where unfolded it would not fit its room it starts folded") {
  testing::NullImGui imgui;
  NoTrainer trainer;
  CollapseBanner banner(trainer);
  const auto first = collapsedRun(1, 10, 30);
  show(banner, *first);  // measured unfolded, with room to spare
  CHECK_FALSE(banner.folded());
  const auto again = collapsedRun(2, 12, 26);
  show(banner, *again, 1, /*room=*/20.0f);
  CHECK(banner.folded());
}
