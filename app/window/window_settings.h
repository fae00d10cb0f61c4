#pragma once
// What the window remembers across starts (the text size a lecturer chose in front of a room), in a small
// JSON file in the user's configuration folder.
#include <filesystem>
#include <iosfwd>
#include <optional>

namespace ganscope {

/// The window's remembered settings.
struct WindowSettings {
  /// The UI scale chosen in the window (Ctrl+=, Ctrl+-, A+ and A−); none: automatic.
  std::optional<float> uiScale;
};

/// The settings file: $XDG_CONFIG_HOME/ganscope/settings.json, else $HOME/.config/ganscope/settings.json;
/// empty when neither variable is set.
std::filesystem::path windowSettingsPath();

/// The settings in `path`; the defaults when it does not exist. A file that cannot be read, is not JSON or
/// holds a value out of range is ignored with one line on `err` naming the file and the reason.
WindowSettings loadWindowSettings(const std::filesystem::path& path, std::ostream& err);

/// Writes `settings` to `path` (its folder made when missing, the file replaced whole). Returns false, with
/// one line on `err`, when it cannot.
bool saveWindowSettings(const std::filesystem::path& path, const WindowSettings& settings, std::ostream& err);

/// The UI scale a window starts with: an explicit --ui-scale (`flag` above 0) first, then the remembered one;
/// 0 (automatic) when there is neither.
float startingUiScale(float flag, const WindowSettings& settings);

}  // namespace ganscope
