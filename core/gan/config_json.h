#pragma once
// The one JSON mapping of Config, used by presets, saved sessions, `--set` and the GUI.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/gan/config.h"

namespace ganscope {

/// A config that cannot be read: the message names the file or key, what is wrong and what is allowed.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The whole config as JSON: every key, nested by its dots ("optimizer.g.lr" is {"optimizer":{"g":{"lr":…}}}).
nlohmann::json toJson(const Config& config);

/// The whole config as JSON text, indented by 2 and ending in a newline (what --print-config and --save-config
/// write). Bytes of a string that are not UTF-8 are written as U+FFFD, so any config can be written.
std::string configJsonText(const Config& config);

/// Reads a config from JSON. Keys left out keep their defaults; the `data.*` keys left out take the literature's
/// defaults of the given `data.kind` (dataDefaults). Unknown keys and values of the wrong type are errors.
/// Throws ConfigError; does not call validate().
Config configFromJson(const nlohmann::json& json);

/// Parses JSON text (comments allowed) into a config; `source` names it in messages, which for malformed JSON give
/// the line and column. Throws ConfigError.
Config parseConfigText(std::string_view text, std::string_view source);

/// Reads a config file. Throws ConfigError naming the file when it cannot be read or parsed.
Config loadConfigFile(const std::filesystem::path& path);

/// Applies one `key=value` assignment: the value is JSON (`[64,64]`, `1e-4`, `true`, `"text"`), and a bare word that
/// is not JSON is a string (`loss=hinge`). Throws ConfigError for an unknown key or a value of the wrong type, and
/// then leaves `config` unchanged.
void applySetting(Config& config, std::string_view assignment);

/// Every key of the config, dotted, in the order toJson writes them (for help texts and completion).
std::vector<std::string> configKeys();

}  // namespace ganscope
