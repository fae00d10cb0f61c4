// The 1D view in a lecture at a projector's size: with large text its plot keeps its room by leaving out the
// mapping panel under it, instead of giving up and saying "(too small)".
#include <doctest/doctest.h>
#include <imgui.h>

#include "app/views/line_view.h"
#include "core/data/distribution.h"
#include "core/runtime/training_thread.h"
#include "tests/null_imgui.h"
#include "tests/small_ring_config.h"
#include "tests/wait_for_snapshot.h"

using namespace ganscope;

namespace {

// The plot rectangle `view` draws for `s` at `textPixels` text in `size`, with or without the mapping panel
// asked.
ImVec4 plotOf(LineView& view, const Snapshot& s, float textPixels, ImVec2 size, bool mapping, float& font) {
  ImGui::GetIO().FontGlobalScale = textPixels / ImGui::GetIO().Fonts->Fonts[0]->FontSize;
  view.options().mapping = mapping;
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(800, 800));
  ImGui::Begin("view");
  font = ImGui::GetFontSize();
  view.draw(s, ImGui::GetWindowDrawList(), ImVec2(10, 10), size);
  ImGui::End();
  ImGui::EndFrame();
  return view.plotRect();
}

}  // namespace

TEST_CASE("line view: with large text in a small view the mapping panel gives the plot its room") {
  Config config = testing::smallRingConfig(7);
  config.data = dataDefaults(DataKind::Gaussian1d);
  TrainingThread thread(config, /*startPaused=*/true);
  thread.send(StepCommand{20});
  const auto s = testing::waitForSnapshot(thread, [](const Snapshot& x) { return x.step == 20 && x.paused; });
  REQUIRE(s->generator->outputDim() == 1);
  testing::NullImGui context;
  LineView view;
  float font = 0.0f;
  const ImVec2 size(600, 640);
  // Body text: room for both, and the mapping panel takes its part of the height.
  const ImVec4 withMapping = plotOf(view, *s, 15.0f, size, true, font);
  const ImVec4 plotAlone = plotOf(view, *s, 15.0f, size, false, font);
  CHECK(withMapping.w - withMapping.y < plotAlone.w - plotAlone.y - 4.0f * font);
  // Twice the text: with the panel the plot would keep under six lines of it, so the panel is left out.
  const ImVec2 small(600, 500);
  const ImVec4 large = plotOf(view, *s, 30.0f, small, true, font);
  const ImVec4 largeAlone = plotOf(view, *s, 30.0f, small, false, font);
  CHECK(large.w - large.y == doctest::Approx(largeAlone.w - largeAlone.y));
  CHECK(large.w - large.y >= 4.0f * font);  // a plot, not "(too small)"
}
