#include "core/gan/config_difference.h"

#include <sstream>
#include <string_view>

#include "core/gan/config_json.h"

namespace ganscope {
namespace {

constexpr std::string_view kTimelineKey = "timeline";

bool informational(const std::string& key) { return key == "name" || key == "description" || key == "demo_steps"; }

// "optimizer.g.lr" as the JSON pointer "/optimizer/g/lr".
nlohmann::json::json_pointer pointerOf(const std::string& key) {
  std::string path = "/" + key;
  for (char& c : path)
    if (c == '.') c = '/';
  return nlohmann::json::json_pointer(path);
}

// A value as --set reads it back; bytes of a string that are not UTF-8 become U+FFFD (validate() refuses such
// strings, so a config that runs never has them).
std::string settingValue(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::vector<std::string> configDifferences(const Config& from, const Config& to) {
  const nlohmann::json a = toJson(from), b = toJson(to);
  std::vector<std::string> settings;
  for (const std::string& key : configKeys()) {
    if (informational(key) || key == kTimelineKey) continue;
    const auto pointer = pointerOf(key);
    const bool inA = a.contains(pointer), inB = b.contains(pointer);
    if (!inB) continue;
    if (inA && a.at(pointer) == b.at(pointer)) continue;
    settings.push_back(key + "=" + settingValue(b.at(pointer)));
  }
  if (from.timeline != to.timeline) {
    settings.push_back(std::string(kTimelineKey) + "=" + (b.contains("timeline") ? settingValue(b.at("timeline")) : "[]"));
  }
  return settings;
}

Config withSettings(Config base, const std::vector<std::string>& settings) {
  for (const std::string& setting : settings) applySetting(base, setting);
  return base;
}

std::string settingKey(const std::string& setting) { return setting.substr(0, setting.find('=')); }

std::string configValueText(const Config& config, const std::string& key) {
  const nlohmann::json whole = toJson(config);
  const auto pointer = pointerOf(key);
  if (!whole.contains(pointer)) return "-";
  const nlohmann::json& value = whole.at(pointer);
  return value.is_string() ? value.get<std::string>() : settingValue(value);
}

std::string joinedSettings(const std::vector<std::string>& settings, const std::string& first) {
  std::string text = first;
  for (const std::string& setting : settings) text += (text.empty() ? "" : " ") + setting;
  return text;
}

}  // namespace ganscope

namespace ganscope {

Comparison makeComparison(const Config& runA, const Config* preset, const std::string& presetName,
                          const std::vector<std::string>& settings) {
  Config b = preset ? *preset : runA;
  b.seed = runA.seed;  // the same seed: the runs differ only in what is compared
  for (const std::string& setting : settings) {
    try {
      applySetting(b, setting);
    } catch (const ConfigError& e) {
      throw ConfigError(std::string("--compare: ") + e.what());
    }
  }
  const std::vector<std::string> problems = validate(b);
  if (!problems.empty()) throw ConfigError("--compare: run B cannot run: " + problems.front());
  Comparison comparison;
  comparison.settings = configDifferences(runA, b);
  if (comparison.settings.empty()) {
    throw ConfigError("--compare: run B would be the same run as run A; give a setting that differs, e.g. "
                      "--compare pack=4, or --compare-preset NAME");
  }
  // Named as the user named it: the preset, then the settings as typed.
  comparison.label = joinedSettings(settings, presetName);
  return comparison;
}

std::vector<std::string> splitSettings(const std::string& text) {
  std::vector<std::string> settings;
  std::istringstream words(text);
  std::string word;
  while (words >> word) {
    if (word.find('=') != std::string::npos || settings.empty()) {
      settings.push_back(word);
    } else {
      settings.back() += " " + word;
    }
  }
  return settings;
}

std::string comparedRunPath(const std::string& path, char run) {
  const auto slash = path.find_last_of('/');
  const auto dot = path.find_last_of('.');
  const bool hasExtension = dot != std::string::npos && (slash == std::string::npos || dot > slash + 1);
  const std::string suffix = std::string("-") + run;
  return hasExtension ? path.substr(0, dot) + suffix + path.substr(dot) : path + suffix;
}

}  // namespace ganscope
