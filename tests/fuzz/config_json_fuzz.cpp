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

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ganscope::Config config;
  try {
    config = ganscope::parseConfigText(text, "fuzz.json");
  } catch (const ganscope::ConfigError&) {
    return 0;  // the documented failure; any other exception escapes and is reported as a crash
  }
  if (config.data.kind == ganscope::DataKind::Points) config.data.file.clear();  // never read a file
  if (!ganscope::validate(config).empty()) return 0;
  if (!(ganscope::configFromJson(ganscope::toJson(config)) == config)) __builtin_trap();
  // And through text, as --print-config and --save-config write it (the parser only lets UTF-8 text in, so
  // nlohmann's strict dump must not throw either).
  (void)ganscope::toJson(config).dump();
  if (!(ganscope::parseConfigText(ganscope::configJsonText(config), "round trip") == config))
    __builtin_trap();
  return 0;
}
