// The lecture mode's parts that need no window: the one layout computation, the automatic UI scale, the
// keyboard shortcuts read from ImGui's input, what the training shortcuts do to a real training thread, and
// the lecture set.
#include <doctest/doctest.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "app/presets/preset_library.h"
#include "app/ui/concept_cards.h"
#include "app/ui/control_panel.h"
#include "app/ui/shortcuts.h"
#include "app/ui/toolbar_flow.h"
#include "app/window/imgui_style.h"
#include "app/window/monitor_choice.h"
#include "app/window/window_layout.h"
#include "core/runtime/training_thread.h"
#include "tests/null_imgui.h"
#include "tests/small_ring_config.h"
#include "tests/wait_for_snapshot.h"

using namespace ganscope;
using namespace std::chrono_literals;

namespace {

// The panels tile the window: toolbar across the top, then settings, view and metrics side by side to the
// bottom.
void checkTiles(const WindowLayout& l, float width, float height) {
  CHECK(l.toolbar.x == 0.0f);
  CHECK(l.toolbar.width == width);
  CHECK(l.settings.x == 0.0f);
  CHECK(l.view.x == doctest::Approx(l.settings.width));
  CHECK(l.metrics.x == doctest::Approx(l.view.x + l.view.width));
  CHECK(l.metrics.x + l.metrics.width == doctest::Approx(width));
  for (const PanelRect& r : {l.settings, l.view, l.metrics}) {
    CHECK(r.y == l.toolbar.height);
    CHECK(r.y + r.height == doctest::Approx(height));
    CHECK(r.width > 0.0f);
  }
}

// The GLFW backend's key codes for the keys ImGui 1.86 names (the window maps them the same way).
void mapKeysAsGlfw() {
  ImGuiIO& io = ImGui::GetIO();
  io.KeyMap[ImGuiKey_Space] = 32;
  io.KeyMap[ImGuiKey_V] = 'V';
  io.KeyMap[ImGuiKey_LeftArrow] = 263;
  io.KeyMap[ImGuiKey_RightArrow] = 262;
  io.KeyMap[ImGuiKey_PageUp] = 266;
  io.KeyMap[ImGuiKey_PageDown] = 267;
  io.KeyMap[ImGuiKey_Escape] = 256;
}

// One frame in which `keys` go down (with the modifiers given), the frame before with every key up;
// `focusText` keeps a text field focused in both. Returns the shortcuts read in the second frame.
std::vector<ShortcutPress> press(std::vector<int> keys, bool ctrl = false, bool shift = false,
                                 bool focusText = false) {
  ImGuiIO& io = ImGui::GetIO();
  static char text[32] = "";
  auto frame = [&](bool down) {
    for (bool& key : io.KeysDown) key = false;
    if (down)
      for (int key : keys) io.KeysDown[key] = true;
    io.KeyCtrl = down && ctrl;
    io.KeyShift = down && shift;
    ImGui::NewFrame();
    std::vector<ShortcutPress> presses = pressedShortcuts();
    ImGui::Begin("window");
    if (focusText) {
      if (!ImGui::IsAnyItemActive()) ImGui::SetKeyboardFocusHere();
      ImGui::InputText("##text", text, sizeof text);
    }
    ImGui::End();
    ImGui::EndFrame();
    return presses;
  };
  frame(false);
  frame(false);
  const auto presses = frame(true);
  frame(false);
  return presses;
}

}  // namespace

TEST_CASE("layout: the researcher's window takes its preferred widths where the view keeps half") {
  const WindowLayout wide = computeLayout(LayoutMode::Normal, 1600, 900, 1.0f);
  checkTiles(wide, 1600, 900);
  CHECK(wide.toolbar.height == 40.0f);
  CHECK(wide.settings.width == 330.0f);
  CHECK(wide.metrics.width == 360.0f);
  CHECK(wide.toolbarRows == 1);
  // 1280 × 800: 330 + 360 would leave the view 590 of 1280; each panel gives up its share of the 50 pixels.
  const WindowLayout l = computeLayout(LayoutMode::Normal, 1280, 800, 1.0f);
  checkTiles(l, 1280, 800);
  CHECK(l.view.width == doctest::Approx(640.0f));
  CHECK(l.settings.width == doctest::Approx(330.0f - 50.0f * 60.0f / 220.0f));  // spare: 60 and 160 pixels
  CHECK(l.toolbarRows == 1);
}

TEST_CASE("layout: the view keeps at least half the width at 1024x768, 60 % in the lecture layout") {
  for (const LayoutMode mode : {LayoutMode::Normal, LayoutMode::Lecture}) {
    const bool lecture = mode == LayoutMode::Lecture;
    CAPTURE(lecture);
    const float scale = automaticUiScale(768, 1.0f, lecture);
    const WindowLayout l = computeLayout(mode, 1024, 768, scale);
    checkTiles(l, 1024, 768);
    CHECK(l.view.width >= (lecture ? 0.6f : 0.5f) * 1024 - 0.5f);
    CHECK(l.toolbarRows == 2);  // the toolbar's controls do not fit on one row at 1024
    CHECK(l.toolbar.height == doctest::Approx(toolbarHeight(2, scale)));
  }
  // 1920 × 1080 in the lecture layout at its automatic scale: the view takes 60 %.
  const float scale = automaticUiScale(1080, 1.0f, true);
  const WindowLayout l = computeLayout(LayoutMode::Lecture, 1920, 1080, scale);
  checkTiles(l, 1920, 1080);
  CHECK(l.view.width >= 0.6f * 1920 - 0.5f);
}

TEST_CASE(
    "layout: a larger scale widens the panels where there is room, and a folded panel gives the view its "
    "room") {
  const WindowLayout big = computeLayout(LayoutMode::Normal, 3840, 2160, 2.0f);
  checkTiles(big, 3840, 2160);
  CHECK(big.settings.width == 660.0f);
  CHECK(big.metrics.width == 720.0f);
  CHECK(big.toolbar.height == 80.0f);
  const WindowLayout open = computeLayout(LayoutMode::Normal, 1280, 800, 1.0f);
  const WindowLayout folded = computeLayout(LayoutMode::Normal, 1280, 800, 1.0f, PanelFolding{true, true});
  checkTiles(folded, 1280, 800);
  CHECK(folded.settings.width == foldedPanelWidth(1.0f));
  CHECK(folded.metrics.width == foldedPanelWidth(1.0f));
  CHECK(folded.view.width == doctest::Approx(1280 - 2 * foldedPanelWidth(1.0f)));
  CHECK(folded.view.width > open.view.width + 500);
  // A window smaller than the panels' minimums still leaves the view a quarter.
  const WindowLayout tiny = computeLayout(LayoutMode::Normal, 320, 240, 2.0f);
  checkTiles(tiny, 320, 240);
  CHECK(tiny.view.width >= 80.0f - 0.5f);
}

TEST_CASE(
    "ui scale: 1 at 1280x800, body text of at least 22 pixels at 1920x1080 in lecture mode, a HiDPI "
    "monitor") {
  CHECK(automaticUiScale(800, 1.0f, false) == 1.0f);
  CHECK(automaticUiScale(600, 1.0f, false) == 1.0f);  // never smaller than the default
  CHECK(automaticUiScale(1080, 1.0f, false) == doctest::Approx(1.35f));
  CHECK(kBodyFontSize * automaticUiScale(1080, 1.0f, true) >= 22.0f);
  CHECK(automaticUiScale(800, 2.0f, false) == 2.0f);                    // the monitor's content scale
  CHECK(automaticUiScale(2160, 2.0f, false) == doctest::Approx(2.7f));  // not the product of the two
  CHECK(automaticUiScale(8192, 4.0f, true) == kMaxUiScale);
  CHECK(parseTheme("light") == Theme::Light);
  CHECK(parseTheme("dark") == Theme::Dark);
  CHECK_FALSE(parseTheme("Light").has_value());
  CHECK(themeName(Theme::Light) == "light");
}

TEST_CASE("shortcuts: each key reads as its action, none while a text field has the keyboard") {
  testing::NullImGui imgui;
  mapKeysAsGlfw();
  struct Case {
    std::vector<int> keys;
    ShortcutAction action;
    bool shift = false;
  };
  const Case cases[] = {
      {{32}, ShortcutAction::PlayPause},
      {{'S'}, ShortcutAction::Step},
      {{'D'}, ShortcutAction::StepDiscriminator},
      {{'G'}, ShortcutAction::StepGenerator},
      {{'R'}, ShortcutAction::Reset},
      {{'L'}, ShortcutAction::Lecture},
      {{'T'}, ShortcutAction::Theme},
      {{'F'}, ShortcutAction::Fullscreen},
      {{'M'}, ShortcutAction::SlowMotion},
      {{'P'}, ShortcutAction::Screenshot},
      {{'V'}, ShortcutAction::Record},
      {{263}, ShortcutAction::ScrubBack},
      {{262}, ShortcutAction::ScrubForward},
      {{267}, ShortcutAction::NextCaption},
      {{266}, ShortcutAction::PreviousCaption},
      {{'H'}, ShortcutAction::Help},
      {{47}, ShortcutAction::Help, true},
      {{256}, ShortcutAction::CloseOverlay},
  };
  for (const Case& c : cases) {
    CAPTURE(c.keys.front());
    const auto presses = press(c.keys, false, c.shift);
    REQUIRE(presses.size() == 1);
    CHECK(presses.front().action == c.action);
    CHECK(press(c.keys, false, c.shift, /*focusText=*/true).empty());
  }
  // The digits load the lecture set's presets.
  for (int digit = 1; digit <= 9; ++digit) {
    const auto presses = press({'0' + digit});
    REQUIRE(presses.size() == 1);
    CHECK(presses.front().action == ShortcutAction::Preset);
    CHECK(presses.front().preset == digit);
  }
  // Ctrl+Q quits; with Ctrl the letters are not shortcuts (Ctrl+S does not step); a bare Q is nothing.
  const auto quit = press({'Q'}, /*ctrl=*/true);
  REQUIRE(quit.size() == 1);
  CHECK(quit.front().action == ShortcutAction::Quit);
  CHECK(press({'S'}, true).empty());
  CHECK(press({'Q'}).empty());
  // Ctrl+=, Ctrl+- and Ctrl+0 (and the keypad's +, - and 0) set the text size; without Ctrl, 0 and - are not
  // that.
  const std::pair<int, ShortcutAction> textKeys[] = {
      {61, ShortcutAction::TextLarger},   {334, ShortcutAction::TextLarger},
      {45, ShortcutAction::TextSmaller},  {333, ShortcutAction::TextSmaller},
      {'0', ShortcutAction::TextDefault}, {320, ShortcutAction::TextDefault}};
  for (const auto& [key, action] : textKeys) {
    CAPTURE(key);
    const auto presses = press({key}, /*ctrl=*/true);
    REQUIRE(presses.size() == 1);
    CHECK(presses.front().action == action);
  }
  CHECK(press({61}).empty());
  CHECK(press({'0'}).empty());
  CHECK(press({47}).empty());  // '/' without Shift is not '?'
}

TEST_CASE("shortcuts: the help overlay's table lists every action once") {
  std::set<ShortcutAction> listed;
  for (const Shortcut& s : shortcutTable()) {
    CHECK(listed.insert(s.action).second);
    CHECK(std::string(s.keys).size() > 0);
    CHECK(std::string(s.description).size() > 10);
  }
  CHECK(listed.size() == static_cast<std::size_t>(ShortcutAction::TextDefault) + 1);  // the last action
}

TEST_CASE(
    "shortcuts: the training keys step, step D, step G, play and pause, reset, and run to the next caption") {
  Config config = testing::smallRingConfig(2);
  config.timeline = {TimelineEvent{40, {}, std::string("first caption")},
                     TimelineEvent{90, {}, std::string("second caption")}};
  config.metricsEvery = 10;
  TrainingThread thread(config, /*startPaused=*/true);
  ControlPanel controls(thread, {});
  auto s = thread.latest();
  REQUIRE(s->step == 0);
  CHECK(controls.handleShortcut({ShortcutAction::Step}, *s));
  s = testing::waitForSnapshot(thread, [](const Snapshot& x) { return x.step == 1 && x.paused; });
  CHECK(s->step == 1);
  // D alone, then G alone: each is a part of an iteration; the step count is the trainer's to keep.
  const long long dBefore = s->version;
  CHECK(controls.handleShortcut({ShortcutAction::StepDiscriminator}, *s));
  s = testing::waitForSnapshot(thread, [&](const Snapshot& x) { return x.version > dBefore && x.paused; });
  CHECK(s->version > dBefore);
  CHECK(controls.handleShortcut({ShortcutAction::StepGenerator}, *s));
  // PageDown: on to the first event, paused there with its caption.
  s = thread.latest();
  CHECK(controls.handleShortcut({ShortcutAction::NextCaption}, *s));
  s = testing::waitForSnapshot(thread, [](const Snapshot& x) { return x.step == 40 && x.paused; });
  CHECK(s->step == 40);
  CHECK(controls.handleShortcut({ShortcutAction::NextCaption}, *s));
  s = testing::waitForSnapshot(thread, [](const Snapshot& x) { return x.step == 90 && x.paused; });
  CHECK(s->step == 90);
  // Space plays, Space again pauses.
  CHECK(controls.handleShortcut({ShortcutAction::PlayPause}, *s));
  s = testing::waitForSnapshot(thread, [](const Snapshot& x) { return !x.paused && x.step > 95; });
  CHECK_FALSE(s->paused);
  CHECK(controls.handleShortcut({ShortcutAction::PlayPause}, *s));
  s = testing::waitForSnapshot(thread, [](const Snapshot& x) { return x.paused; });
  CHECK(s->paused);
  // R: back to step 0.
  CHECK(controls.handleShortcut({ShortcutAction::Reset}, *s));
  s = testing::waitForSnapshot(thread, [](const Snapshot& x) { return x.step == 0; });
  CHECK(s->step == 0);
  // The window's own keys are not the controls'.
  CHECK_FALSE(controls.handleShortcut({ShortcutAction::Lecture}, *s));
  CHECK_FALSE(controls.handleShortcut({ShortcutAction::Help}, *s));
}

TEST_CASE("presets: every preset of the lecture set (keys 1 to 9) exists") {
  const auto presets = listPresets();
  CHECK(lectureSet().size() == 9);
  for (const std::string& name : lectureSet()) {
    CAPTURE(name);
    CHECK(std::any_of(presets.begin(), presets.end(), [&](const PresetInfo& p) { return p.name == name; }));
  }
}

TEST_CASE(
    "concept cards: every card is named, parsed back, and quotes the run's live numbers where they apply") {
  std::set<std::string> names;
  for (const ConceptCard& card : conceptCards()) {
    CAPTURE(card.name);
    CHECK(names.insert(card.name).second);
    CHECK(parseConcept(card.name) == card.topic);
    CHECK(&conceptCard(card.topic) == &card);
    CHECK(std::string(card.text).size() > 100);
    CHECK(std::string(card.formula).size() > 5);
  }
  CHECK(names.size() == 7);
  CHECK_FALSE(parseConcept("Minimax").has_value());
  CHECK(conceptNames().find("mode-collapse") != std::string::npos);

  Snapshot s;
  s.config.loss = LossKind::NonSaturating;
  s.lastStats.lossD = 1.31;
  s.lastStats.lossG = 0.7;
  s.lastStats.dReal = 0.62;
  s.lastStats.dFake = 0.41;
  s.lastStats.gradNormG = 0.25;
  const std::string equilibrium = liveNumbers(Concept::NashEquilibrium, s);
  CHECK(equilibrium.find("L_D = 1.310") != std::string::npos);
  CHECK(equilibrium.find("log 4 = 1.386") != std::string::npos);
  CHECK(liveNumbers(Concept::MinimaxValue, s).find("V = −L_D = -1.310") != std::string::npos);
  CHECK(liveNumbers(Concept::OptimalDiscriminator, s).find("0.62") != std::string::npos);
  CHECK(liveNumbers(Concept::ModeCollapse, s).find("no separate modes") != std::string::npos);
  CHECK(liveNumbers(Concept::WassersteinCritic, s).find("classifier") != std::string::npos);
  auto history = std::make_shared<std::vector<MetricsRow>>(1);
  history->back().step = 900;
  history->back().modes = 2;
  history->back().modesTotal = 8;
  s.history = history;
  CHECK(liveNumbers(Concept::ModeCollapse, s).find("2 of 8 modes (at step 900)") != std::string::npos);
  // A critic: the gap between its means on real and fake samples.
  s.config.loss = LossKind::WganGp;
  s.lastStats.dReal = 1.5;
  s.lastStats.dFake = -0.5;
  CHECK(liveNumbers(Concept::WassersteinCritic, s).find("= 2.000") != std::string::npos);
  CHECK(liveNumbers(Concept::MinimaxValue, s).find("wgan-gp") != std::string::npos);
  // Before the first update there is nothing to quote.
  s.lastStats = UpdateStats{};
  CHECK(liveNumbers(Concept::NashEquilibrium, s).find("No update yet") != std::string::npos);
}

TEST_CASE("concept cards: a click on the graph's nodes opens the card of what the node is") {
  const std::vector<GraphNodeRect> nodes = {{GraphNode::Generator, ImVec4(0, 0, 10, 10)},
                                            {GraphNode::Discriminator, ImVec4(20, 0, 30, 10)}};
  CHECK(graphNodeAt(nodes, ImVec2(5, 5)) == GraphNode::Generator);
  CHECK(graphNodeAt(nodes, ImVec2(25, 9)) == GraphNode::Discriminator);
  CHECK_FALSE(graphNodeAt(nodes, ImVec2(15, 5)).has_value());
  CHECK(conceptOfGraphNode(GraphNode::Generator, LossKind::NonSaturating) == Concept::ForgerAndDetective);
  CHECK(conceptOfGraphNode(GraphNode::Discriminator, LossKind::NonSaturating) ==
        Concept::OptimalDiscriminator);
  CHECK(conceptOfGraphNode(GraphNode::Discriminator, LossKind::WganGp) == Concept::WassersteinCritic);
  CHECK(conceptOfGraphNode(GraphNode::LossD, LossKind::Minimax) == Concept::MinimaxValue);
  CHECK(conceptOfGraphNode(GraphNode::LossG, LossKind::Minimax) == Concept::NonSaturatingLoss);
  CHECK(conceptOfGraphNode(GraphNode::Real, LossKind::Lsgan) == Concept::NashEquilibrium);
}

TEST_CASE("toolbar: groups wrap onto new rows, none past the window's edge, and the layout is told how many") {
  const float widths[] = {100.0f, 200.0f, 300.0f};
  CHECK(ToolbarFlow::rowsFor(widths, 1000.0f, 10.0f) == 1);
  CHECK(ToolbarFlow::rowsFor(widths, 350.0f, 10.0f) == 2);  // 100 + 10 + 200, then 300
  CHECK(ToolbarFlow::rowsFor(widths, 250.0f, 10.0f) == 3);
  CHECK(ToolbarFlow::rowsFor(widths, 50.0f, 10.0f) == 3);  // each wider than the row: a row each
  CHECK(ToolbarFlow::rowsFor({}, 50.0f, 10.0f) == 1);

  ganscope::testing::NullImGui context;
  ToolbarFlow flow;
  const char* labels[] = {"Play", "Step", "Step D", "Step G", "Reset", "Record", "Slow motion", "Graph", "?"};
  std::vector<int> rowsAt;
  for (const float width : {900.0f, 420.0f, 200.0f}) {
    CAPTURE(width);
    for (int frame = 0; frame < 3; ++frame) {  // the first frame measures the groups
      ImGui::NewFrame();
      ImGui::SetNextWindowPos(ImVec2(0, 0));
      ImGui::SetNextWindowSize(ImVec2(width, 300));
      ImGui::Begin("##toolbar", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoSavedSettings);
      const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
      flow.begin(right);
      float widest = 0.0f;
      for (std::size_t i = 0; i < std::size(labels); ++i) {
        if (i > 0) flow.next();
        ImGui::Button(labels[i]);
        widest = std::max(widest, ImGui::GetItemRectMax().x);
      }
      flow.end();
      const int rows = flow.rows();
      ImGui::End();
      ImGui::Render();
      if (frame == 0) continue;
      CHECK(widest <= right + 0.5f);
      CHECK(rows == flow.rowsFor(right - ImGui::GetStyle().WindowPadding.x, ImGui::GetStyle().ItemSpacing.x));
      if (frame == 2) rowsAt.push_back(rows);
    }
  }
  // One row where all fit; more, the narrower the window.
  REQUIRE(rowsAt.size() == 3);
  CHECK(rowsAt[0] == 1);
  CHECK(rowsAt[1] > rowsAt[0]);
  CHECK(rowsAt[2] > rowsAt[1]);
}

TEST_CASE("fullscreen fills the monitor the window is mostly on: the projector it was dragged to") {
  // A laptop's 1920 × 1080 screen, and a 1024 × 768 projector to its right.
  const ScreenRect monitors[] = {{0, 0, 1920, 1080}, {1920, 0, 1024, 768}};
  CHECK(monitorWithMostOf({100, 100, 1280, 800}, monitors) == 0u);
  CHECK(monitorWithMostOf({1900, 50, 1000, 700}, monitors) == 1u);  // straddling, mostly on the projector
  CHECK(monitorWithMostOf({1300, 50, 1000, 700}, monitors) == 0u);  // straddling, mostly on the laptop
  CHECK_FALSE(monitorWithMostOf({5000, 5000, 100, 100}, monitors).has_value());  // on none: the primary
  CHECK_FALSE(monitorWithMostOf({0, 0, 100, 100}, {}).has_value());
}
