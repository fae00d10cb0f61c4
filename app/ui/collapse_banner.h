#pragma once
// The banner at the top of the view that names what is going wrong in training and offers fixes.
#include <imgui.h>

#include "app/ui/concept_cards.h"
#include "core/gan/collapse_monitor.h"
#include "core/runtime/snapshot.h"
#include "core/runtime/command_target.h"

namespace ganscope {

/// Feeds each new snapshot's metric history to a CollapseMonitor and, while a condition holds, draws its headline,
/// explanation and one-click fixes across the top of the view, colour-coded by condition (red divergence, orange
/// vanishing gradients, magenta mode collapse and hopping, amber oscillation). It takes layout space above the
/// view instead of covering it, and a dismissed banner stays away until another condition (or a new episode of the
/// same one) begins. A fix is applied through the config's own mapping and sent to the trainer as a new config.
class CollapseBanner {
 public:
  /// A banner that sends the fixes it is asked to apply to `thread`.
  explicit CollapseBanner(CommandTarget& thread) : thread_(thread) {}

  /// Reads the snapshot (once per version) and draws the banner at the cursor, the full width of the window.
  void draw(const Snapshot& snapshot);

  /// Puts a "?" beside the headline that opens the condition's concept card in `cards` (mode collapse, the
  /// non-saturating loss for vanishing gradients, the equilibrium for oscillation).
  void setConceptCards(ConceptCardOverlay* cards) { cards_ = cards; }

  /// The monitor it feeds (for the README's screenshots and tests).
  const CollapseMonitor& monitor() const { return monitor_; }

 private:
  CommandTarget& thread_;
  ConceptCardOverlay* cards_ = nullptr;
  CollapseMonitor monitor_;
  long long seenVersion_ = -1;
  TrainingCondition dismissedCondition_ = TrainingCondition::Healthy;
  long long dismissedSince_ = -1;
};

/// The banner's colour for a condition (its accent bar and headline).
ImU32 conditionColour(TrainingCondition condition);

}  // namespace ganscope
