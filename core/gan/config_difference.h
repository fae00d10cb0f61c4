#pragma once
// What one run's config changes of another's, as `key=value` settings: run B of a comparison is run A with them.
#include <string>
#include <vector>

#include "core/gan/config.h"

namespace ganscope {

/// The settings `to` changes of `from`, one `key=value` each (the value as JSON, as --set reads it), in the order of
/// configKeys(), the timeline last. The informational keys (name, description, demo_steps) are left out: they do not
/// change what trains.
std::vector<std::string> configDifferences(const Config& from, const Config& to);

/// `base` with `settings` applied in order (applySetting). Throws ConfigError naming the setting that is wrong, and
/// then `base` is not changed (it is taken by value).
Config withSettings(Config base, const std::vector<std::string>& settings);

/// The key of a `key=value` setting ("pack" of "pack=4"); the whole text when it has no '='.
std::string settingKey(const std::string& setting);

/// The value of `key` in `config` as text to show: a string as it is, anything else as JSON ("[64,64]"), "-" where
/// the config has no such key.
std::string configValueText(const Config& config, const std::string& key);

/// Settings joined by spaces, as legends name a run B ("pack=4 penalty.r1=1"); `first` (a preset's name) before them.
std::string joinedSettings(const std::vector<std::string>& settings, const std::string& first = "");

}  // namespace ganscope

namespace ganscope {

/// Run B of a comparison: the settings it changes of run A, and its name in legends and file names' notes.
struct Comparison {
  std::vector<std::string> settings;  ///< `key=value` each, applied to A's config in order
  std::string label;                  ///< how the window and the summary name run B ("pack=4", a preset's name)
};

/// A comparison from `--compare` settings and/or a `--compare-preset`: B is the preset's config (or A's) with A's
/// seed, then the settings; its settings are then what B's config changes of A's. Throws ConfigError naming the
/// setting that is wrong, or saying that B would be the same run as A.
Comparison makeComparison(const Config& runA, const Config* preset, const std::string& presetName,
                          const std::vector<std::string>& settings);

/// Splits "pack=4 generator.hidden=[64, 64]" (the window's field of run B's settings) into settings: a new one starts
/// at each word holding '=', a word without one belongs to the setting before it.
std::vector<std::string> splitSettings(const std::string& text);

/// A file name for one run of a comparison: "out/metrics.csv" for run 'A' is "out/metrics-A.csv" (the suffix before
/// the extension; appended when there is none).
std::string comparedRunPath(const std::string& path, char run);

}  // namespace ganscope
