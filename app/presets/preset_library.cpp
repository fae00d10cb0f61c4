#include "app/presets/preset_library.h"

#include <algorithm>
#include <cstdlib>

#include "core/gan/config_json.h"

namespace ganscope {

std::filesystem::path assetsFolder() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("GANSCOPE_ASSETS"); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const fs::path& candidate : {exe.parent_path() / "assets", exe.parent_path().parent_path() / "assets"}) {
      if (fs::is_directory(candidate / "presets", ec)) return candidate;
    }
  }
  return fs::path(GANSCOPE_SOURCE_DIR) / "assets";
}

std::vector<PresetInfo> listPresets() {
  namespace fs = std::filesystem;
  std::vector<PresetInfo> presets;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(assetsFolder() / "presets", ec)) {
    if (entry.path().extension() != ".json") continue;
    const Config config = loadConfigFile(entry.path());
    presets.push_back({entry.path().stem().string(), config.description, config.demoSteps});
  }
  std::sort(presets.begin(), presets.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return presets;
}

Config loadPreset(const std::string& nameOrPath) {
  namespace fs = std::filesystem;
  const bool isPath = nameOrPath.find('/') != std::string::npos || nameOrPath.ends_with(".json");
  if (isPath) return loadConfigFile(nameOrPath);
  const fs::path file = assetsFolder() / "presets" / (nameOrPath + ".json");
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    std::string names;
    for (const auto& preset : listPresets()) names += (names.empty() ? "" : ", ") + preset.name;
    throw ConfigError("unknown preset '" + nameOrPath + "'; available: " + names +
                      " (or a path to a .json file)");
  }
  Config config = loadConfigFile(file);
  if (config.name.empty()) config.name = nameOrPath;
  return config;
}

const std::vector<std::string>& lectureSet() {
  static const std::vector<std::string> kSet = {
      "gaussian-1d",      "mixture-1d",    "ring8",       "ring8-collapse", "demo-collapse-pacgan",
      "minimax-vanishing", "ring8-wgan-gp", "dirac-simgd", "demo-dirac-r1",
  };
  return kSet;
}

}  // namespace ganscope
