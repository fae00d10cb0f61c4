#include "app/window/window_settings.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <system_error>

#include "app/window/imgui_style.h"
#include "core/util/atomic_file.h"

namespace ganscope {

std::filesystem::path windowSettingsPath() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg != nullptr && *xdg != '\0') return std::filesystem::path(xdg) / "ganscope" / "settings.json";
  const char* home = std::getenv("HOME");
  if (home != nullptr && *home != '\0')
    return std::filesystem::path(home) / ".config" / "ganscope" / "settings.json";
  return {};
}

WindowSettings loadWindowSettings(const std::filesystem::path& path, std::ostream& err) {
  WindowSettings settings;
  std::error_code ec;
  if (path.empty() || !std::filesystem::exists(path, ec)) return settings;
  auto ignored = [&](const std::string& reason) {
    err << "ganscope: ignoring the settings file " << path.string() << ": " << reason << "\n";
    return WindowSettings{};
  };
  std::ifstream in(path);
  std::stringstream text;
  if (!in || !(text << in.rdbuf())) return ignored("it cannot be read");
  try {
    const nlohmann::json json = nlohmann::json::parse(text.str());
    if (!json.is_object()) return ignored("it is not a JSON object");
    if (json.contains("ui_scale")) {
      const nlohmann::json& scale = json.at("ui_scale");
      if (!scale.is_number()) return ignored("ui_scale is not a number");
      const float value = scale.get<float>();
      if (!(value >= kMinUiScale && value <= kMaxUiScale)) {
        std::ostringstream reason;
        reason << "ui_scale " << value << " is outside " << kMinUiScale << " to " << kMaxUiScale;
        return ignored(reason.str());
      }
      settings.uiScale = value;
    }
  } catch (const nlohmann::json::exception&) {
    return ignored("it is not valid JSON");
  }
  return settings;
}

bool saveWindowSettings(const std::filesystem::path& path, const WindowSettings& settings,
                        std::ostream& err) {
  if (path.empty()) return false;
  nlohmann::json json = nlohmann::json::object();
  // Two decimals, as the steps are written: 1.3, not 1.2999999523.
  if (settings.uiScale) json["ui_scale"] = std::round(static_cast<double>(*settings.uiScale) * 100.0) / 100.0;
  try {
    std::filesystem::create_directories(path.parent_path());
    writeFileAtomically(path, json.dump(2) + "\n");
    return true;
  } catch (const std::exception& e) {
    err << "ganscope: the settings were not saved: " << e.what() << "\n";
    return false;
  }
}

float startingUiScale(float flag, const WindowSettings& settings) {
  if (flag > 0.0f) return flag;
  return settings.uiScale.value_or(0.0f);
}

}  // namespace ganscope
