// Tests of the metrics panel's staggered refresh (app/views/metrics_panel.h) on real ImGui frames without a
// renderer: which charts' draw lists change from one frame to the next is what a software rasterizer draws again.
#include "app/views/metrics_panel.h"
#include "app/views/fitted_text.h"

#include <doctest/doctest.h>
#include <imgui.h>

#include <chrono>
#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/null_imgui.h"

using namespace ganscope;
using ganscope::testing::NullImGui;

namespace {

// A snapshot whose history has `rows` rows of losses, D outputs, gradient norms and mode metrics of a ring of 8
// (six charts), the values drifting with the step so every new row changes every chart.
std::shared_ptr<const Snapshot> snapshotWith(long long version, int rows) {
  auto history = std::make_shared<std::vector<MetricsRow>>();
  for (int i = 0; i < rows; ++i) {
    MetricsRow r;
    r.step = 100LL * i;
    r.lossD = 1.3 + 0.1 * std::sin(0.3 * i);
    r.lossG = 0.8 + 0.1 * std::cos(0.2 * i);
    r.dReal = 0.55 + 0.05 * std::sin(0.1 * i);
    r.dFake = 0.45 - 0.05 * std::sin(0.1 * i);
    r.gradNormD = 1.0 + 0.5 * i;
    r.gradNormG = 2.0 + 0.25 * i;
    r.modes = 1 + i % 8;
    r.modesTotal = 8;
    r.highQuality = 0.5 + 0.4 * std::sin(0.05 * i);
    r.modeKl = 0.1 * (i % 5);
    history->push_back(r);
  }
  auto s = std::make_shared<Snapshot>();
  s->version = version;
  s->step = history->back().step;
  s->history = std::move(history);
  return s;
}

constexpr int kCharts = 6;  // what snapshotWith's history shows

// The panel's charts' draw lists in one frame, by window name: their vertices' positions and colours.
using ChartLists = std::map<std::string, std::vector<float>>;

ChartLists frame(MetricsPanel& panel, const Snapshot& s, int chartsToRefresh, const Snapshot* b = nullptr) {
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(360, 600));
  ImGui::Begin("Metrics", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings);
  panel.draw(s, ImGui::GetContentRegionAvail(), chartsToRefresh, b);
  ImGui::End();
  ImGui::Render();
  ChartLists lists;
  const ImDrawData& data = *ImGui::GetDrawData();
  for (int n = 0; n < data.CmdListsCount; ++n) {
    const ImDrawList& list = *data.CmdLists[n];
    const std::string name = list._OwnerName ? list._OwnerName : "";
    if (name.find("##chart") == std::string::npos) continue;
    std::vector<float>& v = lists[name];
    for (const ImDrawVert& vertex : list.VtxBuffer) {
      v.push_back(vertex.pos.x);
      v.push_back(vertex.pos.y);
      v.push_back(static_cast<float>(vertex.col));
    }
  }
  return lists;
}

// How many charts differ between two frames.
int changedCharts(const ChartLists& before, const ChartLists& after) {
  int changed = 0;
  for (const auto& [name, vertices] : after) {
    const auto it = before.find(name);
    changed += it == before.end() || it->second != vertices ? 1 : 0;
  }
  return changed;
}

}  // namespace

TEST_CASE("metrics panel: not staggered, every chart shows the newest history in the same frame") {
  NullImGui context;
  MetricsPanel panel;
  const auto first = snapshotWith(1, 40), second = snapshotWith(2, 41);
  frame(panel, *first, 0);
  const ChartLists settled = frame(panel, *first, 0);  // ImGui settles child sizes over the first frames
  REQUIRE(settled.size() == kCharts);
  CHECK(changedCharts(settled, frame(panel, *first, 0)) == 0);
  CHECK(changedCharts(settled, frame(panel, *second, 0)) == kCharts);  // chartsToRefresh only applies staggered
  CHECK(panel.showing(2));
}

TEST_CASE("metrics panel: staggered, a new history reaches the charts a few per frame, and none in busy frames") {
  NullImGui context;
  MetricsPanel panel;
  panel.setStaggered(true, std::chrono::milliseconds(0));
  const auto first = snapshotWith(1, 40), second = snapshotWith(2, 41);
  frame(panel, *first, 3);
  frame(panel, *first, 3);
  frame(panel, *first, 3);
  ChartLists last = frame(panel, *first, 3);
  REQUIRE(last.size() == kCharts);
  REQUIRE(panel.showing(1));

  // A frame with picture work refreshes nothing (but the very first history is drawn whatever the frame: see the
  // next test).
  ChartLists next = frame(panel, *second, 0);
  CHECK(changedCharts(last, next) == 0);
  CHECK_FALSE(panel.showing(2));
  // Then two charts a frame: six charts take three frames, and only then does the panel show version 2.
  for (int f = 0; f < 3; ++f) {
    CAPTURE(f);
    CHECK_FALSE(panel.showing(2));
    last = next;
    next = frame(panel, *second, 2);
    CHECK(changedCharts(last, next) == 2);
  }
  CHECK(panel.showing(2));
  CHECK(changedCharts(next, frame(panel, *second, 2)) == 0);
}

TEST_CASE("metrics panel: staggered, a new round starts no sooner than the interval after the last") {
  NullImGui context;
  MetricsPanel panel;
  panel.setStaggered(true, std::chrono::hours(1));
  const auto first = snapshotWith(1, 40), second = snapshotWith(2, 41);
  for (int f = 0; f < 4; ++f) frame(panel, *first, kCharts);  // the first history is taken at once
  REQUIRE(panel.showing(1));
  const ChartLists before = frame(panel, *first, kCharts);
  // The round that took version 1 began under an hour ago: version 2 waits, however many charts may refresh.
  CHECK(changedCharts(before, frame(panel, *second, kCharts)) == 0);
  CHECK_FALSE(panel.showing(2));
}

TEST_CASE("metrics panel: staggered, the first history is drawn even in a frame that may refresh no chart") {
  NullImGui context;
  MetricsPanel panel;
  panel.setStaggered(true, std::chrono::milliseconds(100));
  const auto first = snapshotWith(1, 40);
  CHECK(frame(panel, *first, 0).size() == kCharts);
  CHECK(panel.showing(1));
}

TEST_CASE("A chart's title fits its width: the short title, or an ellipsis, never past the edge") {
  NullImGui context;
  ImGui::NewFrame();
  const char* title = "Losses (equilibrium: D = 1/2, V = -log 4)";
  const float full = ImGui::CalcTextSize(title).x;
  CHECK(fittedText(title, "Losses", full + 1.0f) == title);
  CHECK(fittedText(title, "Losses", full - 1.0f) == "Losses");
  const float shortWidth = ImGui::CalcTextSize("Losses").x;
  const std::string cut = fittedText(title, "Losses", shortWidth - 1.0f);
  CHECK(cut.size() < std::string("Losses").size() + 3);
  CHECK(cut.rfind("\u2026") == cut.size() - 3);  // ends with the ellipsis, whole
  CHECK(ImGui::CalcTextSize(cut.c_str()).x <= shortWidth - 1.0f);
  // Without a short title the long one is cut; a multi-byte character is never split.
  const std::string greek = fittedText("θ and ψ of the Dirac-GAN", nullptr, ImGui::CalcTextSize("θ and").x);
  CHECK(ImGui::CalcTextSize(greek.c_str()).x <= ImGui::CalcTextSize("θ and").x);
  // Valid UTF-8: each lead byte followed by its continuation bytes.
  bool valid = true;
  for (std::size_t i = 0; i < greek.size() && valid;) {
    const auto c = static_cast<unsigned char>(greek[i]);
    const std::size_t length = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    for (std::size_t k = 1; k < length; ++k)
      valid = valid && i + k < greek.size() && (static_cast<unsigned char>(greek[i + k]) & 0xC0) == 0x80;
    i += length;
  }
  CHECK(valid);
  CHECK(greek.find("\u2026") != std::string::npos);
  CHECK(fittedText(title, "Losses", 1.0f).empty());
  ImGui::EndFrame();
}

TEST_CASE("metrics panel: a comparison draws run B's curves in the same charts, a conditional run its class accuracy") {
  NullImGui context;
  MetricsPanel panel;
  const auto a = snapshotWith(1, 40);
  frame(panel, *a, 0);
  const ChartLists alone = frame(panel, *a, 0);
  REQUIRE(alone.size() == kCharts);
  // Run B: the same steps, other values; its curves are added, dashed, to each chart (more vertices in each).
  auto b = std::make_shared<Snapshot>(*snapshotWith(7, 40));
  auto rowsB = std::make_shared<std::vector<MetricsRow>>(*b->history);
  for (MetricsRow& row : *rowsB) {
    row.lossD += 0.3;
    row.modes = 8;
    row.gradNormG *= 2.0;
  }
  b->history = rowsB;
  frame(panel, *a, 0, b.get());
  const ChartLists compared = frame(panel, *a, 0, b.get());
  REQUIRE(compared.size() == kCharts);  // no chart more: B shares A's axes
  for (const auto& [name, vertices] : compared) {
    CAPTURE(name);
    CHECK(vertices.size() > alone.at(name).size());
  }
  CHECK(panel.showing(1));
  CHECK(panel.showingB(7));
  CHECK_FALSE(panel.showingB(8));

  // A conditional run's class accuracy is a chart of its own.
  auto conditional = std::make_shared<Snapshot>(*snapshotWith(9, 40));
  auto rowsC = std::make_shared<std::vector<MetricsRow>>(*conditional->history);
  for (std::size_t i = 0; i < rowsC->size(); ++i) (*rowsC)[i].classAccuracy = 0.1 + 0.02 * static_cast<double>(i);
  conditional->history = rowsC;
  // Its chart comes after the modes' (chart kind 4; each chart is a child window "##chartK").
  auto hasClassChart = [](const ChartLists& lists) {
    for (const auto& [name, vertices] : lists)
      if (name.find("##chart4") != std::string::npos) return true;
    return false;
  };
  CHECK_FALSE(hasClassChart(alone));
  frame(panel, *conditional, 0);
  CHECK(hasClassChart(frame(panel, *conditional, 0)));
}
