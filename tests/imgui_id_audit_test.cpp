// The ImGui ID audit (app/window/imgui_id_audit.h), and the check it exists for: every panel of the window, drawn
// in every state its controls can be in, uses each ImGui ID once a frame. (ImGui 1.86 aborts when an item whose ID
// another item shares is clicked: the Data section's "modes" slider and the Layers section's "modes" checkbox once
// did, on the default preset.)
#include "app/window/imgui_id_audit.h"

#include <doctest/doctest.h>
#include <imgui.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "app/presets/preset_library.h"
#include "app/ui/collapse_banner.h"
#include "app/ui/control_panel.h"
#include "app/ui/record_panel.h"
#include "app/ui/rewind_bar.h"
#include "app/ui/session_panel.h"
#include "app/record/record_target.h"
#include "app/views/metrics_panel.h"
#include "core/data/distribution.h"
#include "core/gan/config_names.h"
#include "core/runtime/training_thread.h"
#include "tests/null_imgui.h"

using namespace ganscope;
using ganscope::testing::NullImGui;

namespace {

// Draws `body` inside one window of one ImGui frame; returns the conflicts that frame had.
std::vector<ImGuiIdConflict> conflictsOf(const std::function<void()>& body) {
  (void)takeImGuiIdConflicts();
  ImGui::NewFrame();
  ImGui::Begin("panel");
  body();
  ImGui::End();
  ImGui::Render();
  return takeImGuiIdConflicts();
}

// The settings panel's sections, opened before drawing so every control in them is drawn (Networks starts shut).
constexpr const char* kSections[] = {"Data",   "Training", "Stabilizers", "Optimizers", "Networks",
                                     "Curves", "Layers",   "Record",      "Session"};

// The window's other panels: recording, sessions and the rewind slider.
struct MorePanels {
  RecordPanel record;
  SessionPanel session;
  RewindBar rewind;
  explicit MorePanels(TrainingThread& thread)
      : record(thread), session(thread, [] { return std::string("{}"); }), rewind(thread) {}
};

// One frame of the whole window's panels on `thread`'s latest snapshot: toolbar, settings (every section open),
// the view's banners, the metrics. Returns the conflicts, each described.
std::vector<std::string> drawWindowPanels(TrainingThread& thread, ControlPanel& controls, CollapseBanner& banner,
                                          MetricsPanel& metrics, MorePanels& more) {
  const auto snapshot = thread.latest();
  PlaneLayers layers;
  LineViewOptions lines;
  (void)takeImGuiIdConflicts();
  ImGui::NewFrame();
  ImGui::SetNextWindowSize(ImVec2(1280, 40));
  ImGui::Begin("##toolbar");
  controls.drawToolbar(*snapshot);
  ImGui::SameLine();
  more.record.drawToolbar(*snapshot);
  ImGui::End();
  ImGui::SetNextWindowSize(ImVec2(330, 3000));
  ImGui::Begin("Settings");
  for (const char* section : kSections) ImGui::GetStateStorage()->SetInt(ImGui::GetID(section), 1);
  controls.drawSettings(*snapshot, layers, lines);
  more.record.drawSettings();
  more.session.draw(*snapshot);
  ImGui::End();
  ImGui::SetNextWindowSize(ImVec2(600, 760));
  ImGui::Begin("view");
  banner.draw(*snapshot);
  more.rewind.draw(*snapshot, 600);
  ImGui::End();
  ImGui::SetNextWindowSize(ImVec2(360, 760));
  ImGui::Begin("Metrics");
  metrics.draw(*snapshot, ImGui::GetContentRegionAvail(), 100);
  ImGui::End();
  ImGui::Render();
  std::vector<std::string> described;
  for (const auto& c : takeImGuiIdConflicts()) {
    std::ostringstream line;
    reportImGuiIdConflicts({c}, line);
    described.push_back(line.str());
  }
  return described;
}

// A small network, so each state trains and publishes quickly.
Config small(Config c) {
  c.generator.hidden = {16, 16};
  c.discriminator.hidden = {16, 16};
  c.batch = 64;
  c.metricsEvery = 50;
  c.metricsSamples = 500;
  return c;
}

// Every state the settings panel draws differently in: each data kind, loss, optimizer kind and update order,
// each stabilizer on, and a stopped run.
std::vector<std::pair<std::string, Config>> panelStates(const std::string& pointsFile) {
  std::vector<std::pair<std::string, Config>> states;
  for (const auto& [kind, name] : enumEntries<DataKind>()) {
    Config c;
    c.data = dataDefaults(kind);
    if (kind == DataKind::Points) c.data.file = pointsFile;
    states.emplace_back("data " + std::string(name), small(c));
  }
  for (const auto& [loss, name] : enumEntries<LossKind>()) {
    Config c;
    c.loss = loss;
    states.emplace_back("loss " + std::string(name), small(c));
  }
  for (const auto& [kind, name] : enumEntries<OptimizerKind>()) {
    Config c;
    c.optimizer.g.kind = c.optimizer.d.kind = kind;
    states.emplace_back("optimizer " + std::string(name), small(c));
  }
  Config stabilized;
  stabilized.unroll = 3;
  stabilized.pack = 2;
  stabilized.instanceNoise = 0.1;
  stabilized.instanceNoiseAnneal = 1000;
  stabilized.spectralNorm = true;
  stabilized.penalty.r1 = 1.0;
  stabilized.penalty.r2 = 1.0;
  states.emplace_back("every stabilizer on", small(stabilized));
  Config simultaneous;
  simultaneous.update = UpdateOrder::Simultaneous;
  states.emplace_back("simultaneous updates", small(simultaneous));
  Config fallback;  // the trainer box with its note under it: trainer=gpu, trained on the CPU for spectral norm
  fallback.trainer = TrainerKind::Gpu;
  fallback.spectralNorm = true;
  states.emplace_back("trainer gpu, on the CPU", small(fallback));
  Config diverging;
  diverging.loss = LossKind::Wgan;
  diverging.penalty.clip = 10.0;
  diverging.optimizer.g.kind = diverging.optimizer.d.kind = OptimizerKind::Sgd;
  diverging.optimizer.g.lr = diverging.optimizer.d.lr = 10.0;
  states.emplace_back("diverging", small(diverging));
  return states;
}

}  // namespace

TEST_CASE("imgui id audit: two items with one ID in a frame are found, once, with their window") {
  NullImGui imgui;
  ImGuiID sameId = 0;
  auto conflicts = conflictsOf([&] {
    ImGui::Button("same");
    ImGui::Button("same");
    sameId = ImGui::GetID("same");
  });
  REQUIRE(conflicts.size() == 1);
  CHECK(conflicts[0].window == "panel");
  CHECK(conflicts[0].id == sameId);
  // A slider and a checkbox of one label (the shape of the bug this audit was written for).
  bool checked = false;
  int value = 3;
  conflicts = conflictsOf([&] {
    ImGui::SliderInt("modes", &value, 1, 10);
    ImGui::Checkbox("modes", &checked);
  });
  CHECK(conflicts.size() == 1);
  // Reported once per context: the next frame with the same conflict adds nothing.
  conflicts = conflictsOf([&] {
    ImGui::SliderInt("modes", &value, 1, 10);
    ImGui::Checkbox("modes", &checked);
  });
  CHECK(conflicts.empty());
  std::ostringstream text;
  CHECK(reportImGuiIdConflicts({ImGuiIdConflict{0xabcd, 7, "Settings", 10, 20}}, text) == 1);
  CHECK(text.str().find("ImGui ID conflict") != std::string::npos);
  CHECK(text.str().find("'Settings'") != std::string::npos);
}

TEST_CASE("imgui id audit: distinct labels, ID scopes and other windows are no conflict") {
  NullImGui imgui;
  const auto conflicts = conflictsOf([] {
    ImGui::Button("a");
    ImGui::Button("b");
    ImGui::Button("a##other");
    for (int i = 0; i < 3; ++i) {
      ImGui::PushID(i);
      ImGui::Button("a");
      ImGui::PopID();
    }
    ImGui::Begin("second window");
    ImGui::Button("a");
    ImGui::End();
  });
  CHECK(conflicts.empty());
  // The same frame drawn again is a new frame: its IDs are not the last frame's repeated.
  CHECK(conflictsOf([] { ImGui::Button("a"); }).empty());
  CHECK(conflictsOf([] { ImGui::Button("a"); }).empty());
}

TEST_CASE("imgui id audit: every panel in every state of its controls uses each ID once a frame") {
  NullImGui imgui;
  ImGui::GetIO().DisplaySize = ImVec2(1280, 3000);  // tall enough that no section is clipped away
  const auto folder = std::filesystem::temp_directory_path() / "ganscope-id-audit";
  std::filesystem::create_directories(folder);
  const std::string points = (folder / "points.csv").string();
  std::ofstream(points) << "x,y\n0,0\n1,1\n-1,0.5\n";
  std::vector<PresetInfo> presets;
  CHECK_NOTHROW(presets = listPresets());
  int states = 0;
  for (const auto& [state, config] : panelStates(points)) {
    CAPTURE(state);
    REQUIRE(validate(config).empty());
    TrainingThread thread(config, /*startPaused=*/true);
    thread.send(StepCommand{120});
    auto snapshot = thread.latest();
    for (int i = 0; i < 400 && (snapshot->step < 120 || !snapshot->paused) && snapshot->divergence.empty(); ++i) {
      snapshot = thread.waitForNewer(snapshot->version, std::chrono::milliseconds(50));
    }
    ControlPanel controls(thread, presets);
    controls.setPresetName("ring8");
    CollapseBanner banner(thread);
    MetricsPanel metrics;
    MorePanels more(thread);
    // Rewound (the slider's Back and Resume buttons) and recording (the indicator and Stop), where the run allows.
    if (snapshot->divergence.empty()) {
      thread.send(RewindCommand{50});
      for (int i = 0; i < 100 && snapshot->rewoundFrom < 0; ++i) {
        snapshot = thread.waitForNewer(snapshot->version, std::chrono::milliseconds(50));
      }
      CHECK(snapshot->rewoundFrom == 120);
    }
    RecordingOptions recording;
    recording.target = parseRecordTarget((folder / ("frames-" + std::to_string(states++)) / "").string());
    more.record.start(recording, snapshot->step);
    for (int frame = 0; frame < 2; ++frame) {
      const auto conflicts = drawWindowPanels(thread, controls, banner, metrics, more);
      CAPTURE(conflicts.empty() ? std::string() : conflicts.front());
      CHECK(conflicts.empty());
    }
  }
  std::filesystem::remove_all(folder);
}
