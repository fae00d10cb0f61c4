// libFuzzer target for config JSON text (presets, saved sessions, a .json file given to --preset).
// Checks that parseConfigText() either returns a Config or throws ConfigError, nothing else; that validate()
// of what it returns does not crash; and that a config validate() accepts survives the round trip
// configFromJson(toJson(config)) == config, and the same through text (configJsonText(), what --print-config
// and --save-config write). A `points` config's data.file is cleared before validate(), which would otherwise
// read whatever path the fuzzer wrote: this target never touches the file system.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/gan/config.h"
#include "core/gan/config_json.h"
#include "tests/fuzz/round_trip.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ganscope::Config config;
  try {
    config = ganscope::parseConfigText(text, "fuzz.json");
  } catch (const ganscope::ConfigError&) {
    return 0;  // the documented failure; any other exception escapes and is reported as a crash
  }
  ganscope::fuzz::checkRoundTrip(config);
  return 0;
}
