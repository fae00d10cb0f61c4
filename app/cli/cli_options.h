#pragma once
// The program's command line: what it accepts and how a run's config is put together from it.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "core/gan/config.h"
#include "core/gan/config_difference.h"

namespace ganscope {

/// The program's exit codes.
enum ExitCode : int {
  kExitOk = 0,        ///< done
  kExitFailure = 1,   ///< something outside the user's input failed (e.g. no display for the window)
  kExitBadInput = 2,  ///< bad arguments, an unknown key or value, malformed JSON, a missing or unwritable file
  kExitDiverged = 3,  ///< training diverged (a NaN or Inf)
};

/// Everything the command line can say.
struct CliOptions {
  bool headless = false;              ///< train without a window
  std::string preset;                 ///< a preset name or .json path (empty: the default preset)
  std::vector<std::string> settings;  ///< --set key=value, applied in order after the preset
  long long steps = -1;               ///< headless: iterations (-1: demo_steps, else 2,000); window: pause after them
  std::string metricsOut;             ///< --metrics-out FILE.csv
  std::string saveConfig;             ///< --save-config FILE.json
  bool listPresets = false;           ///< print the presets and exit
  bool printConfig = false;           ///< print the resolved config as JSON and exit
  int frames = -1;                    ///< window: stop after this many frames (-1: run until closed)
  bool offscreen = false;             ///< window: draw offscreen through EGL, no display (needs frames)
  std::string screenshot;             ///< window: save a PNG of the last frame
  std::string window = "1280x800";    ///< window: size WxH
  std::string field = "auto";         ///< window: where D's surface is computed: auto, gpu or cpu
  int threads = 1;                    ///< headless: threads for wide layers' products (the window keeps one)
  int frameWatchdog = 0;              ///< window: stop (exit 1) when one frame takes more ms than this (0: off)
  std::string record;                 ///< --record FILE.mp4|FILE.gif|DIR/: record the run (window or headless)
  long long recordEvery = 0;          ///< one frame every K iterations (0: window on the wall clock, headless chosen)
  std::string recordView = "window";  ///< what is recorded: window or view
  int fps = 30;                       ///< the recording's playback rate
  std::string saveSession;            ///< headless: save the session at the end of the run
  bool withRewind = false;            ///< --with-rewind: the saved session keeps the rewind checkpoints
  std::string exportPytorch;          ///< write the run as a PyTorch script (headless: after --steps; else at once)
  std::string loadSession;            ///< continue a saved session (headless for --steps more, or in the window)
  bool lecture = false;               ///< window: open in the lecture layout
  std::string theme = "dark";         ///< window: the panels' theme, dark or light
  double uiScale = 0.0;               ///< window: the UI scale (0: automatic)
  std::string show;                   ///< window: open with this shown ("help", "graph")
  int slowMotion = 0;                 ///< window: open in slow motion at this phase, 1 to 5 (0: off)
  std::vector<std::string> compare;   ///< --compare key=value ...: run B is run A with these changed
  std::string comparePreset;          ///< --compare-preset NAME: run B is this preset (with run A's seed)
  std::vector<std::string> given;     ///< the long names of the flags given ("--lecture"), in parse order
  /// Whether a comparison was asked for.
  bool comparing() const { return !compare.empty() || !comparePreset.empty(); }
};

/// Parses the arguments. Returns the options, or an exit code when the program is done already (help printed:
/// kExitOk; a usage error printed as one line on `err`: kExitBadInput).
std::optional<CliOptions> parseCommandLine(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
                                           int& exitCode);

/// The config of a run: the preset (or the default one), then each --set in order, then validate().
/// Throws ConfigError with the first problem.
Config resolveConfig(const CliOptions& options);

/// Names `config` as changed from the preset `presetName` by `settings` (--set): its name becomes
/// "NAME-changed" (one word, as the summaries print it) and its description starts with the settings, so a
/// saved config says it is not the preset.
void markChanged(Config& config, const std::string& presetName, const std::vector<std::string>& settings);

/// Run B of --compare / --compare-preset beside run A's config `runA` (core/gan/config_difference.h). Throws
/// ConfigError naming what is wrong: an unknown preset or setting, a run B that cannot run or equals run A.
Comparison resolveComparison(const CliOptions& options, const Config& runA);

}  // namespace ganscope
