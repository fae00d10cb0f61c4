// libFuzzer target for `--set key=value` assignments (the command line, collapse-monitor advice, the GUI).
// The input is split on newlines into assignments applied in order to a default Config, so sequences are
// explored. Checks that applySetting() either succeeds or throws ConfigError and then leaves the config
// exactly as it was; that validate() of the result does not crash; and that a result validate() accepts
// survives the JSON round trip, as a json value and as text (configJsonText(); validate() admits only
// UTF-8 text, so a strict dump() must not throw). A `points` config's data.file is cleared before validate():
// this target never touches the file system.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/gan/config.h"
#include "core/gan/config_json.h"
#include "tests/fuzz/round_trip.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  ganscope::Config config;
  while (!rest.empty()) {
    const std::size_t newline = rest.find('\n');
    const std::string_view assignment = rest.substr(0, newline);
    rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
    const ganscope::Config before = config;
    try {
      ganscope::applySetting(config, assignment);
    } catch (const ganscope::ConfigError&) {
      if (!(config == before)) __builtin_trap();  // a refused assignment must change nothing
    }
  }
  ganscope::fuzz::checkRoundTrip(config);
  return 0;
}
