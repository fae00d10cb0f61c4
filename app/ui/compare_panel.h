#pragma once
// Side by side: the "Compare with…" menu that starts run B, and the column of what B changes of A.
#include <string>
#include <vector>

#include "app/presets/preset_library.h"
#include "core/runtime/run_group.h"

namespace ganscope {

class DiscardConfirmation;

/// Starts, changes and ends a comparison of the window's runs (run_group.h). The toolbar's "Compare…" button opens a
/// menu: the presets that differ least from the run in view (with what they change), and a field of key=value
/// settings. While comparing, the settings panel shows what differs (key, A's value, B's value) above the shared
/// controls, whose changes go to both runs. A bad setting is refused with its message and changes nothing.
class ComparePanel {
 public:
  /// A panel that compares the runs of `runs`, offering `presets`.
  ComparePanel(RunGroup& runs, std::vector<PresetInfo> presets);

  /// The toolbar's "Compare…" button and its menu.
  void drawToolbarButton();
  /// While comparing: what run B changes of run A, and a button that ends the comparison (nothing otherwise).
  void drawDifferences(const Snapshot& a, const Snapshot* b);

  /// Starts a comparison with these `key=value` settings, as the menu's field does; returns "" or why it was refused.
  std::string compareWithSettings(const std::string& text);
  /// Starts a comparison with preset `name` (with run A's seed); returns "" or why it was refused.
  std::string compareWithPreset(const std::string& name);

  /// Asks `confirmation` before a comparison (which starts run A again from step 0) throws run A's training
  /// away (nullptr: never asks).
  void setConfirmation(DiscardConfirmation* confirmation) { confirmation_ = confirmation; }

 private:
  // One preset offered in the menu, with what it changes of the run in view.
  struct Candidate {
    std::string name;
    std::vector<std::string> changes;
  };
  void drawMenu();
  std::string start(const Comparison& comparison);
  void findCandidates(const Config& runA);

  // One row of the table of what B changes: the key, A's value and B's, as shown.
  struct Difference {
    std::string key, valueA, valueB;
  };

  RunGroup& runs_;
  DiscardConfirmation* confirmation_ = nullptr;
  std::vector<PresetInfo> presets_;
  std::vector<Candidate> candidates_;
  char settingsText_[512] = "pack=4";
  std::string message_;  // why the last attempt was refused
  Config shownA_, shownB_;                // the configs the table was worked out for
  std::vector<Difference> differences_;  // the table
};

}  // namespace ganscope
