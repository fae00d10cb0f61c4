#include "app/window/visualizer.h"

#include <imgui.h>
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <ostream>
#include <thread>

#include "app/cli/cli_options.h"
#include "app/cli/headless_run.h"
#include "app/cli/progress_bar.h"
#include "app/gl/gpu_timer.h"
#include "app/presets/preset_library.h"
#include "app/ui/caption_overlay.h"
#include "app/ui/class_picker.h"
#include "app/ui/collapse_banner.h"
#include "app/ui/compare_panel.h"
#include "app/ui/control_panel.h"
#include "app/ui/discard_confirmation.h"
#include "app/ui/drawing_panel.h"
#include "app/ui/help_overlay.h"
#include "app/ui/record_panel.h"
#include "app/ui/rewind_bar.h"
#include "app/ui/session_panel.h"
#include "app/ui/slow_motion.h"
#include "app/ui/toolbar_flow.h"
#include "app/views/dirac_view.h"
#include "app/views/line_view.h"
#include "app/views/metrics_panel.h"
#include "app/views/model_graph.h"
#include "app/views/plane_legend.h"
#include "app/views/plane_view.h"
#include "app/window/frame_stats.h"
#include "app/window/frame_watchdog.h"
#include "app/window/glfw_window.h"
#include "app/window/imgui_id_audit.h"
#include "app/window/imgui_style.h"
#include "app/window/offscreen_window.h"
#include "app/window/run_view.h"
#include "app/window/screenshot.h"
#include "app/window/text_size.h"
#include "app/window/view_state.h"
#include "app/window/window_layout.h"
#include "app/window/window_settings.h"
#include "core/gan/config_names.h"
#include "core/runtime/run_group.h"
#include "core/util/atomic_file.h"

namespace ganscope {
namespace {

constexpr auto kFrameInterval = std::chrono::microseconds(16'667);  // 60 frames per second
// On a software rasterizer the toolbar's readouts and each chart of the metrics panel are refreshed at most
// this often, the charts a few per frame (drawing all of them again in one frame costs about as much as half
// a picture).
constexpr auto kPanelInterval = std::chrono::milliseconds(100);
// On a software rasterizer, how many chart pixels are drawn again in a frame that neither computes the plane's
// scene nor finishes its picture (none in those), at least one chart and at most three: llvmpipe redraws a chart
// at about 1 ms per 25,000 pixels. With a picture every three frames (compute, begin, finish), 20 frames a second
// take charts: three a frame at 1280 × 800 (33,000 pixels each), two in the normal layout at 1920 × 1080
// (67,000), one in the lecture layout at 1920 × 1080 (114,000).
constexpr float kChartPixelsPerFreeFrame = 140'000.0f;
int chartsPerFreeFrame(float chartAreaPx) {
  if (chartAreaPx <= 0.0f) return 3;
  return std::clamp(static_cast<int>(kChartPixelsPerFreeFrame / chartAreaPx), 1, 3);
}
constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;

void placeWindow(const PanelRect& r) {
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y));
  ImGui::SetNextWindowSize(ImVec2(r.width, r.height));
}

// A folded side panel: a strip with the button that unfolds it. Returns true when it was clicked.
bool drawFoldedStrip(const char* id, const PanelRect& r, const char* arrow, const char* what) {
  placeWindow(r);
  ImGui::Begin(id, nullptr, kPanelFlags | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
  const bool clicked = ImGui::Button(arrow, ImVec2(-1.0f, 0.0f));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show the %s again.", what);
  ImGui::End();
  return clicked;
}

// The largest UI scale the window offers at its size now.
float largestOfferedScale(const Window& window) {
  int width = 0, height = 0;
  window.framebufferSize(width, height);
  return std::min(kMaxUiScale, largestUiScale(static_cast<float>(width), static_cast<float>(height)));
}

// The UI scale of this frame: the text size asked for (`requested`: --ui-scale or the one chosen in the
// window; a quarter more in the lecture layout), else the automatic one; never above the largest the window's
// size offers (the plot keeps half the view).
float chosenUiScale(float requested, const Window& window, bool lecture) {
  int width = 0, height = 0;
  window.framebufferSize(width, height);
  const float scale = requested > 0.0f
                          ? requested * (lecture ? 1.25f : 1.0f)
                          : automaticUiScale(static_cast<float>(height), window.contentScale(), lecture);
  return std::clamp(scale, kMinUiScale, largestOfferedScale(window));
}

// "ganscope-20261202-221530.png" for the time now (local time), in the working folder.
std::string screenshotName() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char name[64];
  std::strftime(name, sizeof name, "ganscope-%Y%m%d-%H%M%S.png", &local);
  return name;
}

std::string withThousands(long long value) {
  std::string digits = std::to_string(value);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
    digits.insert(static_cast<std::size_t>(i), ",");
  return digits;
}

// The banner across the top of the view: a stopped run in red with a Reset button, notices in amber.
void drawBanner(const Snapshot& snapshot, CommandTarget& trainer) {
  if (!snapshot.divergence.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, errorColour());
    // A NaN or Inf asks for smaller steps; a run stopped by an error only for a fresh start.
    const bool numeric = snapshot.divergence.find("diverged") != std::string::npos;
    ImGui::TextWrapped(
        "%s.%s", snapshot.divergence.c_str(),
        numeric ? " Press Reset, or lower the learning rates." : " Press Reset to start again.");
    ImGui::PopStyleColor();
    if (ImGui::Button("Reset##stopped")) trainer.send(ResetCommand{});
  } else if (!snapshot.notice.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, warningColour());
    ImGui::TextWrapped("%s", snapshot.notice.c_str());
    ImGui::PopStyleColor();
  }
}

// Where D's surface is computed: the path in use, and a choice of auto, GPU or CPU.
// On a software rasterizer the GPU entry is disabled (the per-pixel path takes seconds a frame there, which
// one click in front of a room must not cause); --field gpu still forces it. With `hideTimings` (recording on
// the training clock) the timings are left out: a recorded frame must not depend on the machine.
void drawFieldChoice(PlaneView& planeView, bool software, bool hideTimings) {
  static constexpr const char* kChoices[] = {"auto", "GPU", "CPU"};
  static constexpr FieldChoice kValues[] = {FieldChoice::Auto, FieldChoice::Gpu, FieldChoice::Cpu};
  const int current = static_cast<int>(planeView.fieldChoice());
  ImGui::SetNextItemWidth(scaled(80));
  if (ImGui::BeginCombo("field", kChoices[current])) {
    for (int i = 0; i < 3; ++i) {
      const bool disabled = software && kValues[i] == FieldChoice::Gpu && i != current;
      if (ImGui::Selectable(kChoices[i], i == current, disabled ? ImGuiSelectableFlags_Disabled : 0)) {
        planeView.setFieldChoice(kValues[i]);
      }
      if (disabled && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        ImGui::SetTooltip(
            "This OpenGL is a software rasterizer: D per pixel and 100,000 samples per vertex take "
            "over a second a frame here. --field gpu forces it.");
      }
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "Where D's surface is computed. GPU: D at every pixel in a shader and 100,000 generated "
        "samples computed per vertex. CPU: D on a 128x128 lattice, smoothed, and 2,500 samples. "
        "auto: GPU unless OpenGL is a software rasterizer or the GPU's first pictures take over 3 ms "
        "(compute GPUs such as the H100). Also --field auto|gpu|cpu.");
  if (hideTimings) return;
  ImGui::SameLine();
  const GpuTimer& drawing = planeView.renderer().fieldTimer();
  if (planeView.fieldPath() == FieldPath::Gpu) {
    if (drawing.measured() > 0)
      ImGui::TextDisabled("GPU per pixel: %.2f ms", drawing.averageMs());
    else
      ImGui::TextDisabled("GPU per pixel");
  } else {
    ImGui::TextDisabled("CPU %dx%d: %.1f ms, %.0f/s", planeView.fieldResolution(),
                        planeView.fieldResolution(), planeView.averageFieldMs(),
                        planeView.fieldRefreshesPerSecond());
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "GPU per pixel: the GPU's time to draw D's surface at every pixel (a timer query). CPU: the "
        "time to evaluate D on the lattice, and how often it is evaluated.");
  if (!planeView.fieldPathNote().empty()) ImGui::TextDisabled("%s", planeView.fieldPathNote().c_str());
}

}  // namespace

bool parseWindowSize(const std::string& text, int& width, int& height) {
  int w = 0, h = 0;
  char x = 0, extra = 0;
  if (std::sscanf(text.c_str(), "%d%c%d%c", &w, &x, &h, &extra) != 3 || (x != 'x' && x != 'X')) return false;
  if (w < 320 || h < 240 || w > 8192 || h > 8192) return false;
  width = w;
  height = h;
  return true;
}

int runVisualizer(const Config& config, const VisualizerOptions& options, std::ostream& out,
                  std::ostream& err) {
  // Snapshots and chart buffers are allocated and freed every frame. By default glibc returns such memory to
  // the kernel at once (heap trimming, mmap for blocks over 128 KiB) and takes page faults to get it back
  // next frame; keeping it costs a few megabytes and took page faults and syscalls out of the frame loop.
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  std::unique_ptr<Window> window;
  try {
    if (options.offscreen)
      window = std::make_unique<OffscreenWindow>(options.width, options.height);
    else
      window = std::make_unique<GlfwWindow>(options.width, options.height, "ganscope");
  } catch (const NoWindowError& e) {
    err << "ganscope: " << e.what() << "\n";
    return kExitFailure;
  }
  // Views own GL objects: made after the window, destroyed before it. The trainer is made last and stopped
  // first. A software rasterizer gets the batched picture, the staggered charts and the presents on a beat.
  const bool software = window->softwareRenderer();
  MetricsPanel metricsPanel;
  metricsPanel.setStaggered(software, kPanelInterval);
  std::vector<PresetInfo> presets;
  try {
    presets = listPresets();
  } catch (const std::exception& e) {
    err << "ganscope: presets menu: " << e.what() << "\n";
  }
  // With --steps the trainer starts paused and the step command starts it: started running, it could take an
  // iteration before the command arrives and stop one late. A recording on the training clock drives it
  // itself.
  const bool clockRecording = options.recording && options.recording->every > 0;
  const bool startPaused = options.pauseAfter >= 0 || clockRecording;
  // The runs: A alone, or A and B compared. Every panel's commands go to the group, which keeps both runs at the
  // same iteration; each view's collapse banner sends its fixes to its own run.
  RunGroup runs(options.session ? std::make_unique<TrainingThread>(*options.session, /*startPaused=*/true)
                                : std::make_unique<TrainingThread>(config, startPaused));
  CommandTarget& trainer = runs;
  const long long startStep = runs.latest(0)->step;  // before any command can move it
  // Frames first: on two cores the trainers, the GUI and the software rasterizer's threads compete.
  trainer.send(SetNicenessCommand{10});
  if (options.comparison) runs.compare(*options.comparison);
  if (options.pauseAfter > 0 && !clockRecording) trainer.send(StepCommand{options.pauseAfter});
  // Headless recording on a software rasterizer: no display to keep smooth, every frame computes the whole picture
  // and every chart.
  const bool wholeFrames = options.headlessRecording && software;
  if (wholeFrames) metricsPanel.setStaggered(false, kPanelInterval);
  std::array<std::unique_ptr<RunView>, 2> views;
  auto makeRunView = [&](int index) {
    auto view = std::make_unique<RunView>(runs, index, software, options.field);
    if (wholeFrames) {
      view->plane.setSceneInterval(std::chrono::milliseconds(0));
      view->plane.setFieldInterval(std::chrono::milliseconds(0));
    }
    return view;
  };
  views[0] = makeRunView(0);
  // Run A's views, under the names the single-run window always had.
  PlaneView& planeView = views[0]->plane;
  LineView& lineView = views[0]->line;
  bool& diracPortrait = views[0]->diracPortrait;
  int& selectDiracTab = views[0]->selectDiracTab;
  ControlPanel controls(trainer, presets);
  // Asks before a preset, a new architecture or a comparison throws away more than a few seconds of training.
  DiscardConfirmation confirmation;
  controls.setConfirmation(&confirmation);
  RecordPanel recordPanel(trainer);
  RewindBar rewindBar(trainer);
  ComparePanel comparePanel(runs, presets);
  comparePanel.setConfirmation(&confirmation);
  // What the views held above and below their plots in the last frame (the taller of two runs'): the layout
  // gives it what the plots' half of the height leaves.
  ViewContent viewContent;
  int sharedClassPick = ClassPicker::kAll;  // the class both views showed in the last frame (conditional runs)
  auto currentView = [&] {
    ViewState view;
    view.hasPlane = planeView.hasViewBounds();
    view.plane = planeView.viewBounds();
    view.layers = planeView.layers();
    view.line = lineView.options();
    view.diracPortrait = diracPortrait;
    return view;
  };
  SessionPanel sessionPanel(trainer, [&] { return viewStateJson(currentView()); });
  long long sessionsShown = 0;  // the sessions whose view was applied
  if (options.recording) {
    try {
      recordPanel.start(*options.recording, trainer.latest()->step);
    } catch (const std::exception& e) {
      err << "ganscope: " << e.what() << "\n";
      return kExitBadInput;
    }
  }
  // Headless recording: a bar of frames written and the time left.
  const long long recordStart = trainer.latest()->step;
  const long long totalFrames = clockRecording && options.recording->stopAt >= 0
                                    ? (options.recording->stopAt - recordStart) / options.recording->every + 1
                                    : 0;
  std::unique_ptr<ProgressBar> progress;
  long long framesRecorded = 0;
  if (options.headlessRecording) progress = std::make_unique<ProgressBar>(totalFrames, "frames");
  controls.setPresetName(options.presetName.empty() ? config.name : options.presetName);

  FrameStats frameStats;
  FrameWatchdog watchdog(
      options.frameWatchdogMs);  // --frame-watchdog: a frame stuck that long ends the process
  long long frame = 0;
  double redrawnSum = 0.0;  // the share of the window's pixels drawn again, summed over frames
  const auto start = std::chrono::steady_clock::now();
  auto nextFrame = start;
  int exitCode = kExitOk;
  std::shared_ptr<const Snapshot> panelSnapshot = trainer.latest();  // what the toolbar's readouts show
  double shownFrameMs = 0.0, shownWorkMs = 0.0;                      // the toolbar's frame interval and work
  auto lastPanel = start;
  // Headless, the view alone: the panels are not drawn at all (nothing of them is recorded).
  const bool drawPanels = !(options.headlessRecording && options.recording && options.recording->viewOnly);
  // How the window is presented: the layout (L), the theme (T), the panels folded, the help (H).
  LayoutMode layoutMode = options.lecture ? LayoutMode::Lecture : LayoutMode::Normal;
  Theme theme = options.theme;
  PanelFolding folded;  // the side panels the user folded (the layout may fold more where they do not fit)
  PanelPriority panelPriority = PanelPriority::Settings;  // the panel unfolded last, kept where only one fits
  bool helpOpen = options.showHelp;
  bool showGraph = options.showGraph;
  ToolbarFlow toolbarFlow;  // the toolbar's groups, measured each frame for the next frame's layout
  SlowMotion slowMotion(trainer);
  DrawingPanel drawingPanel(trainer);
  ConceptCardOverlay cards;
  if (options.showConcept) cards.open(*options.showConcept);
  views[0]->banner.setConceptCards(&cards);
  metricsPanel.setHelpHandler([&cards](MetricsPanel::ExplainedChart chart) {
    cards.open(chart == MetricsPanel::ExplainedChart::Losses ? Concept::MinimaxValue : Concept::OptimalDiscriminator);
  });
  // The text size: --ui-scale, else the one chosen in the window at an earlier start, else automatic (0). An
  // interactive window remembers a size chosen with Ctrl+=, Ctrl+-, Ctrl+0, A- or A+; a scripted run
  // (--frames, offscreen, headless) neither reads nor writes it, so it draws the same wherever it runs.
  const bool remembers = !options.offscreen && !options.headlessRecording && options.frames < 0;
  const std::filesystem::path settingsPath = remembers ? windowSettingsPath() : std::filesystem::path();
  float textScale =
      startingUiScale(options.uiScale, remembers ? loadWindowSettings(settingsPath, err) : WindowSettings{});
  // One step larger (+1) or smaller (-1) than the text shown, or back to automatic (0).
  auto changeTextSize = [&](int direction) {
    const float lectureFactor = layoutMode == LayoutMode::Lecture ? 1.25f : 1.0f;
    textScale = direction == 0 ? 0.0f
                               : steppedTextSize(uiScale() / lectureFactor, direction,
                                                 largestOfferedScale(*window) / lectureFactor);
    if (remembers) {
      WindowSettings remembered;
      if (textScale > 0.0f) remembered.uiScale = textScale;
      saveWindowSettings(settingsPath, remembered, err);
    }
  };
  // The toolbar's A- and A+, each disabled where there is no step that way.
  auto drawTextSizeButtons = [&] {
    const float lectureFactor = layoutMode == LayoutMode::Lecture ? 1.25f : 1.0f;
    const float shown = uiScale() / lectureFactor;
    const float largest = largestOfferedScale(*window) / lectureFactor;
    ImGui::BeginDisabled(steppedTextSize(shown, -1, largest) == shown);
    if (ImGui::Button("A-")) changeTextSize(-1);
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Smaller text (Ctrl+-)");
    ImGui::SameLine();
    ImGui::BeginDisabled(steppedTextSize(shown, +1, largest) == shown);
    if (ImGui::Button("A+")) changeTextSize(+1);
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip(
          "Larger text (Ctrl+=), up to the largest this window's size leaves the plot room for; "
          "Ctrl+0: automatic. Remembered for the next start; --ui-scale overrides it.");
  };
  bool slowMotionStarted = options.slowMotionPhase <= 0;  // --slow-motion: started once --steps are done
  ImVec2 plotShown(0.0f, 0.0f);  // run A's picture (plot) in the last frame, in pixels: the summary line's plot=
  ImVec2 viewShown(0.0f, 0.0f);  // run A's view (the panel around the plot) in the last frame: view=
  std::string shotMessage;  // what the last screenshot (P) wrote, shown in the toolbar for a while
  std::chrono::steady_clock::time_point shotAt{};
  // Headless on the training clock: each run's view shows its pinned snapshot until a frame of it is recorded.
  // The trainers go on with the next frame's iterations meanwhile (on two cores, training overlaps drawing and
  // encoding).
  while (!window->shouldClose()) {
    // A comparison started or ended (the compare panel, a session opened): run B's views follow.
    if (runs.comparing() && !views[1]) {
      views[1] = makeRunView(1);
      views[1]->banner.setConceptCards(&cards);  // its layers and field choice follow A's in the view loop
    } else if (!runs.comparing() && views[1]) {
      views[1].reset();
    }
    const int runCount = views[1] ? 2 : 1;
    if (options.headlessRecording && recordPanel.active() && !views[0]->pinned) {
      // Only the frames that are recorded are drawn: wait for the trainers first. The pacing run is the one a
      // recording waits for (the slower of two).
      FrameRecording& recording = *recordPanel.active();
      int pacing = runs.pacingRun();
      auto latest = runs.latest(pacing);
      while (!recording.poll(*latest) && !recording.done()) {
        latest = runs.run(pacing).waitForNewer(latest->version, std::chrono::milliseconds(100));
        if (runs.pacingRun() != pacing) latest = runs.latest(pacing = runs.pacingRun());
      }
      if (recording.trainingClock() && !recording.done()) {
        for (int r = 0; r < runCount; ++r) views[static_cast<std::size_t>(r)]->pinned = runs.latest(r);
        recording.stepAhead(*latest);
      }
    }
    watchdog.frameStarted();
    frameStats.beginFrame();
    const bool restyled =
        applyAppearance(theme, chosenUiScale(textScale, *window, layoutMode == LayoutMode::Lecture));
    window->beginFrame();
    const std::shared_ptr<const Snapshot> latest = views[0]->pinned ? views[0]->pinned : runs.latest(0);
    // Run B's snapshot while comparing (slow motion shows run A's phases; B is drawn as it is).
    // A conditional run is drawn for the class picked (G(z | y = k), D(x | y = k)); other runs as they are.
    const std::shared_ptr<const Snapshot> latestB =
        runCount == 2 ? views[1]->classPicker.shown(views[1]->pinned ? views[1]->pinned : runs.latest(1)) : nullptr;
    if (!slowMotionStarted && (options.pauseAfter < 0 || (latest->paused && latest->step >= options.pauseAfter))) {
      slowMotion.start(latest, options.slowMotionPhase);
      slowMotionStarted = true;
    }
    slowMotion.update(latest);
    // In slow motion the window shows the phase's state (before the iteration, D after it, or both after).
    const std::shared_ptr<const Snapshot> shownBySlowMotion = slowMotion.shown();
    const std::shared_ptr<const Snapshot> snapshot =
        views[0]->classPicker.shown(shownBySlowMotion ? shownBySlowMotion : latest);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const bool lecture = layoutMode == LayoutMode::Lecture;
    metricsPanel.setLectureCharts(lecture);
    if (snapshot->sessionsOpened != sessionsShown && snapshot->openedViewState) {
      // A session was opened: its view comes with it.
      sessionsShown = snapshot->sessionsOpened;
      const ViewState view = parseViewState(*snapshot->openedViewState, currentView());
      if (view.hasPlane) planeView.setViewBounds(view.plane, snapshot->config.data);
      planeView.layers() = view.layers;
      lineView.options() = view.line;
      selectDiracTab = view.diracPortrait ? 0 : 1;
    }
    // The keyboard (app/ui/shortcuts.h; none while a text field has it): training's keys go to the controls,
    // the rest are the window's.
    bool screenshotAsked = false;
    if (!options.headlessRecording && !confirmation.pending()) {
      for (const ShortcutPress& press : pressedShortcuts()) {
        if (slowMotion.handleShortcut(press, latest) || controls.handleShortcut(press, *latest)) continue;
        switch (press.action) {
          case ShortcutAction::Lecture:
            layoutMode = lecture ? LayoutMode::Normal : LayoutMode::Lecture;
            break;
          case ShortcutAction::Theme: theme = theme == Theme::Dark ? Theme::Light : Theme::Dark; break;
          case ShortcutAction::Fullscreen: window->toggleFullscreen(); break;
          case ShortcutAction::Screenshot: screenshotAsked = true; break;
          case ShortcutAction::Record: recordPanel.toggle(*snapshot); break;
          case ShortcutAction::ScrubBack: rewindBar.scrub(*snapshot, -1); break;
          case ShortcutAction::ScrubForward: rewindBar.scrub(*snapshot, +1); break;
          case ShortcutAction::Help: helpOpen = !helpOpen; break;
          case ShortcutAction::CloseOverlay:
            helpOpen = false;
            cards.close();
            break;
          case ShortcutAction::Quit: window->requestClose(); break;
          case ShortcutAction::TextLarger:
            changeTextSize(+1);
            break;
          case ShortcutAction::TextSmaller:
            changeTextSize(-1);
            break;
          case ShortcutAction::TextDefault:
            changeTextSize(0);
            break;
          default: break;
        }
      }
    }
    const ImGuiStyle& style = ImGui::GetStyle();
    const int toolbarRows = toolbarFlow.rowsFor(display.x - 2.0f * style.WindowPadding.x, style.ItemSpacing.x);
    const WindowLayout layout = computeLayout(layoutMode, display.x, display.y, uiScale(), folded,
                                              toolbarRows, runCount, viewContent, panelPriority);
    const bool hideTimings = recordPanel.active() && recordPanel.active()->trainingClock();

    // What the toolbar's readouts show (see kPanelInterval), and how many charts are drawn again.
    const auto panelClock = std::chrono::steady_clock::now();
    bool planeBusy = snapshot->generator->outputDim() == 2 && planeView.heavyStepDue(*snapshot);
    if (latestB && latestB->generator->outputDim() == 2 && views[1]->plane.heavyStepDue(*latestB)) planeBusy = true;
    const int chartsToRefresh = planeBusy ? 0 : chartsPerFreeFrame(metricsPanel.chartAreaPx());
    if (!software || options.headlessRecording || panelClock - lastPanel >= kPanelInterval ||
        snapshot->paused != panelSnapshot->paused) {
      panelSnapshot = snapshot;
      shownFrameMs = frameStats.averageMs();
      shownWorkMs = frameStats.averageWorkMs();
      lastPanel = panelClock;
    }

    // [SECTION] Toolbar
    if (drawPanels) {
      placeWindow(layout.toolbar);
      ImGui::Begin("##toolbar", nullptr,
                   kPanelFlags | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
      // Groups that wrap onto a new row when the window is too narrow for them (toolbarFlow).
      toolbarFlow.begin(ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x);
      controls.drawToolbar(*snapshot, &toolbarFlow);
      toolbarFlow.next();
      recordPanel.drawToolbar(*snapshot);
      toolbarFlow.next();
      comparePanel.drawToolbarButton();
      toolbarFlow.next();
      slowMotion.drawControls(latest);
      toolbarFlow.next();
      ImGui::Checkbox("Graph", &showGraph);
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The model graph over the view: z → G → fake → D ← real, the losses and the gradients "
                          "back, with live values (always on in slow motion; --show graph).");
      ImGui::SameLine();
      if (ImGui::Button("?")) helpOpen = !helpOpen;
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Keyboard shortcuts (H)");
      toolbarFlow.next();
      drawTextSizeButtons();
      toolbarFlow.next();
      char readout[160];
      if (hideTimings || lecture) {
        std::snprintf(readout, sizeof readout, "  step %s", withThousands(panelSnapshot->step).c_str());
      } else if (latestB) {
        // Each run's own rate (in lockstep the faster waits for the slower: its view says how much).
        std::snprintf(readout, sizeof readout, "  step %s   A %s it/s, B %s it/s   %.0f fps",
                      withThousands(panelSnapshot->step).c_str(),
                      withThousands(std::llround(panelSnapshot->iterationsPerSecond)).c_str(),
                      withThousands(std::llround(latestB->iterationsPerSecond)).c_str(),
                      shownFrameMs > 0.0 ? 1000.0 / shownFrameMs : 0.0);
      } else {
        std::snprintf(readout, sizeof readout, "  step %s   %s it/s   %.0f fps, %.1f ms a frame",
                      withThousands(panelSnapshot->step).c_str(),
                      withThousands(std::llround(panelSnapshot->iterationsPerSecond)).c_str(),
                      shownFrameMs > 0.0 ? 1000.0 / shownFrameMs : 0.0, shownWorkMs);
      }
      ImGui::TextUnformatted(readout);
      if (!shotMessage.empty() && std::chrono::steady_clock::now() - shotAt < std::chrono::seconds(10)) {
        toolbarFlow.next();
        ImGui::TextColored(shotMessage.rfind("saved", 0) == 0 ? goodColour() : errorColour(), "  %s",
                           shotMessage.c_str());
      }
      toolbarFlow.end();
      ImGui::End();

      // [SECTION] Settings
      if (layout.folded.settings) {
        if (drawFoldedStrip("##settings folded", layout.settings, "»", "settings")) {
          folded.settings = false;
          panelPriority = PanelPriority::Settings;
        }
      } else {
        placeWindow(layout.settings);
        ImGui::Begin(lecture ? "Controls###Settings" : "Settings###Settings", nullptr, kPanelFlags);
        if (ImGui::SmallButton("« hide")) folded.settings = true;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Fold this panel to a strip: the view takes its room.");
        comparePanel.drawDifferences(*snapshot, latestB.get());
        if (lecture) {
          controls.drawLectureSettings(*snapshot);
          ImGui::Separator();
          drawingPanel.draw(*latest);
          ImGui::Separator();
          ImGui::TextDisabled("L: every setting");
        } else {
          controls.drawSettings(*snapshot, planeView.layers(), lineView.options());
          ImGui::Separator();
          drawingPanel.draw(*latest);
          recordPanel.drawSettings();
          sessionPanel.draw(*snapshot);
          ImGui::Separator();
          ImGui::TextDisabled("%s", window->rendererName().c_str());
          if (snapshot->generator->outputDim() == 2) drawFieldChoice(planeView, software, hideTimings);
        }
        ImGui::End();
      }
    }

    // [SECTION] The views: one per run, in lockstep (pan, zoom and layers shared; A's drives B's).
    ImVec4 viewRect(0.0f, 0.0f, 0.0f, 0.0f);  // what "the view alone" records: every run's view
    // Both pictures the same size, so that the same rectangle of data looks the same in both: the layout
    // gives both headers the taller one's height of the last frame.
    ViewContent wanted;
    const Bounds sharedBounds = planeView.viewBounds();
    const bool hadSharedBounds = planeView.hasViewBounds();
    for (int r = 0; r < runCount; ++r) {
      RunView& run = *views[static_cast<std::size_t>(r)];
      const bool primary = r == 0;  // run A: slow motion, drawing, the model graph and the rewind slider
      const std::shared_ptr<const Snapshot>& shown = primary ? snapshot : latestB;
      if (!primary) {
        run.plane.layers() = planeView.layers();
        run.line.options() = lineView.options();
        run.plane.setFieldChoice(planeView.fieldChoice());
      }
      const PanelRect& rect = layout.runViews[r];
      placeWindow(rect);
      const std::string runName =
          runCount == 1 ? std::string()
                        : primary ? "A: " + (controls.presetName().empty() ? std::string("run") : controls.presetName())
                                  : "B: " + runs.comparison().label;
      const std::string name = runCount == 1 ? (controls.presetName().empty() ? std::string("ganscope")
                                                                                : controls.presetName())
                                             : runName;
      const std::string title = name + " — " + std::string(enumName(shown->config.data.kind)) + ", " +
                                std::string(enumName(shown->config.loss)) + " loss###view" + (primary ? "" : "B");
      ImGui::Begin(title.c_str(), nullptr,
                   kPanelFlags | ImGuiWindowFlags_NoScrollbar |
                       (shown->generator->outputDim() == 2 ? ImGuiWindowFlags_NoBackground : 0));
      const ViewParts& parts = layout.runParts[r];
      const ImVec2 viewContentTop(parts.header.x, parts.header.y);
      // The header: banners, the run's name, tabs and the model graph; it scrolls when taller than its part.
      ImGui::SetCursorScreenPos(viewContentTop);
      ImGui::BeginChild("##header", ImVec2(parts.header.width, std::max(1.0f, parts.header.height)), false,
                        ImGuiWindowFlags_NoBackground);
      float graphWanted = 0.0f;  // the model graph's height where the header has less room for it
      // The model graph across the top of the view, with the phase's measurements in slow motion; lower where
      // the header has less room than it asks for (the plot keeps its half).
      auto drawGraph = [&] {
        const float graphRoom = parts.header.height - ImGui::GetCursorPosY();
        const float graphHeight = std::clamp(graphRoom, 3.0f * ImGui::GetFontSize(), modelGraphHeight());
        graphWanted = modelGraphHeight() - graphHeight;
        const ImVec2 graphSize(ImGui::GetContentRegionAvail().x, graphHeight);
        const std::shared_ptr<const Snapshot> measured = slowMotion.measured();
        const std::vector<GraphNodeRect> nodes =
            drawModelGraph(ImGui::GetWindowDrawList(), ImGui::GetCursorScreenPos(), graphSize,
                           measured ? *measured : *snapshot, slowMotion.highlight());
        // A click on a node opens its concept's card.
        if (ImGui::InvisibleButton("##model graph", graphSize)) {
          if (const auto node = graphNodeAt(nodes, ImGui::GetIO().MousePos)) {
            cards.open(conceptOfGraphNode(*node, snapshot->config.loss));
          }
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Click a node for its concept card.");
      };
      drawBanner(*shown, run.target);
      if (!primary && !runs.notice().empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, warningColour());
        ImGui::TextWrapped("%s", runs.notice().c_str());
        ImGui::PopStyleColor();
      }
      if (runCount == 2) {
        // Which run this is (inside what a view recording takes), how fast it trains and how much of the time it
        // waits for the other; a recording on the training clock leaves the machine's timings out.
        std::string line = runName;
        if (!hideTimings && !lecture) {
          line += "   " + withThousands(std::llround(shown->iterationsPerSecond)) + " it/s";
          if (shown->lockstepWaitShare > 0.05) {
            line += ", waits " + std::to_string(std::lround(100.0 * shown->lockstepWaitShare)) + "% of the time for " +
                    (primary ? "B" : "A");
          }
          // Where it trains, once trainer=gpu|auto had its say (the reason for a CPU fallback is in the headless
          // summary and, for run A, under the settings' trainer box).
          if (shown->config.trainer != TrainerKind::Cpu && !shown->trainerNote.empty()) {
            line += shown->trainerNote.rfind("training on the GPU", 0) == 0 ? ", on the GPU" : ", on the CPU";
          }
        }
        ImGui::TextUnformatted(line.c_str());
      }
      // In slow motion the graph is what the lesson is about: above the collapse banner, so that where the
      // header has not room for both the banner is what scrolls out of sight.
      if (primary && slowMotion.active() && shown->config.data.kind != DataKind::Dirac) drawGraph();
      run.banner.setLecture(lecture);
      run.banner.draw(*shown, parts.headerMost - ImGui::GetCursorPosY());
      // The Dirac-GAN: its phase portrait first, the 1D view a tab away.
      const bool dirac = shown->config.data.kind == DataKind::Dirac;
      const bool diracTabs = dirac && ImGui::BeginTabBar("##dirac views");
      bool showPortrait = false, showLine = !dirac;
      if (diracTabs) {
        if (ImGui::BeginTabItem("Phase portrait (θ, ψ)", nullptr,
                                run.selectDiracTab == 0 ? ImGuiTabItemFlags_SetSelected : 0)) {
          showPortrait = true;
          ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("1D view", nullptr, run.selectDiracTab == 1 ? ImGuiTabItemFlags_SetSelected : 0)) {
          showLine = true;
          ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
        run.diracPortrait = showPortrait;
        run.selectDiracTab = -1;
      }
      if (primary && showGraph && !slowMotion.active() && !showPortrait) drawGraph();
      if (primary && slowMotion.active() && dirac && !showPortrait) drawGraph();
      const float headerUsed =
          ImGui::GetCursorPosY() > 0.0f ? ImGui::GetCursorPosY() - style.ItemSpacing.y : 0.0f;
      // (A pixel to spare: no scroll bar for a rounding.)
      const float headerWanted = headerUsed + graphWanted;
      if (headerWanted > 0.0f) wanted.header = std::max(wanted.header, std::ceil(headerWanted) + 1.0f);
      ImGui::EndChild();
      // The plot in its part of the view, whatever the header held.
      ImGui::SetCursorScreenPos(ImVec2(parts.plot.x, parts.plot.y));
      const ImVec2 available(parts.plot.width, std::max(1.0f, parts.plot.height));
      const ImVec2 viewTopLeft = ImGui::GetCursorScreenPos();
      if (primary) {
        plotShown = available;
        viewShown = ImVec2(layout.runViews[0].width, layout.runViews[0].height);
      }
      if (showPortrait) {
        run.dirac.draw(*shown, ImGui::GetWindowDrawList(), ImGui::GetCursorScreenPos(), available);
        ImGui::Dummy(available);
      } else if (shown->generator->outputDim() == 2) {
        // Slow motion marks the batch itself: the plane's own fake samples, arrows and manifold step aside.
        const PlaneLayers chosen = run.plane.layers();
        if (primary && slowMotion.active())
          run.plane.layers().fake = run.plane.layers().arrows = run.plane.layers().manifold = false;
        run.classPicker.hidePlaneLayers(*shown, run.plane.layers());  // it draws the samples by class
        const bool drawingPlane = primary && drawingPanel.active() && drawingPanel.canvas().dim() == 2;
        run.plane.setDrawing(drawingPlane ? &drawingPanel.canvas() : nullptr, drawingPanel.brushRadius(),
                             drawingPanel.density());
        run.plane.draw(*shown, available);
        run.plane.layers() = chosen;
        if (primary && run.plane.takeStrokeEnded()) drawingPanel.apply(*latest);  // the stroke trains at once
        run.classPicker.drawOverlay(ImGui::GetWindowDrawList(), run.plane.pictureRect(), run.plane.viewBounds(),
                                    *shown, chosen);
        if (primary) {
          const Bounds bounds = run.plane.viewBounds();
          slowMotion.drawPlaneOverlay(ImGui::GetWindowDrawList(), run.plane.pictureRect(),
                                      ImVec4(static_cast<float>(bounds.xMin), static_cast<float>(bounds.xMax),
                                             static_cast<float>(bounds.yMin), static_cast<float>(bounds.yMax)));
        }
      } else if (showLine) {
        const ImVec2 topLeft = ImGui::GetCursorScreenPos();
        const bool painting = primary && drawingPanel.active() && drawingPanel.canvas().dim() == 1;
        run.line.setRangeHeld(painting);
        run.line.setDrawnSamples(painting ? &drawingPanel.canvas().values() : nullptr);
        run.line.draw(*shown, ImGui::GetWindowDrawList(), topLeft, available);
        run.classPicker.drawPicker(ImGui::GetWindowDrawList(), run.line.plotRect(), *shown);
        if (primary) {
          slowMotion.drawLineOverlay(ImGui::GetWindowDrawList(), run.line.plotRect(), run.line.xMin(),
                                     run.line.xMax());
        }
        if (painting) {
          drawingPanel.paintOnLine(run.line, available, *latest);
        } else {
          ImGui::Dummy(available);
        }
      }
      if (lecture && primary && !showPortrait && shown->generator->outputDim() == 2) {  // one legend for both
        drawPlaneLegend(ImGui::GetWindowDrawList(), viewTopLeft, available, shown->conditionalDiscriminator != nullptr);
      }
      // The caption in its band under the plot (slow motion's phase, or the timeline's), never over the
      // picture.
      const std::string caption =
          shownCaption(*shown, primary && slowMotion.active() ? slowMotion.caption() : "");
      wanted.caption = std::max(wanted.caption, captionBandHeight(caption, parts.caption.width));
      drawCaptionBand(caption, ImGui::GetWindowDrawList(), ImVec2(parts.caption.x, parts.caption.y),
                      ImVec2(parts.caption.width, parts.caption.height));
      // What "the view alone" records: the banners, the pictures and their captions, not the slider under them.
      const ImVec4 runRect(ImGui::GetWindowPos().x, viewContentTop.y, ImGui::GetWindowSize().x,
                           parts.caption.y + parts.caption.height - viewContentTop.y);
      if (primary) {
        viewRect = runRect;
      } else {
        // Both views side by side (or stacked): the rectangle around them.
        const float x0 = std::min(viewRect.x, runRect.x), y0 = std::min(viewRect.y, runRect.y);
        const float x1 = std::max(viewRect.x + viewRect.z, runRect.x + runRect.z);
        const float y1 = std::max(viewRect.y + viewRect.w, runRect.y + runRect.w);
        viewRect = ImVec4(x0, y0, x1 - x0, y1 - y0);
      }
      ImGui::SetCursorScreenPos(ImVec2(parts.rewind.x, parts.rewind.y));
      if (primary && parts.rewind.height > 0.0f) rewindBar.draw(*snapshot, parts.rewind.width);
      ImGui::End();
    }
    viewContent = wanted;
    if (runCount == 2) {
      // The class picked in lockstep too: whichever picker changed this frame sets both.
      ClassPicker& pickerA = views[0]->classPicker;
      ClassPicker& pickerB = views[1]->classPicker;
      if (pickerB.picked() != sharedClassPick) pickerA.pick(pickerB.picked());
      pickerB.pick(pickerA.picked());
    }
    sharedClassPick = views[0]->classPicker.picked();
    if (runCount == 2 && snapshot->generator->outputDim() == 2 && latestB->generator->outputDim() == 2) {
      // Pan and zoom in lockstep: whichever view moved this frame sets both (A's when both did).
      PlaneView& other = views[1]->plane;
      const bool aMoved = !hadSharedBounds || !(planeView.viewBounds() == sharedBounds);
      if (other.hasViewBounds() && !(other.viewBounds() == sharedBounds) && !aMoved && hadSharedBounds) {
        planeView.setViewBounds(other.viewBounds(), snapshot->config.data);
      } else if (planeView.hasViewBounds()) {
        other.setViewBounds(planeView.viewBounds(), latestB->config.data);
      }
    }

    // [SECTION] Metrics
    if (drawPanels && layout.folded.metrics) {
      if (drawFoldedStrip("##metrics folded", layout.metrics, "«", "charts")) {
        folded.metrics = false;
        panelPriority = PanelPriority::Metrics;
      }
    } else if (drawPanels) {
      placeWindow(layout.metrics);
      ImGui::Begin("Metrics", nullptr, kPanelFlags);
      if (ImGui::SmallButton("hide »")) folded.metrics = true;
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Fold this panel to a strip: the view takes its room.");
      metricsPanel.draw(*snapshot, ImGui::GetContentRegionAvail(), chartsToRefresh, latestB.get());
      ImGui::End();
    }
    confirmation.draw(*runs.latest(0));
    drawHelpOverlay(helpOpen, display, cards);
    cards.draw(*snapshot, display);

    // The plane's picture is one ImGui image whose texture changes under the same draw command: say so.
    const bool planeShown = snapshot->generator->outputDim() == 2;
    const bool planeShownB = latestB && latestB->generator->outputDim() == 2;
    DamageRect damage[3];
    int damaged = 0;
    for (int r = 0; r < runCount; ++r) {
      const RunView& run = *views[static_cast<std::size_t>(r)];
      if ((r == 0 ? planeShown : planeShownB) && run.plane.pictureRedrawn()) {
        const ImVec4 p = run.plane.pictureRect();
        damage[damaged++] = {p.x, p.y, p.z, p.w};
      }
    }
    // A new theme or scale: everything is drawn again (the uncovered background changed colour too).
    damage[2] = DamageRect{0.0f, 0.0f, display.x, display.y};
    window->renderImGui(restyled ? std::span<const DamageRect>(damage + 2, 1)
                                 : std::span<const DamageRect>(damage, static_cast<std::size_t>(damaged)));
    // Two items that shared an ID this frame: said on stderr (once each), so the monkey test and a user see
    // it.
    reportImGuiIdConflicts(takeImGuiIdConflicts(), err);
    ++frame;
    redrawnSum += window->lastDamageFraction();
    // With --steps too, the last frame also waits for those iterations, so a screenshot shows the same moment
    // on a fast machine and a loaded one. On a software rasterizer the plane's picture may follow a snapshot
    // by up to three frames, the toolbar by 100 ms and the charts by a round of refreshes: with --steps the
    // last frame waits for all of them.
    // With --slow-motion the last frame also waits for the phase to be shown.
    const bool slowMotionShown = options.slowMotionPhase <= 0 || (slowMotionStarted && slowMotion.ready());
    // The charts count only where they are drawn (not folded to a strip, by the user or for want of room).
    const bool chartsShown = drawPanels && !layout.folded.metrics;
    const bool stepsDone =
        slowMotionShown && (options.pauseAfter < 0 || !snapshot->divergence.empty() ||
                            (snapshot->paused && snapshot->step >= options.pauseAfter &&
                             panelSnapshot->version == snapshot->version &&
                             (!chartsShown || metricsPanel.showing(snapshot->version)) &&
                             (!planeShown || planeView.pictureUpToDate(*snapshot)) &&
                             (!latestB || (latestB->paused && latestB->step == snapshot->step &&
                                           (!chartsShown || metricsPanel.showingB(latestB->version)) &&
                                           (!planeShownB || views[1]->plane.pictureUpToDate(*latestB))))));
    // The recording takes this frame when it is due and wholly shows its snapshot.
    const bool upToDate = panelSnapshot->version == snapshot->version &&
                          (!chartsShown || metricsPanel.showing(snapshot->version)) &&
                          (!planeShown || planeView.pictureUpToDate(*snapshot)) &&
                          (!latestB || ((!chartsShown || metricsPanel.showingB(latestB->version)) &&
                                        (!planeShownB || views[1]->plane.pictureUpToDate(*latestB))));
    // A comparison's frame is due when both runs reached its step: the pacing run (the slower) says when.
    // (Headless, both views show their pinned snapshots of the same step: A's stands for both.)
    const std::shared_ptr<const Snapshot> pacing =
        latestB && !views[0]->pinned ? runs.latest(runs.pacingRun()) : snapshot;
    recordPanel.frameRendered(*window, *pacing, upToDate, viewRect);
    if (recordPanel.active()) framesRecorded = recordPanel.active()->frames();
    if (views[0]->pinned && (!recordPanel.active() || recordPanel.active()->done() ||
                             recordPanel.active()->dueStep() != views[0]->pinned->step)) {
      for (auto& view : views)
        if (view) view->pinned.reset();  // recorded: the next frame waits for the next due step
    }
    if (progress) progress->update(framesRecorded);
    const bool last = options.headlessRecording ? !recordPanel.active()
                                                : options.frames > 0 && frame >= options.frames && stepsDone;
    if (screenshotAsked) {
      // P: the frame just drawn, to a timestamped PNG in the working folder (written whole or not at all).
      int width = 0, height = 0;
      window->framebufferSize(width, height);
      const std::string name = screenshotName();
      try {
        writePng(name, window->readFrame(), width, height);
        shotMessage = "saved " + std::filesystem::absolute(name).string();
      } catch (const std::exception& e) {
        shotMessage = std::string("screenshot not saved: ") + e.what();
      }
      shotAt = std::chrono::steady_clock::now();
    }
    if (last && !options.screenshot.empty()) {
      int width = 0, height = 0;
      window->framebufferSize(width, height);
      try {
        writePng(options.screenshot, window->readFrame(), width, height);
      } catch (const std::exception& e) {
        err << "ganscope: " << e.what() << "\n";
        exitCode = kExitBadInput;
      }
    }
    // Hold 60 frames per second where the swap does not wait for the display (Xvfb, no vsync). A software
    // rasterizer's frame is finished first and shown on the beat, as a display's vsync would (the next
    // frame's work starts at once): presents evenly spaced, where a swap at the end of the work would jitter
    // by the differences between frames' work.
    auto waitForBeat = [&] {
      nextFrame += kFrameInterval;
      const auto now = std::chrono::steady_clock::now();
      if (nextFrame > now) {
        std::this_thread::sleep_until(nextFrame);
      } else if (now - nextFrame > 4 * kFrameInterval) {
        nextFrame = now;
      }
    };
    if (software) {
      window->finishDrawing();
      frameStats.workDone();
      if (!last && !options.headlessRecording) waitForBeat();
    }
    window->swap();
    frameStats.endFrame();
    watchdog.frameEnded();
    if (last) break;
    if (!software && !options.headlessRecording) waitForBeat();
  }

  // A recording still going (the window closed, or --frames ended it) is finished: its file is put in place.
  const std::string recorded = recordPanel.stop();
  if (progress) progress->finish(framesRecorded);
  if (!recorded.empty() || !recordPanel.message().empty()) {
    (recordPanel.failed() ? err : out)
        << (recordPanel.failed() ? "ganscope: " : "") << recordPanel.message() << "\n";
    if (recordPanel.failed() && exitCode == kExitOk) exitCode = kExitFailure;
  }
  if (options.headlessRecording || !options.metricsOut.empty() || !options.saveSession.empty()) {
    // Each run's files; a comparison's named F-A.csv and F-B.csv (comparedRunPath), as the headless
    // comparison's. The window writes --metrics-out and --save-session as it closes, as a headless run does
    // at its end.
    const bool compared = runs.comparing();
    const std::string labelB = compared ? runs.comparison().label : std::string();
    std::vector<Session> sessions;
    if (compared) sessions.push_back(runs.run(1).stopAndTakeSession());
    sessions.insert(sessions.begin(), runs.run(0).stopAndTakeSession());
    for (std::size_t r = 0; r < sessions.size(); ++r) {
      const char letter = r == 0 ? 'A' : 'B';
      auto path = [&](const std::string& p) { return compared && !p.empty() ? comparedRunPath(p, letter) : p; };
      if (compared) out << "run " << letter << " (" << (r == 0 ? controls.presetName() : labelB) << "):\n";
      const int finished = finishHeadlessOutputs(sessions[r],
                                                 {path(options.metricsOut), path(options.saveSession),
                                                  path(options.exportPytorch), options.withRewind},
                                                 out, err);
      if (exitCode == kExitOk) exitCode = finished;
    }
    if (options.headlessRecording) return exitCode;
  }

  if (options.frames > 0) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const long long iterations = trainer.latest()->step - startStep;
    char line[768];
    const long long skip = std::min<long long>(10, frameStats.frames() / 10);  // start-up frames
    std::snprintf(
        line, sizeof line,
        "frames=%lld fps=%.1f frame_ms_p50=%.2f frame_ms_p99=%.2f iterations=%lld it_per_s=%.0f "
        "field_per_s=%.1f field_ms=%.2f picture_cpu_ms=%.2f field=%s field_gpu_ms=%.3f cloud_gpu_ms=%.3f "
        "ui_redrawn=%.2f "
        "work_ms_p50=%.2f work_ms_p99=%.2f plot=%.0fx%.0f view=%.0fx%.0f renderer=\"%s\"",
        frame, frameStats.framesPerSecond(skip), frameStats.percentileMs(50, skip),
        frameStats.percentileMs(99, skip), iterations, seconds > 0 ? iterations / seconds : 0.0,
        planeView.fieldRefreshesPerSecond(), planeView.lastFieldMs(), planeView.renderer().lastCpuPictureMs(),
        std::string(fieldPathName(planeView.fieldPath())).c_str(), planeView.renderer().fieldTimer().meanMs(),
        planeView.renderer().cloudTimer().meanMs(), frame > 0 ? redrawnSum / frame : 0.0,
        frameStats.workPercentileMs(50, skip), frameStats.workPercentileMs(99, skip), plotShown.x,
        plotShown.y, viewShown.x, viewShown.y, window->rendererName().c_str());
    out << line << "\n";
  }
  return exitCode;
}

}  // namespace ganscope
