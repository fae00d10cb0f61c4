#pragma once
// The timeline slider under the view: scrub back through the rewind checkpoints and resume from one.
#include "core/runtime/snapshot.h"
#include "core/runtime/command_target.h"

namespace ganscope {

/// A slider over the run's checkpoints (oldest to newest), "Back to latest" and "Resume from here" while rewound,
/// and what the checkpoints cost. Scrubbing sends RewindCommand: the view, the banner and the charts then show the
/// run at that checkpoint (the trainer restores it, paused).
class RewindBar {
 public:
  /// A bar that commands `thread`.
  explicit RewindBar(CommandTarget& thread) : thread_(thread) {}

  /// The height the bar takes.
  static float height();

  /// Draws the bar at the cursor, `width` wide.
  void draw(const Snapshot& snapshot, float width);

  /// ← and →: `direction` < 0 shows the checkpoint before the step shown, > 0 the one after it (past the newest, the
  /// run where it had got to). Live, → does nothing.
  void scrub(const Snapshot& snapshot, int direction);

 private:
  CommandTarget& thread_;
  int dragged_ = -1;  // the checkpoint index being dragged to, shown until the trainer gets there
};

}  // namespace ganscope
