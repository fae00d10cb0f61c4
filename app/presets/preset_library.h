#pragma once
// The presets shipped in assets/presets/*.json, found by name or by path, and the lecture set (keys 1 to 9). The
// command line and the window both use them, so they live in neither one's folder.
#include <filesystem>
#include <string>
#include <vector>

#include "core/gan/config.h"

namespace ganscope {

/// The preset used when none is named.
inline constexpr const char* kDefaultPreset = "ring8";

/// The assets folder: $GANSCOPE_ASSETS if set, else assets/ beside the program's build folder, else the source tree's.
std::filesystem::path assetsFolder();

/// One preset on disk: its file stem and what it says of itself.
struct PresetInfo {
  std::string name;         ///< the file stem, as given to --preset
  std::string description;  ///< its one-line description
  int demoSteps = 0;        ///< iterations in which it shows what it is for
};

/// Every preset in assetsFolder()/presets, sorted by name. Throws ConfigError if one of them cannot be read.
std::vector<PresetInfo> listPresets();

/// Loads a preset by name (a file stem in the presets folder) or by path (anything ending in .json or holding a
/// '/'). Throws ConfigError naming the preset and, for an unknown name, listing the available ones.
Config loadPreset(const std::string& nameOrPath);

/// The lecture set: the presets keys 1 to 9 load in the window, in the order a class meets them (a 1D Gaussian, a
/// mixture, the ring that works, its collapse, collapse then PacGAN, the saturating loss, the Wasserstein critic, the
/// Dirac-GAN's oscillation, R1 damping it). A test checks that each one exists.
const std::vector<std::string>& lectureSet();

}  // namespace ganscope
