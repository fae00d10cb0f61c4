#pragma once
// The interactive program: a window that shows a GAN training in a background thread.
#include <iosfwd>
#include <optional>
#include <string>

#include "app/ui/concept_cards.h"
#include "app/views/field_path.h"
#include "app/window/frame_recording.h"
#include "app/window/imgui_style.h"
#include "core/gan/config.h"
#include "core/gan/config_difference.h"
#include "core/runtime/session.h"

namespace ganscope {

/// How the window runs.
struct VisualizerOptions {
  int width = 1280;            ///< window width in pixels
  int height = 800;            ///< window height in pixels
  long long frames = -1;       ///< stop after this many frames and print a summary line (-1: until closed)
  std::string screenshot;      ///< save the last frame to this PNG
  std::string presetName;      ///< the preset's name, for the title
  long long pauseAfter = -1;   ///< pause after this many iterations (-1: train until paused)
  FieldChoice field = FieldChoice::Auto;  ///< where D's surface is computed (changeable in the window)
  bool offscreen = false;  ///< draw into an offscreen framebuffer through EGL, with no display (needs frames)
  int frameWatchdogMs = 0;  ///< end the process (status 1) when one frame takes longer than this (0: off)
  const Session* session = nullptr;          ///< open on this saved session (paused) instead of `config`
  std::optional<RecordingOptions> recording;  ///< record from the first frame (--record)
  /// Headless recording (--headless --record): offscreen, frames as fast as they can be drawn, a progress bar, and
  /// the end when the recording's last frame is taken.
  bool headlessRecording = false;
  std::string metricsOut;   ///< headless recording: the metrics CSV written at the end
  std::string saveSession;  ///< headless recording: the session saved at the end
  std::string exportPytorch;  ///< headless recording: the PyTorch script written at the end
  bool withRewind =
      false;  ///< headless recording: the saved session keeps its rewind checkpoints (--with-rewind)
  bool lecture = false;        ///< open in the lecture layout (--lecture; L toggles it)
  Theme theme = Theme::Dark;   ///< the panels' colours (--theme; T toggles them)
  float uiScale = 0.0f;        ///< the UI scale (--ui-scale); 0: automatic from the window's height and monitor
  bool showHelp = false;       ///< open with the help overlay shown (--show help)
  bool showGraph = false;      ///< open with the model graph shown (--show graph; always in slow motion)
  int slowMotionPhase = 0;     ///< open in slow motion at this phase, 1 to 5, after --steps (--slow-motion; 0: off)
  std::optional<Concept> showConcept;  ///< open with this concept card shown (--show concept:NAME)
  std::optional<Comparison> comparison;  ///< open comparing run A with this run B (--compare, --compare-preset)
};

/// Opens the window on `config`, already training, and runs until it is closed (or `frames` have been drawn).
/// Returns an ExitCode: kExitFailure when no window can be opened (the message names --headless).
int runVisualizer(const Config& config, const VisualizerOptions& options, std::ostream& out, std::ostream& err);

/// Parses "WIDTHxHEIGHT" (each 320 to 8192). Returns false for anything else.
bool parseWindowSize(const std::string& text, int& width, int& height);

}  // namespace ganscope
