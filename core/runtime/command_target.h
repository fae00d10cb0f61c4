#pragma once
// Where the window's commands go: one training thread, or both runs of a comparison (run_group.h).
#include <memory>

#include "core/runtime/snapshot.h"
#include "core/runtime/trainer_command.h"

namespace ganscope {

/// Something that takes the trainer's commands and shows its latest snapshot. The panels hold one of these, so
/// the same panel drives a single run or a comparison.
class CommandTarget {
 public:
  virtual ~CommandTarget() = default;
  /// Queues a command. [gui]
  virtual void send(TrainerCommand command) = 0;
  /// The latest snapshot (of run A, in a comparison). [gui]
  virtual std::shared_ptr<const Snapshot> latest() const = 0;
};

}  // namespace ganscope
