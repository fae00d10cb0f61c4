#pragma once
// The banner at the top of the view that names what is going wrong in training and offers fixes.
#include <imgui.h>

#include <vector>

#include "app/ui/concept_cards.h"
#include "core/gan/collapse_monitor.h"
#include "core/runtime/command_target.h"
#include "core/runtime/snapshot.h"

namespace ganscope {

/// Feeds each new snapshot's metric history to a CollapseMonitor and, while a condition holds, draws its
/// headline, explanation and one-click fixes across the top of the view, colour-coded by condition (red
/// divergence, orange vanishing gradients, magenta mode collapse and hopping, amber oscillation). It takes
/// layout space above the view instead of covering it, and a dismissed banner stays away until another
/// condition (or a new episode of the same one) begins. A fix is applied through the config's own mapping and
/// sent to the trainer as a new config. It folds to one line (the headline and the fix buttons; the buttons
/// on a second line where none fits beside the headline) and unfolds on a click; it starts folded where
/// unfolded it would not fit its room, and in the lecture layout once its condition's banner was read (shown
/// unfolded for kBannerReadingSeconds, or folded by hand).
class CollapseBanner {
 public:
  /// A banner that sends the fixes it is asked to apply to `thread`.
  explicit CollapseBanner(CommandTarget& thread) : thread_(thread) {}

  /// Reads the snapshot (once per version) and draws the banner at the cursor, the full width of the window.
  /// A banner that unfolded would be taller than `room` pixels starts folded (until it is unfolded by a
  /// click).
  void draw(const Snapshot& snapshot, float room = 1e9f);

  /// Puts a "?" beside the headline that opens the condition's concept card in `cards` (mode collapse, the
  /// non-saturating loss for vanishing gradients, the equilibrium for oscillation).
  void setConceptCards(ConceptCardOverlay* cards) { cards_ = cards; }

  /// The monitor it feeds (for the README's screenshots and tests).
  const CollapseMonitor& monitor() const { return monitor_; }

  /// Whether the window shows the lecture layout (where banners already read start folded).
  void setLecture(bool lecture) { lecture_ = lecture; }
  /// Whether the banner shows one line.
  bool folded() const { return folded_; }

 private:
  void beginEpisode(const ConditionReport& report);
  void setFolded(bool folded);
  void noteReading(TrainingCondition condition);
  void drawFolded(const ConditionReport& report, const Snapshot& snapshot, ImU32 accent, float right);
  void drawUnfolded(const ConditionReport& report, const Snapshot& snapshot, ImU32 accent, float right,
                    float edge);
  void drawFix(const SuggestedFix& fix, int index, const Snapshot& snapshot, ImU32 accent);

  CommandTarget& thread_;
  ConceptCardOverlay* cards_ = nullptr;
  CollapseMonitor monitor_;
  long long seenVersion_ = -1;
  TrainingCondition dismissedCondition_ = TrainingCondition::Healthy;
  long long dismissedSince_ = -1;
  bool lecture_ = false;
  bool folded_ = false;
  bool foldChosen_ = false;      // folded or unfolded by a click in this episode (it then stays so)
  float unfoldedHeight_ = 0.0f;  // the height it took when last drawn unfolded
  TrainingCondition shownCondition_ = TrainingCondition::Healthy;  // the episode on screen
  long long shownSince_ = -1;
  double unfoldedSeconds_ = 0.0;         // how long this episode has been shown unfolded
  std::vector<TrainingCondition> read_;  // conditions whose banner was read once
};

/// How long a banner shown unfolded counts as read.
inline constexpr double kBannerReadingSeconds = 8.0;

/// The banner's colour for a condition (its accent bar and headline).
ImU32 conditionColour(TrainingCondition condition);

}  // namespace ganscope
