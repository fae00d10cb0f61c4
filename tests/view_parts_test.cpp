// The plot keeps its space: at every window size from a projector's 1024 x 768 up and every UI scale the
// window offers, in the normal, lecture and comparison layouts, the window's one layout computation leaves
// each run's plot at least half of its view's height and a readable width; what does not fit (side panels,
// the banners' height) gives way instead.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "app/window/imgui_style.h"
#include "app/window/window_layout.h"

using namespace ganscope;

namespace {

struct WindowSize {
  float width, height;
};

// What a view may ask for in the worst case at UI scale `scale`: an unfolded collapse banner, a notice and
// the model graph above the plot (twenty lines of body text), a three-line caption below it.
ViewContent crowdedView(float scale) {
  return {20.0f * kBodyFontSize * scale, 3.0f * kCaptionFontSize * scale};
}

// The parts of a run's view lie inside it, top to bottom: header, plot, caption, rewind slider.
void checkStacked(const ViewParts& p, const PanelRect& view) {
  CHECK(p.header.y >= view.y);
  CHECK(p.plot.y == doctest::Approx(p.header.y + p.header.height));
  CHECK(p.caption.y == doctest::Approx(p.plot.y + p.plot.height));
  CHECK(p.rewind.y == doctest::Approx(p.caption.y + p.caption.height));
  CHECK(p.rewind.y + p.rewind.height <= view.y + view.height + 0.01f);
  CHECK(p.plot.x >= view.x);
  CHECK(p.plot.x + p.plot.width <= view.x + view.width + 0.01f);
}

}  // namespace

TEST_CASE("view parts: the plot keeps half the view's height and a readable width at every size and scale") {
  for (const WindowSize size : {WindowSize{1024, 768}, WindowSize{1280, 800}, WindowSize{1920, 1080}}) {
    const float largest = largestUiScale(size.width, size.height);
    for (const float scale : {1.0f, 1.5f, largest}) {
      for (const LayoutMode mode : {LayoutMode::Normal, LayoutMode::Lecture}) {
        for (const int runs : {1, 2}) {
          for (const int toolbarRows : {0, 4}) {
            CAPTURE(size.width);
            CAPTURE(size.height);
            CAPTURE(scale);
            CAPTURE(mode == LayoutMode::Lecture);
            CAPTURE(runs);
            CAPTURE(toolbarRows);
            const WindowLayout l = computeLayout(mode, size.width, size.height, scale, {}, toolbarRows, runs,
                                                 crowdedView(scale));
            for (int r = 0; r < runs; ++r) {
              const ViewParts& p = l.runParts[r];
              checkStacked(p, l.runViews[r]);
              CHECK(p.plot.height >= 0.5f * l.runViews[r].height);
              CHECK(p.plot.width >= (runs == 1 ? 0.4f : 0.2f) * size.width);
              CHECK(p.plot.width >= 200.0f);
              CHECK(p.plot.height >= 150.0f);
              // The crowded header got what the plot leaves, not nothing.
              CHECK(p.header.height > 2.0f * kBodyFontSize * scale);
              // All it asked for where that fits, else all the plot's half leaves.
              CHECK(p.header.height == doctest::Approx(std::min(crowdedView(scale).header, p.headerMost)));
            }
          }
        }
      }
    }
  }
}

TEST_CASE(
    "view parts: a quiet view gives the plot everything but the title, the rewind slider and the header") {
  const WindowLayout l =
      computeLayout(LayoutMode::Lecture, 1024, 768, 1.5f, {}, 0, 1, ViewContent{40.0f, 0.0f});
  const ViewParts& p = l.runParts[0];
  CHECK(p.header.height == 40.0f);  // asked for, and it fits: all of it
  CHECK(p.caption.height == 0.0f);
  CHECK(p.rewind.height == doctest::Approx(26.0f * 1.5f));
  CHECK(p.plot.y + p.plot.height + p.rewind.height ==
        doctest::Approx(l.view.y + l.view.height - 8.0f * 1.5f));
  // A caption asked for gets its band below the plot, not over it.
  const WindowLayout captioned =
      computeLayout(LayoutMode::Lecture, 1024, 768, 1.5f, {}, 0, 1, ViewContent{40.0f, 60.0f});
  CHECK(captioned.runParts[0].caption.height == 60.0f);
  CHECK(captioned.runParts[0].plot.height == doctest::Approx(p.plot.height - 60.0f));
}

TEST_CASE("view parts: a side panel folds when the view would keep less than a readable share of the width") {
  // 1024 x 768 at scale 1.5: the panels' minimum widths (270 + 200 pixels at scale 1) would leave the view
  // 319.
  const WindowLayout l = computeLayout(LayoutMode::Normal, 1024, 768, 1.5f);
  CHECK(l.folded.metrics);
  CHECK_FALSE(l.folded.settings);
  CHECK(l.metrics.width == foldedPanelWidth(1.5f));
  CHECK(l.view.width >= kReadableViewShare * 1024);
  // The metrics asked for: the settings fold instead.
  const WindowLayout charts =
      computeLayout(LayoutMode::Normal, 1024, 768, 1.5f, {}, 0, 1, {}, PanelPriority::Metrics);
  CHECK(charts.folded.settings);
  CHECK_FALSE(charts.folded.metrics);
  // Where both fit at their minimums nothing folds that the user did not fold.
  const WindowLayout roomy = computeLayout(LayoutMode::Normal, 1280, 800, 1.0f);
  CHECK_FALSE(roomy.folded.settings);
  CHECK_FALSE(roomy.folded.metrics);
  const WindowLayout user = computeLayout(LayoutMode::Normal, 1280, 800, 1.0f, PanelFolding{true, false});
  CHECK(user.folded.settings);
  CHECK_FALSE(user.folded.metrics);
}

TEST_CASE("view parts: the largest UI scale the window offers grows with the window, never below 1") {
  CHECK(largestUiScale(1024, 768) == doctest::Approx(1.92f));
  CHECK(largestUiScale(1280, 800) == doctest::Approx(2.0f));
  CHECK(largestUiScale(1920, 1080) == doctest::Approx(2.7f));
  CHECK(largestUiScale(320, 240) == 1.0f);
  // A lecture at --ui-scale 1.5 (1.875 with the lecture's quarter more) fits a projector's window.
  CHECK(largestUiScale(1024, 768) >= 1.5f * 1.25f);
}
