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
#include "app/presets/preset_library.h"
#include "app/cli/progress_bar.h"
#include "app/gl/gpu_timer.h"
#include "app/ui/caption_overlay.h"
#include "app/ui/class_picker.h"
#include "app/ui/collapse_banner.h"
#include "app/ui/control_panel.h"
#include "app/ui/drawing_panel.h"
#include "app/ui/help_overlay.h"
#include "app/ui/record_panel.h"
#include "app/ui/rewind_bar.h"
#include "app/ui/session_panel.h"
#include "app/ui/slow_motion.h"
#include "app/ui/toolbar_flow.h"
#include "app/views/dirac_view.h"
#include "app/views/line_view.h"
#include "app/views/model_graph.h"
#include "app/views/metrics_panel.h"
#include "app/views/plane_legend.h"
#include "app/views/plane_view.h"
#include "app/window/frame_stats.h"
#include "app/window/frame_watchdog.h"
#include "app/window/glfw_window.h"
#include "app/window/imgui_id_audit.h"
#include "app/window/imgui_style.h"
#include "app/window/offscreen_window.h"
#include "app/window/screenshot.h"
#include "app/window/view_state.h"
#include "app/window/window_layout.h"
#include "core/gan/config_names.h"
#include "core/runtime/training_thread.h"
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
// On a software rasterizer the plane's scene is computed at most this often (25 a second), in a frame of its own;
// the next frame draws its picture and the one after shows it, so at 60 frames a second it is every third frame,
// 20 pictures a second.
constexpr auto kSoftwareSceneInterval = std::chrono::milliseconds(40);

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

// The UI scale of this frame: --ui-scale (a quarter more in the lecture layout), else the automatic one.
float chosenUiScale(const VisualizerOptions& options, const Window& window, bool lecture) {
  int width = 0, height = 0;
  window.framebufferSize(width, height);
  if (options.uiScale > 0.0f)
    return std::clamp(options.uiScale * (lecture ? 1.25f : 1.0f), kMinUiScale, kMaxUiScale);
  return automaticUiScale(static_cast<float>(height), window.contentScale(), lecture);
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
void drawBanner(const Snapshot& snapshot, TrainingThread& trainer) {
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
  PlaneView planeView;
  ClassPicker classPicker;
  if (software) planeView.setSceneInterval(kSoftwareSceneInterval);
  planeView.setSoftwareRenderer(software);
  planeView.setFieldChoice(options.field);
  LineView lineView;
  DiracView diracView;
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
  std::unique_ptr<TrainingThread> trainerThread =
      options.session ? std::make_unique<TrainingThread>(*options.session, /*startPaused=*/true)
                      : std::make_unique<TrainingThread>(config, startPaused);
  TrainingThread& trainer = *trainerThread;
  // Frames first: on two cores the trainer, the GUI and the software rasterizer's threads compete.
  trainer.send(SetNicenessCommand{10});
  if (options.pauseAfter > 0 && !clockRecording) trainer.send(StepCommand{options.pauseAfter});
  if (options.headlessRecording && software) {
    // No display to keep smooth: every frame computes the whole picture and every chart.
    planeView.setSceneInterval(std::chrono::milliseconds(0));
    planeView.setFieldInterval(std::chrono::milliseconds(0));
    metricsPanel.setStaggered(false, kPanelInterval);
  }
  ControlPanel controls(trainer, presets);
  RecordPanel recordPanel(trainer);
  RewindBar rewindBar(trainer);
  bool diracPortrait = true;  // the Dirac-GAN's tab shown
  int selectDiracTab = -1;    // a tab to select once (a session's): 0 the portrait, 1 the 1D view
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
  CollapseBanner collapseBanner(trainer);
  controls.setPresetName(options.presetName.empty() ? config.name : options.presetName);

  FrameStats frameStats;
  FrameWatchdog watchdog(
      options.frameWatchdogMs);  // --frame-watchdog: a frame stuck that long ends the process
  long long frame = 0;
  double redrawnSum = 0.0;  // the share of the window's pixels drawn again, summed over frames
  const long long startStep = trainer.latest()->step;
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
  PanelFolding folded;
  bool helpOpen = options.showHelp;
  bool showGraph = options.showGraph;
  ToolbarFlow toolbarFlow;  // the toolbar's groups, measured each frame for the next frame's layout
  SlowMotion slowMotion(trainer);
  DrawingPanel drawingPanel(trainer);
  ConceptCardOverlay cards;
  if (options.showConcept) cards.open(*options.showConcept);
  collapseBanner.setConceptCards(&cards);
  metricsPanel.setHelpHandler([&cards](MetricsPanel::ExplainedChart chart) {
    cards.open(chart == MetricsPanel::ExplainedChart::Losses ? Concept::MinimaxValue : Concept::OptimalDiscriminator);
  });
  bool slowMotionStarted = options.slowMotionPhase <= 0;  // --slow-motion: started once --steps are done
  std::string shotMessage;  // what the last screenshot (P) wrote, shown in the toolbar for a while
  std::chrono::steady_clock::time_point shotAt{};
  // Headless on the training clock: the snapshot the frames show until one of them is recorded. The trainer goes
  // on with the next frame's iterations meanwhile (on two cores, training overlaps drawing and encoding).
  std::shared_ptr<const Snapshot> pinned;
  while (!window->shouldClose()) {
    if (options.headlessRecording && recordPanel.active() && !pinned) {
      // Only the frames that are recorded are drawn: wait for the trainer first.
      FrameRecording& recording = *recordPanel.active();
      auto latest = trainer.latest();
      while (!recording.poll(*latest) && !recording.done()) {
        latest = trainer.waitForNewer(latest->version, std::chrono::milliseconds(100));
      }
      if (recording.trainingClock() && !recording.done()) {
        pinned = latest;
        recording.stepAhead(*pinned);
      }
    }
    watchdog.frameStarted();
    frameStats.beginFrame();
    const bool restyled = applyAppearance(theme, chosenUiScale(options, *window, layoutMode == LayoutMode::Lecture));
    window->beginFrame();
    const std::shared_ptr<const Snapshot> latest = pinned ? pinned : trainer.latest();
    if (!slowMotionStarted && (options.pauseAfter < 0 || (latest->paused && latest->step >= options.pauseAfter))) {
      slowMotion.start(latest, options.slowMotionPhase);
      slowMotionStarted = true;
    }
    slowMotion.update(latest);
    // In slow motion the window shows the phase's state (before the iteration, D after it, or both after).
    const std::shared_ptr<const Snapshot> shownBySlowMotion = slowMotion.shown();
    // A conditional run is drawn for the class picked (G(z | y = k), D(x | y = k)); other runs as they are.
    const std::shared_ptr<const Snapshot> snapshot = classPicker.shown(shownBySlowMotion ? shownBySlowMotion : latest);
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
    if (!options.headlessRecording) {
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
          default: break;
        }
      }
    }
    const ImGuiStyle& style = ImGui::GetStyle();
    const int toolbarRows = toolbarFlow.rowsFor(display.x - 2.0f * style.WindowPadding.x, style.ItemSpacing.x);
    const WindowLayout layout = computeLayout(layoutMode, display.x, display.y, uiScale(), folded, toolbarRows);
    const bool hideTimings = recordPanel.active() && recordPanel.active()->trainingClock();

    // What the toolbar's readouts show (see kPanelInterval), and how many charts are drawn again.
    const auto panelClock = std::chrono::steady_clock::now();
    const bool planeBusy = snapshot->generator->outputDim() == 2 && planeView.heavyStepDue(*snapshot);
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
      char readout[160];
      if (hideTimings || lecture) {
        std::snprintf(readout, sizeof readout, "  step %s", withThousands(panelSnapshot->step).c_str());
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
      if (folded.settings) {
        if (drawFoldedStrip("##settings folded", layout.settings, "»", "settings")) folded.settings = false;
      } else {
        placeWindow(layout.settings);
        ImGui::Begin(lecture ? "Controls###Settings" : "Settings###Settings", nullptr, kPanelFlags);
        if (ImGui::SmallButton("« hide")) folded.settings = true;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Fold this panel to a strip: the view takes its room.");
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

    // [SECTION] The view
    placeWindow(layout.view);
    const std::string title =
        (controls.presetName().empty() ? std::string("ganscope") : controls.presetName()) + " — " +
        std::string(enumName(snapshot->config.data.kind)) + ", " +
        std::string(enumName(snapshot->config.loss)) + " loss###view";
    ImGui::Begin(title.c_str(), nullptr,
                 kPanelFlags | ImGuiWindowFlags_NoScrollbar |
                     (snapshot->generator->outputDim() == 2 ? ImGuiWindowFlags_NoBackground : 0));
    const ImVec2 viewContentTop = ImGui::GetCursorScreenPos();
    drawBanner(*snapshot, trainer);
    collapseBanner.draw(*snapshot);
    // The Dirac-GAN: its phase portrait first, the 1D view a tab away.
    const bool dirac = snapshot->config.data.kind == DataKind::Dirac;
    const bool diracTabs = dirac && ImGui::BeginTabBar("##dirac views");
    bool showPortrait = false, showLine = !dirac;
    if (diracTabs) {
      if (ImGui::BeginTabItem("Phase portrait (θ, ψ)", nullptr,
                              selectDiracTab == 0 ? ImGuiTabItemFlags_SetSelected : 0)) {
        showPortrait = true;
        ImGui::EndTabItem();
      }
      if (ImGui::BeginTabItem("1D view", nullptr, selectDiracTab == 1 ? ImGuiTabItemFlags_SetSelected : 0)) {
        showLine = true;
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
      diracPortrait = showPortrait;
      selectDiracTab = -1;
    }
    if ((showGraph || slowMotion.active()) && !showPortrait) {
      // The model graph across the top of the view, with the phase's measurements in slow motion.
      const ImVec2 graphSize(ImGui::GetContentRegionAvail().x, modelGraphHeight());
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
    }
    ImVec2 available = ImGui::GetContentRegionAvail();
    available.y = std::max(1.0f, available.y - RewindBar::height());  // the rewind slider below the view
    const ImVec2 viewTopLeft = ImGui::GetCursorScreenPos();
    if (showPortrait) {
      diracView.draw(*snapshot, ImGui::GetWindowDrawList(), ImGui::GetCursorScreenPos(), available);
      ImGui::Dummy(available);
    } else if (snapshot->generator->outputDim() == 2) {
      // Slow motion marks the batch itself: the plane's own fake samples, arrows and manifold step aside.
      const PlaneLayers chosen = planeView.layers();
      if (slowMotion.active()) planeView.layers().fake = planeView.layers().arrows = planeView.layers().manifold = false;
      classPicker.hidePlaneLayers(*snapshot, planeView.layers());  // it draws the samples by class
      const bool drawingPlane = drawingPanel.active() && drawingPanel.canvas().dim() == 2;
      planeView.setDrawing(drawingPlane ? &drawingPanel.canvas() : nullptr, drawingPanel.brushRadius(),
                           drawingPanel.density());
      planeView.draw(*snapshot, available);
      planeView.layers() = chosen;
      if (planeView.takeStrokeEnded()) drawingPanel.apply(*latest);  // the stroke trains at once
      const Bounds bounds = planeView.viewBounds();
      classPicker.drawOverlay(ImGui::GetWindowDrawList(), planeView.pictureRect(), bounds, *snapshot, chosen);
      slowMotion.drawPlaneOverlay(ImGui::GetWindowDrawList(), planeView.pictureRect(),
                                  ImVec4(static_cast<float>(bounds.xMin), static_cast<float>(bounds.xMax),
                                         static_cast<float>(bounds.yMin), static_cast<float>(bounds.yMax)));
    } else if (showLine) {
      const ImVec2 topLeft = ImGui::GetCursorScreenPos();
      const bool painting = drawingPanel.active() && drawingPanel.canvas().dim() == 1;
      lineView.setRangeHeld(painting);
      lineView.setDrawnSamples(painting ? &drawingPanel.canvas().values() : nullptr);
      lineView.draw(*snapshot, ImGui::GetWindowDrawList(), topLeft, available);
      slowMotion.drawLineOverlay(ImGui::GetWindowDrawList(), lineView.plotRect(), lineView.xMin(), lineView.xMax());
      classPicker.drawPicker(ImGui::GetWindowDrawList(), lineView.plotRect(), *snapshot);
      if (painting) {
        drawingPanel.paintOnLine(lineView, available, *latest);
      } else {
        ImGui::Dummy(available);
      }
    }
    if (lecture && !showPortrait && snapshot->generator->outputDim() == 2) {
      drawPlaneLegend(ImGui::GetWindowDrawList(), viewTopLeft, available, snapshot->conditionalDiscriminator != nullptr);
    }
    if (slowMotion.active()) {
      drawCaptionText(slowMotion.caption(), ImGui::GetWindowDrawList(), viewTopLeft, available);
    } else {
      drawCaption(*snapshot, ImGui::GetWindowDrawList(), viewTopLeft, available);
    }
    // What "the view alone" records: the banner, the picture and its caption, not the slider under them.
    const ImVec4 viewRect(ImGui::GetWindowPos().x, viewContentTop.y, ImGui::GetWindowSize().x,
                          viewTopLeft.y + available.y - viewContentTop.y);
    ImGui::SetCursorScreenPos(ImVec2(viewTopLeft.x, viewTopLeft.y + available.y));
    rewindBar.draw(*snapshot, available.x);
    ImGui::End();

    // [SECTION] Metrics
    if (drawPanels && folded.metrics) {
      if (drawFoldedStrip("##metrics folded", layout.metrics, "«", "charts")) folded.metrics = false;
    } else if (drawPanels) {
      placeWindow(layout.metrics);
      ImGui::Begin("Metrics", nullptr, kPanelFlags);
      if (ImGui::SmallButton("hide »")) folded.metrics = true;
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Fold this panel to a strip: the view takes its room.");
      metricsPanel.draw(*snapshot, ImGui::GetContentRegionAvail(), chartsToRefresh);
      ImGui::End();
    }
    drawHelpOverlay(helpOpen, display, cards);
    cards.draw(*snapshot, display);

    // The plane's picture is one ImGui image whose texture changes under the same draw command: say so.
    const bool planeShown = snapshot->generator->outputDim() == 2;
    DamageRect planeDamage;
    if (planeShown && planeView.pictureRedrawn()) {
      const ImVec4 r = planeView.pictureRect();
      planeDamage = {r.x, r.y, r.z, r.w};
    }
    // A new theme or scale: everything is drawn again (the uncovered background changed colour too).
    const DamageRect damage[2] = {planeDamage, DamageRect{0.0f, 0.0f, display.x, display.y}};
    window->renderImGui(restyled ? std::span<const DamageRect>(damage + 1, 1)
                                 : std::span<const DamageRect>(damage, planeDamage.empty() ? 0 : 1));
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
    const bool stepsDone =
        slowMotionShown &&
        (options.pauseAfter < 0 || !snapshot->divergence.empty() ||
         (snapshot->paused && snapshot->step >= options.pauseAfter && panelSnapshot->version == snapshot->version &&
          metricsPanel.showing(snapshot->version) && (!planeShown || planeView.pictureUpToDate(*snapshot))));
    // The recording takes this frame when it is due and wholly shows its snapshot.
    const bool upToDate = panelSnapshot->version == snapshot->version &&
                          (!drawPanels || metricsPanel.showing(snapshot->version)) &&
                          (!planeShown || planeView.pictureUpToDate(*snapshot));
    recordPanel.frameRendered(*window, *snapshot, upToDate, viewRect);
    if (recordPanel.active()) framesRecorded = recordPanel.active()->frames();
    if (pinned && (!recordPanel.active() || recordPanel.active()->done() ||
                   recordPanel.active()->dueStep() != pinned->step)) {
      pinned.reset();  // recorded: the next frame waits for the next due step
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
  if (options.headlessRecording) {
    Session session = trainer.stopAndTakeSession();
    const int finished = finishHeadlessOutputs(session, {options.metricsOut, options.saveSession, options.exportPytorch},
                                                 out, err);
    if (exitCode == kExitOk) exitCode = finished;
    return exitCode;
  }

  if (options.frames > 0) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const long long iterations = trainer.latest()->step - startStep;
    char line[768];
    const long long skip = std::min<long long>(10, frameStats.frames() / 10);  // start-up frames
    std::snprintf(
        line, sizeof line,
        "frames=%lld fps=%.1f frame_ms_p50=%.2f frame_ms_p99=%.2f iterations=%lld it_per_s=%.0f "
        "field_per_s=%.1f field_ms=%.2f picture_cpu_ms=%.2f field=%s field_gpu_ms=%.3f cloud_gpu_ms=%.3f ui_redrawn=%.2f "
        "work_ms_p50=%.2f work_ms_p99=%.2f renderer=\"%s\"",
        frame, frameStats.framesPerSecond(skip), frameStats.percentileMs(50, skip),
        frameStats.percentileMs(99, skip), iterations, seconds > 0 ? iterations / seconds : 0.0,
        planeView.fieldRefreshesPerSecond(), planeView.lastFieldMs(), planeView.renderer().lastCpuPictureMs(),
        std::string(fieldPathName(planeView.fieldPath())).c_str(), planeView.renderer().fieldTimer().meanMs(),
        planeView.renderer().cloudTimer().meanMs(), frame > 0 ? redrawnSum / frame : 0.0,
        frameStats.workPercentileMs(50, skip), frameStats.workPercentileMs(99, skip),
        window->rendererName().c_str());
    out << line << "\n";
  }
  return exitCode;
}

}  // namespace ganscope
