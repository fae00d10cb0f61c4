// Tests of the window's damage tracking (app/window/damage_tracker.h) on real ImGui frames, built without a
// renderer (ImGui's null backend: a context, a display size and a font atlas, no GL).
#include "app/window/damage_tracker.h"

#include <doctest/doctest.h>
#include <imgui.h>

#include <string>
#include <vector>

#include "tests/null_imgui.h"

using namespace ganscope;
using ganscope::testing::NullImGui;

namespace {

constexpr ImGuiWindowFlags kFixed =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings;

// One frame with two fixed windows side by side, left at x in [0, 200) and right at x in [300, 600), and
// optionally a third window over both; returns what the tracker says.
std::vector<DamageRect> frame(DamageTracker& tracker, const std::string& left, const std::string& right,
                              bool third = false) {
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(200, 100));
  ImGui::Begin("left", nullptr, kFixed);
  ImGui::TextUnformatted(left.c_str());
  ImGui::End();
  ImGui::SetNextWindowPos(ImVec2(300, 0));
  ImGui::SetNextWindowSize(ImVec2(300, 400));
  ImGui::Begin("right", nullptr, kFixed);
  ImGui::TextUnformatted(right.c_str());
  ImGui::End();
  if (third) {
    ImGui::SetNextWindowPos(ImVec2(100, 50));
    ImGui::SetNextWindowSize(ImVec2(300, 100));
    ImGui::Begin("third", nullptr, kFixed);
    ImGui::TextUnformatted("over both");
    ImGui::End();
  }
  ImGui::Render();
  return tracker.update(*ImGui::GetDrawData());
}

double area(const std::vector<DamageRect>& rects) {
  double sum = 0.0;
  for (const DamageRect& r : rects) sum += double(r.x1 - r.x0) * double(r.y1 - r.y0);
  return sum;
}

}  // namespace

TEST_CASE("damage: the first frame is all damage, an unchanged frame none, a changed window only itself") {
  NullImGui context;
  DamageTracker tracker;
  const auto first = frame(tracker, "step 1", "loss 0.5");
  REQUIRE(first.size() == 1);
  CHECK(area(first) == doctest::Approx(800.0 * 600.0));
  // ImGui settles window sizes over the first frames; then identical frames damage nothing.
  frame(tracker, "step 1", "loss 0.5");
  CHECK(frame(tracker, "step 1", "loss 0.5").empty());

  const auto rightChanged = frame(tracker, "step 1", "loss 0.25");
  REQUIRE(rightChanged.size() == 1);
  CHECK(rightChanged[0].x0 >= 299.0f);  // inside the right window, nowhere near the left one
  CHECK(rightChanged[0].x1 <= 601.0f);
  CHECK(rightChanged[0].y1 <= 401.0f);
  CHECK(frame(tracker, "step 1", "loss 0.25").empty());

  // Both windows change: two areas, not one across the gap between them.
  const auto both = frame(tracker, "step 2", "loss 0.125");
  CHECK(both.size() == 2);
  CHECK(area(both) < 0.5 * 800.0 * 600.0);

  // A window opening (a tooltip, a popup) changes the list of lists: all is drawn again.
  const auto opened = frame(tracker, "step 2", "loss 0.125", true);
  REQUIRE(opened.size() == 1);
  CHECK(area(opened) == doctest::Approx(800.0 * 600.0));

  tracker.reset();
  CHECK(area(frame(tracker, "step 2", "loss 0.125", true)) == doctest::Approx(800.0 * 600.0));
}

TEST_CASE("damage: rectangles merge when their union costs no more pixels, and stay apart otherwise") {
  std::vector<DamageRect> rects;
  addDamage(rects, {0, 0, 100, 100});
  addDamage(rects, {10, 10, 50, 50});  // inside: merged
  CHECK(rects.size() == 1);
  addDamage(rects, {100, 0, 200, 100});  // the other half of a strip: merged
  REQUIRE(rects.size() == 1);
  CHECK(rects[0].x1 == 200.0f);
  addDamage(rects, {400, 400, 500, 500});  // far away: apart
  CHECK(rects.size() == 2);
  addDamage(rects, {190, 90, 410, 410});  // overlaps both by a corner, union far larger: apart
  CHECK(rects.size() == 3);
  addDamage(rects, {});  // nothing
  CHECK(rects.size() == 3);
  CHECK(DamageRect{}.empty());
  CHECK(DamageRect{0, 0, 10, 10}.clippedTo({20, 20, 30, 30}).empty());
}

TEST_CASE("damage: a list drawn with the same commands damages only the triangles that changed") {
  NullImGui context;
  DamageTracker tracker;
  // The right window is 300 × 400; its text is one line near its top.
  for (int i = 0; i < 3; ++i) frame(tracker, "step 1", "loss 0.5");
  // The same number of glyphs, one of them different: a glyph's box, not the window's.
  const auto digit = frame(tracker, "step 1", "loss 0.7");
  REQUIRE(digit.size() == 1);
  CHECK(area(digit) < 0.02 * 300.0 * 400.0);
  CHECK(digit[0].x0 >= 299.0f);
  CHECK(digit[0].y1 < 60.0f);
  // A longer text: the line from the first glyph that differs on, still not the window.
  const auto longer = frame(tracker, "step 1", "loss 0.75 and more");
  REQUIRE(longer.size() == 1);
  CHECK(area(longer) < 0.1 * 300.0 * 400.0);
  CHECK(longer[0].y1 < 60.0f);
  CHECK(frame(tracker, "step 1", "loss 0.75 and more").empty());
}
