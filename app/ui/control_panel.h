#pragma once
// The live controls: playback, presets and every hyperparameter, each with a tooltip.
#include <string>
#include <vector>

#include "app/presets/preset_library.h"
#include "app/ui/shortcuts.h"
#include "app/views/line_view.h"
#include "app/views/plane_scene.h"
#include "core/runtime/snapshot.h"
#include "core/runtime/command_target.h"

namespace ganscope {

class DiscardConfirmation;
class ToolbarFlow;

/// Draws the toolbar (play, pause, steps, reset, speed, presets) and the settings panel, and turns edits into
/// commands for the training thread. It shows the config the trainer applied (snapshot.config); between sending an
/// edit and the trainer applying it (about one frame) it shows the edit, so a slider does not jump back.
class ControlPanel {
 public:
  /// A panel that commands `thread` and offers `presets`.
  ControlPanel(CommandTarget& thread, std::vector<PresetInfo> presets);

  /// The row of playback buttons, the speed and the presets menu: three groups of `flow` when given (they wrap
  /// onto new rows in a narrow window), one row otherwise.
  void drawToolbar(const Snapshot& snapshot, ToolbarFlow* flow = nullptr);

  /// Every hyperparameter, grouped; then the switches of the view in use: `layers` for the 2D plane, `lines` for the
  /// 1D view.
  void drawSettings(const Snapshot& snapshot, PlaneLayers& layers, LineViewOptions& lines);

  /// Does what a shortcut asks of training: play or pause, the steps, reset, a preset of the lecture set (1 to 9),
  /// a scripted demo's next event (PageDown: train on to it) or the one before (PageUp: rewind to it). Returns
  /// whether `press` was one of those.
  bool handleShortcut(const ShortcutPress& press, const Snapshot& snapshot);

  /// The controls of the lecture layout: the two learning rates, the loss and one row of stabilizers.
  void drawLectureSettings(const Snapshot& snapshot);

  /// The name of the preset last chosen (or given on the command line).
  const std::string& presetName() const { return presetName_; }
  /// Sets the name shown for the running preset.
  void setPresetName(std::string name) { presetName_ = std::move(name); }

  /// Asks `confirmation` before a preset or a change that rebuilds the networks throws the run away (nullptr:
  /// never asks).
  void setConfirmation(DiscardConfirmation* confirmation) { confirmation_ = confirmation; }

 private:
  const Config& shown(const Snapshot& snapshot) const;
  void switchToPreset(const std::string& name);
  void apply(const Config& edited);
  void send(const Config& edited);
  void drawDataSettings(const Config& config);
  void drawNetworkSettings(const char* title, const char* id, const Config& config, bool generator);
  void drawOptimizerSettings(const char* title, const char* id, const Config& config, bool generator);
  void drawTrainingSettings(const Config& config, const std::string& trainerNote);
  void drawStabilizerSettings(const Config& config);

  CommandTarget& thread_;
  DiscardConfirmation* confirmation_ = nullptr;
  std::vector<PresetInfo> presets_;
  std::string presetName_;
  Config pending_;
  long long pendingAfterVersion_ = -1;  // show pending_ until a snapshot newer than this arrives
  float pace_ = 60.0f;                  // the slow-motion pace, iterations per second
  bool paced_ = false;
  char pointsFile_[512] = {};
};

/// Shows `text` as a tooltip when the last item is hovered.
void tooltip(const char* text);

}  // namespace ganscope
