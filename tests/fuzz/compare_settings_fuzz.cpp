// libFuzzer target for run B's settings (`--compare key=value ...` and the window's Compare field): the input is
// split as the field splits it (splitSettings) and made into a comparison beside a default run A. Checks that
// makeComparison either succeeds or throws ConfigError; that a comparison it makes describes a run B that validates;
// and that its settings are exactly what that run B changes of A, so applying them to A gives B back (the window
// sends B A's config with them on top).
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/gan/config.h"
#include "core/gan/config_difference.h"
#include "core/gan/config_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const ganscope::Config runA;
  const std::vector<std::string> typed = ganscope::splitSettings(text);
  ganscope::Comparison comparison;
  try {
    comparison = ganscope::makeComparison(runA, nullptr, "", typed);
  } catch (const ganscope::ConfigError&) {
    return 0;  // refused with a message: nothing else to check
  }
  if (comparison.settings.empty()) __builtin_trap();  // a run B equal to A must be refused
  ganscope::Config runB = ganscope::withSettings(runA, typed);
  if (!ganscope::validate(runB).empty()) __builtin_trap();
  if (ganscope::configDifferences(runA, runB) != comparison.settings) __builtin_trap();
  const ganscope::Config again = ganscope::withSettings(runA, comparison.settings);
  if (ganscope::configDifferences(runB, again).size() != 0) __builtin_trap();
  return 0;
}
