#pragma once
// Asking before a click throws a run away: a new preset, a new architecture or a comparison starts training
// again from step 0, and an hour of a lecture's run must not go on a misclick.
#include <functional>
#include <string>

#include "core/runtime/snapshot.h"

namespace ganscope {

/// The iterations above which starting again asks first (about half a second at full speed on one core).
inline constexpr long long kAskAboveIterations = 2000;
/// The seconds of training above which starting again asks first (a slow-motion run has few iterations).
inline constexpr double kAskAboveSeconds = 5.0;

/// Whether throwing away `iterations` trained at `iterationsPerSecond` (0: unknown) asks first: more than
/// kAskAboveIterations of them, or more than kAskAboveSeconds of training.
bool asksBeforeDiscarding(long long iterations, double iterationsPerSecond);

/// The iterations a fresh start would throw away: the step the run got to (before a rewind, the step it had
/// reached).
long long iterationsAtStake(const Snapshot& snapshot);

/// The question a confirmation asks: "Load the preset ring8? This starts training again and throws away
/// 40,883 iterations." for `action` "Load the preset ring8".
std::string discardQuestion(const std::string& action, long long iterations);

/// A modal window that asks before an action that starts the run again. request() does the action at once
/// when there is little to lose; otherwise the next draw() opens the modal, and the action runs when the user
/// confirms (Enter or the button), never when they cancel (Escape or the button).
class DiscardConfirmation {
 public:
  /// Does `action` (named by `what`, e.g. "Start a comparison") now, or asks first when `snapshot`'s run has
  /// more than a few seconds of training to lose. A request while one is pending replaces it.
  void request(const Snapshot& snapshot, std::string what, std::function<void()> action);

  /// Draws the modal while a request waits (call once per frame, outside any other window); the iterations it
  /// names are `latest`'s, the run going on meanwhile.
  void draw(const Snapshot& latest);

  /// Whether a request waits for the user's answer.
  bool pending() const { return static_cast<bool>(action_); }

 private:
  std::string what_;
  std::function<void()> action_;
  int openedFrame_ = -1;  // the ImGui frame it opened in (-1: not yet)
};

}  // namespace ganscope
