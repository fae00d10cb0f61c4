// The text size a lecturer chose in the window is remembered across starts in a small settings file; an
// explicit
// --ui-scale wins over it, and a bad or unreadable file is ignored with one clear message.
#include "app/window/window_settings.h"

#include <doctest/doctest.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/window/text_size.h"

using namespace ganscope;

namespace {

// A fresh folder for one test's files, removed at its end.
struct TempFolder {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("ganscope-settings-" + std::to_string(::getpid()));
  TempFolder() { std::filesystem::remove_all(path); }
  ~TempFolder() { std::filesystem::remove_all(path); }
};

void write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

}  // namespace

TEST_CASE("window settings: a text size saved is read back, and with none saved none is read") {
  TempFolder folder;
  const auto path = folder.path / "ganscope" / "settings.json";
  std::ostringstream err;
  CHECK_FALSE(loadWindowSettings(path, err).uiScale.has_value());  // no file yet: the defaults, said nothing
  REQUIRE(saveWindowSettings(path, WindowSettings{1.75f}, err));
  CHECK(loadWindowSettings(path, err).uiScale == 1.75f);
  REQUIRE(saveWindowSettings(path, WindowSettings{1.3f}, err));
  std::stringstream text;
  text << std::ifstream(path).rdbuf();
  CHECK(text.str().find("1.3\n") != std::string::npos);  // as the step is written, not 1.2999999523
  CHECK(loadWindowSettings(path, err).uiScale == 1.3f);
  REQUIRE(saveWindowSettings(path, WindowSettings{}, err));  // back to automatic
  CHECK_FALSE(loadWindowSettings(path, err).uiScale.has_value());
  CHECK(err.str().empty());
}

TEST_CASE("window settings: a bad or unreadable file is ignored with one line naming it and why") {
  TempFolder folder;
  const auto path = folder.path / "settings.json";
  const std::pair<std::string, std::string> cases[] = {
      {"{\"ui_scale\": ", "not valid JSON"},
      {"[1.5]", "not a JSON object"},
      {"{\"ui_scale\": \"big\"}", "not a number"},
      {"{\"ui_scale\": 40}", "outside"},
  };
  for (const auto& [text, reason] : cases) {
    CAPTURE(text);
    write(path, text);
    std::ostringstream err;
    CHECK_FALSE(loadWindowSettings(path, err).uiScale.has_value());
    const std::string said = err.str();
    CHECK(said.find(path.string()) != std::string::npos);
    CHECK(said.find(reason) != std::string::npos);
    CHECK(std::count(said.begin(), said.end(), '\n') == 1);
  }
  // A folder where the file should be: it cannot be read, and saving over it fails with a message, not a
  // throw.
  std::filesystem::remove(path);
  std::filesystem::create_directories(path);
  std::ostringstream err;
  CHECK_FALSE(loadWindowSettings(path, err).uiScale.has_value());
  CHECK(err.str().find("cannot be read") != std::string::npos);
  std::ostringstream saveErr;
  CHECK_FALSE(saveWindowSettings(path, WindowSettings{1.5f}, saveErr));
  CHECK(saveErr.str().find("not saved") != std::string::npos);
}

TEST_CASE(
    "window settings: the file lives under XDG_CONFIG_HOME, else ~/.config, and --ui-scale wins over it") {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  const std::string savedXdg = xdg != nullptr ? xdg : "";
  ::setenv("XDG_CONFIG_HOME", "/somewhere/config", 1);
  CHECK(windowSettingsPath() == std::filesystem::path("/somewhere/config/ganscope/settings.json"));
  ::setenv("XDG_CONFIG_HOME", "", 1);
  const char* home = std::getenv("HOME");
  if (home != nullptr && *home != '\0')
    CHECK(windowSettingsPath() == std::filesystem::path(home) / ".config" / "ganscope" / "settings.json");
  if (xdg != nullptr) {
    ::setenv("XDG_CONFIG_HOME", savedXdg.c_str(), 1);
  } else {
    ::unsetenv("XDG_CONFIG_HOME");
  }
  CHECK(startingUiScale(1.5f, WindowSettings{2.0f}) == 1.5f);  // the flag
  CHECK(startingUiScale(0.0f, WindowSettings{2.0f}) == 2.0f);  // the remembered size
  CHECK(startingUiScale(0.0f, WindowSettings{}) == 0.0f);      // automatic
}

TEST_CASE("text size: one step larger or smaller, never above the largest the window offers") {
  CHECK(steppedTextSize(1.0f, +1, 4.0f) == 1.15f);
  CHECK(steppedTextSize(1.0f, -1, 4.0f) == 0.85f);
  CHECK(steppedTextSize(1.35f, +1, 4.0f) == 1.5f);  // an automatic size between steps
  CHECK(steppedTextSize(1.35f, -1, 4.0f) == 1.3f);
  CHECK(steppedTextSize(0.75f, -1, 4.0f) == 0.75f);  // the smallest
  CHECK(steppedTextSize(1.5f, +1, 1.6f) == 1.5f);    // 1.75 would not leave the plot its half
  CHECK(steppedTextSize(1.75f, +1, 1.92f) == 1.75f);
  CHECK(steppedTextSize(4.0f, +1, 4.0f) == 4.0f);
}
