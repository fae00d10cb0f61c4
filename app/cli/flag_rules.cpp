#include "app/cli/flag_rules.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace ganscope {
namespace {

// Where one flag applies, and why not elsewhere.
struct FlagRule {
  std::string_view flag;
  bool window, headless, headlessRecording;
  std::string_view reason;  // completes "<flag> <mode>: <reason>"
};

constexpr std::string_view kDrawsNothing =
    "a headless run draws nothing; it is for the window, or for --headless --record, which draws the "
    "window's frames";

// The flags that apply in some modes only. Every other flag (--preset, --set, --steps, --metrics-out,
// --save-session, --record, ...) works in the window, headless and in a headless recording.
constexpr std::array kRules = {
    FlagRule{"--screenshot", true, false, true, kDrawsNothing},
    FlagRule{"--window", true, false, true, kDrawsNothing},
    FlagRule{"--field", true, false, true, kDrawsNothing},
    FlagRule{"--frame-watchdog", true, false, true, kDrawsNothing},
    FlagRule{"--lecture", true, false, true, kDrawsNothing},
    FlagRule{"--theme", true, false, true, kDrawsNothing},
    FlagRule{"--ui-scale", true, false, true, kDrawsNothing},
    FlagRule{"--show", true, false, true, kDrawsNothing},
    FlagRule{"--slow-motion", true, false, true, kDrawsNothing},
    FlagRule{"--offscreen", true, false, true, kDrawsNothing},
    FlagRule{"--frames", true, false, false,
             "it counts the window's frames; a headless run ends after --steps, a headless recording with "
             "its last "
             "frame"},
    FlagRule{"--threads", false, true, false,
             "the window keeps one training thread and leaves the other core to drawing"},
};

bool given(const CliOptions& options, std::string_view flag) {
  return std::find(options.given.begin(), options.given.end(), flag) != options.given.end();
}

// Flags that need another flag beside them, in any mode.
std::string missingCompanion(const CliOptions& options) {
  if (given(options, "--with-rewind") && options.saveSession.empty())
    return "--with-rewind needs --save-session FILE: it adds the rewind checkpoints to the saved session";
  for (const char* flag : {"--record-view", "--record-every", "--fps"}) {
    if (given(options, flag) && options.record.empty())
      return std::string(flag) + " needs --record FILE.mp4|FILE.gif|DIR/: it shapes a recording";
  }
  return {};
}

// The flags a mode that prints or writes once and exits accepts.
bool acceptedWhenPrinting(const CliOptions& options, std::string_view flag) {
  if (options.listPresets) return flag == "--list-presets";
  return flag == "--print-config" || flag == "--preset" || flag == "--set" || flag == "--load-session";
}

bool acceptedWhenExporting(std::string_view flag) {
  return flag == "--export-pytorch" || flag == "--preset" || flag == "--set" || flag == "--load-session";
}

}  // namespace

RunMode runModeOf(const CliOptions& options) {
  if (options.listPresets || options.printConfig) return RunMode::PrintOnly;
  if (options.headless) return options.record.empty() ? RunMode::Headless : RunMode::HeadlessRecording;
  if (!options.exportPytorch.empty()) return RunMode::ExportOnly;
  return RunMode::Window;
}

const char* runModeName(RunMode mode) {
  switch (mode) {
    case RunMode::Window:
      return "in the window";
    case RunMode::Headless:
      return "with --headless";
    case RunMode::HeadlessRecording:
      return "with --headless --record";
    case RunMode::ExportOnly:
      return "with --export-pytorch and no --headless";
    case RunMode::PrintOnly:
      return "with --print-config or --list-presets";
  }
  return "?";
}

std::string inapplicableFlag(const CliOptions& options) {
  const RunMode mode = runModeOf(options);
  for (const std::string& flag : options.given) {
    if (mode == RunMode::PrintOnly && !acceptedWhenPrinting(options, flag))
      return flag + " does nothing " + runModeName(mode) + ": they print and exit";
    if (mode == RunMode::ExportOnly && !acceptedWhenExporting(flag)) {
      return flag + " does nothing " + runModeName(mode) +
             ": the script is written at once and the program exits; add --headless to train first";
    }
    for (const FlagRule& rule : kRules) {
      if (rule.flag != flag) continue;
      const bool applies = mode == RunMode::Window              ? rule.window
                           : mode == RunMode::Headless          ? rule.headless
                           : mode == RunMode::HeadlessRecording ? rule.headlessRecording
                                                                : true;
      if (!applies) return flag + " does nothing " + runModeName(mode) + ": " + std::string(rule.reason);
    }
  }
  return missingCompanion(options);
}

}  // namespace ganscope
