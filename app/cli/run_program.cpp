#include "app/cli/run_program.h"

#include <cstdio>
#include <ostream>

#include "app/cli/cli_options.h"
#include "app/cli/headless_run.h"
#include "app/cli/preset_library.h"
#include "app/views/field_path.h"
#include "app/window/visualizer.h"
#include "core/gan/config_json.h"
#include "core/util/atomic_file.h"

namespace ganscope {

int runProgram(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  int exitCode = kExitOk;
  const auto options = parseCommandLine(argc, argv, out, err, exitCode);
  if (!options) return exitCode;
  try {
    if (options->listPresets) {
      for (const auto& preset : listPresets()) {
        char line[256];
        std::snprintf(line, sizeof line, "%-22s %7d  ", preset.name.c_str(), preset.demoSteps);
        out << line << preset.description << "\n";
      }
      return kExitOk;
    }
    const Config config = resolveConfig(*options);
    if (options->printConfig) {
      out << configJsonText(config);
      return kExitOk;
    }
    if (options->headless) return runHeadless(config, *options, out, err);
    VisualizerOptions window;
    if (!parseWindowSize(options->window, window.width, window.height)) {
      err << "ganscope: --window '" << options->window << "': expected WIDTHxHEIGHT, each from 320x240 to 8192\n";
      return kExitBadInput;
    }
    if (options->offscreen && options->frames < 0) {
      err << "ganscope: --offscreen needs --frames N: an offscreen window cannot be closed\n";
      return kExitBadInput;
    }
    window.offscreen = options->offscreen;
    window.field = parseFieldChoice(options->field).value_or(FieldChoice::Auto);  // checked by the parser
    window.frames = options->frames;
    window.frameWatchdogMs = options->frameWatchdog;
    window.pauseAfter = options->steps;
    window.screenshot = options->screenshot;
    window.presetName = options->preset.empty() ? kDefaultPreset : options->preset;
    if (!window.screenshot.empty()) {
      try {
        checkWritable(window.screenshot);
      } catch (const std::exception& e) {
        err << "ganscope: " << e.what() << "\n";
        return kExitBadInput;
      }
    }
    return runVisualizer(config, window, out, err);
  } catch (const ConfigError& e) {
    err << "ganscope: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    // Nothing reaches std::terminate: what no part of the program expected still ends in one line.
    err << "ganscope: stopped by an unexpected error: " << e.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace ganscope
