// libFuzzer target for `--set key=value` assignments (the command line, collapse-monitor advice, the GUI).
// The input is split on newlines into assignments applied in order to a default Config, so sequences are
// explored. Checks that applySetting() either succeeds or throws ConfigError and then leaves the config
// exactly as it was; that validate() of the result does not crash; and that a result validate() accepts
// survives the JSON round trip, as a json value and as text (configJsonText(), which writes bytes that are
// not UTF-8 as U+FFFD). A `points` config's data.file is cleared before validate(): this target never touches
// the file system.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/gan/config.h"
#include "core/gan/config_json.h"

namespace {

// Whether every text of `config` is UTF-8: a bare `--set` word may hold any bytes, and a strict dump throws
// on them.
bool textIsUtf8(const ganscope::Config& config) {
  try {
    (void)ganscope::toJson(config).dump();
    return true;
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
}

}  // namespace

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
  if (config.data.kind == ganscope::DataKind::Points) config.data.file.clear();  // never read a file
  if (!ganscope::validate(config).empty()) return 0;
  if (!(ganscope::configFromJson(ganscope::toJson(config)) == config)) __builtin_trap();
  // And through text, as --print-config and --save-config write it: exactly, except that bytes of a text that
  // are not UTF-8 come back as U+FFFD (configJsonText's documented replacement).
  ganscope::Config reread = ganscope::parseConfigText(ganscope::configJsonText(config), "round trip");
  if (!textIsUtf8(config)) {
    reread.name = config.name;
    reread.description = config.description;
    reread.data.file = config.data.file;
  }
  if (!(reread == config)) __builtin_trap();
  return 0;
}
