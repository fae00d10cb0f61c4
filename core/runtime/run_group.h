#pragma once
// The runs a window shows: run A alone, or run A beside run B, its comparison (B = A's config with a few settings
// changed), the two kept at the same iteration.
#include <memory>
#include <string>
#include <vector>

#include "core/gan/config_difference.h"
#include "core/runtime/command_target.h"
#include "core/runtime/lockstep.h"
#include "core/runtime/training_thread.h"

namespace ganscope {

/// Run A and, while comparing, run B: each its own TrainingThread, joined in a Lockstep. A command sent to the group
/// goes to both, so play, pause, step, reset and rewind keep them at the same iteration; a new config goes to A as it
/// is and to B with B's settings applied on top, so what the runs share is set once. Saving a session and exporting
/// act on run A alone (one file each); opening a session ends the comparison first. [gui]
class RunGroup : public CommandTarget {
 public:
  /// Run A alone.
  explicit RunGroup(std::unique_ptr<TrainingThread> runA);
  /// Stops run B first, then run A.
  ~RunGroup() override;

  /// Compares from now on: both runs start again from step 0 (same seed, so the same initial weights where the
  /// architectures agree), B with `comparison.settings` applied to A's config, playing or paused as A is. Throws
  /// ConfigError (and changes nothing) when a setting is wrong, B's config does not validate, or B would be A.
  void compare(const Comparison& comparison);
  /// Ends the comparison: run B stops, run A goes on alone.
  void stopComparing();
  /// Whether run B exists.
  bool comparing() const { return runB_ != nullptr; }
  /// What B changes of A (empty when not comparing).
  const Comparison& comparison() const { return comparison_; }

  /// How many runs: 1 or 2.
  int runCount() const { return comparing() ? 2 : 1; }
  /// Run `index` (0: A, 1: B while comparing).
  TrainingThread& run(int index);
  /// The latest snapshot of run `index`.
  std::shared_ptr<const Snapshot> latest(int index) const;

  /// The run whose snapshot says where the group is: while comparing, the one still iterating, else the one at the
  /// lower step (of those not diverged); run A alone. A recording on the training clock waits for it.
  int pacingRun() const;

  /// Sends `command` to both runs (SetConfigCommand to B with B's settings on top; sessions and exports to A).
  void send(TrainerCommand command) override;
  /// Run A's latest snapshot.
  std::shared_ptr<const Snapshot> latest() const override { return latest(0); }

  /// Gives run `index` alone a new config (a collapse banner's fix on one view): the other run keeps its own, and
  /// what B changes of A is worked out again. A change that rebuilds that run starts the other again too. While not
  /// comparing it is a SetConfigCommand to run A.
  void setRunConfig(int index, const Config& config);

  /// Commands for one run of the group: a new config goes to that run alone (setRunConfig), every other command to
  /// the whole group (so the runs stay at the same iteration). A view's collapse banner holds one.
  class RunTarget : public CommandTarget {
   public:
    /// The target for run `index` of `group`.
    RunTarget(RunGroup& group, int index) : group_(group), index_(index) {}
    /// A new config to this run, anything else to the group.
    void send(TrainerCommand command) override;
    /// This run's latest snapshot.
    std::shared_ptr<const Snapshot> latest() const override { return group_.latest(index_); }

   private:
    RunGroup& group_;
    int index_;
  };

  /// What went wrong with run B's side of the last command ("" when nothing): a shared setting B's settings make
  /// invalid, say. The window shows it.
  const std::string& notice() const { return notice_; }

 private:
  std::unique_ptr<TrainingThread> runA_;
  std::unique_ptr<TrainingThread> runB_;
  std::shared_ptr<Lockstep> lockstep_;
  Comparison comparison_;
  std::vector<TrainerCommand> standing_;  // pace and niceness, given to a run B made later
  std::string notice_;
};

}  // namespace ganscope
