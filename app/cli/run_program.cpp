#include "app/cli/run_program.h"

#include <cstdio>
#include <ostream>

#include "app/cli/cli_options.h"
#include "app/cli/headless_run.h"
#include "app/cli/preset_library.h"
#include "core/gan/config_json.h"

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
      out << toJson(config).dump(2) << "\n";
      return kExitOk;
    }
    if (options->headless) return runHeadless(config, *options, out, err);
    err << "ganscope: the window is not built yet; run with --headless (see --help)\n";
    return kExitFailure;
  } catch (const ConfigError& e) {
    err << "ganscope: " << e.what() << "\n";
    return kExitBadInput;
  }
}

}  // namespace ganscope
