#pragma once
// What the two config fuzz targets check of a config they obtained: it validates or not without crashing, and a
// config that validates writes back and reads back equal, as JSON and as text.
#include "core/gan/config.h"
#include "core/gan/config_json.h"

namespace ganscope::fuzz {

/// Validates `config` (its data.file cleared for a points config: the targets never read the file system) and, when
/// it is valid, traps unless configFromJson(toJson(config)) and parseConfigText(configJsonText(config)) give it
/// back; nlohmann's strict dump must not throw either, since validate() lets only UTF-8 text through.
inline void checkRoundTrip(Config config) {
  if (config.data.kind == DataKind::Points) config.data.file.clear();
  if (!validate(config).empty()) return;
  if (!(configFromJson(toJson(config)) == config)) __builtin_trap();
  (void)toJson(config).dump();
  if (!(parseConfigText(configJsonText(config), "round trip") == config)) __builtin_trap();
}

}  // namespace ganscope::fuzz
