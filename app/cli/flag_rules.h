#pragma once
// Which flags apply to which way of running: every flag either works in the mode the command line asks for or
// is refused with the reason, never silently ignored.
#include <string>

#include "app/cli/cli_options.h"

namespace ganscope {

/// The ways the program runs, from the flags given.
enum class RunMode {
  Window,             ///< the interactive window (or its offscreen form, --offscreen --frames N)
  Headless,           ///< --headless: training without drawing anything
  HeadlessRecording,  ///< --headless --record: the window's frames drawn offscreen into a recording
  ExportOnly,  ///< --export-pytorch without --headless: the script is written at once, then the program exits
  PrintOnly,   ///< --print-config or --list-presets: prints, then exits
};

/// The mode `options` asks for.
RunMode runModeOf(const CliOptions& options);

/// A short name of a mode, as the refusals say it ("--headless", "the window").
const char* runModeName(RunMode mode);

/// The first flag given (CliOptions::given) that does nothing in the mode `options` asks for, as one sentence
/// naming the flag, the mode and what to do instead; empty when every flag given applies.
std::string inapplicableFlag(const CliOptions& options);

}  // namespace ganscope
