#pragma once
// The background thread that owns the Trainer: commands in, snapshots out, nothing else crosses.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "core/gan/trainer.h"
#include "core/runtime/checkpoint_store.h"
#include "core/runtime/command_target.h"
#include "core/runtime/lockstep.h"
#include "core/runtime/session.h"
#include "core/runtime/snapshot.h"
#include "core/runtime/trainer_command.h"

namespace ganscope {

/// Runs a Trainer on its own thread, as fast as it can or at a chosen pace (the instant-ngp pattern: commands are
/// drained at the top of each iteration, snapshots are published on a clock, about every 16 ms, never every step).
/// The GUI thread only calls send() and latest(); the networks never leave this thread except as copies.
class TrainingThread : public CommandTarget {
 public:
  /// Builds the trainer for `config` (throws ConfigError if it does not validate) and starts training, playing
  /// unless `startPaused`.
  explicit TrainingThread(const Config& config, bool startPaused = false);

  /// Continues a saved session (its state and checkpoints; parseSession checked it), paused unless not
  /// `startPaused`.
  explicit TrainingThread(const Session& session, bool startPaused = true);

  /// Stops and joins the thread.
  ~TrainingThread() override;

  TrainingThread(const TrainingThread&) = delete;
  TrainingThread& operator=(const TrainingThread&) = delete;

  /// Queues a command for the trainer. [gui]
  void send(TrainerCommand command) override;

  /// The latest published snapshot (never null once constructed). [gui]
  std::shared_ptr<const Snapshot> latest() const override;

  /// Waits until a snapshot newer than `version` is published or `timeout` passes; returns the latest. [gui, tests]
  std::shared_ptr<const Snapshot> waitForNewer(long long version, std::chrono::milliseconds timeout) const;

  /// Stops and joins the thread, then hands over the run as a session (the live run, with its checkpoints; the
  /// view state left empty). Nothing may be sent afterwards. [gui, once, at the end]
  Session stopAndTakeSession();

  /// The most iterations one call of the trainer may run while free running (the GPU trainer's chunks are sized
  /// by time well below it).
  static constexpr long long kFreeRunChunk = 1 << 20;

  /// The interval between two snapshots.
  static constexpr std::chrono::milliseconds kPublishInterval{16};

 private:
  void run(std::stop_token stop);
  void applyCommands();
  void apply(TrainerCommand& command);
  void publish();
  void publishUnguarded();
  // Runs the next iteration, or a chunk of them on the GPU trainer; returns how many ran.
  long long iterateOnce();
  // Whether this run may start an iteration now: always, unless a lockstep holds it back (it then waits a little).
  bool lockstepAllows();
  // Tells the lockstep where this run is (after anything that moves its step).
  void reportToLockstep();
  void openSession(const Session& session);
  void saveSession(const SaveSessionCommand& command);
  Session currentSession() const;
  // Leaving a rewound view by training from it: the later checkpoints are forgotten (a new branch).
  void continueFromHere();

  // [trainer] state, touched only by the training thread after construction.
  Trainer trainer_;
  bool paused_ = false;
  long long stepsToRun_ = 0;  // step mode: iterations left before pausing again (0: free running)
  double pace_ = 0.0;         // iterations per second, 0 = unlimited
  std::string notice_;
  double iterationsPerSecond_ = 0.0;
  long long stepsAtLastRate_ = 0;
  std::chrono::steady_clock::time_point lastRateTime_;
  std::shared_ptr<const Matrix> realSamples_;
  std::shared_ptr<const std::vector<int>> realClasses_;  // a conditional run's classes of realSamples_
  bool realSamplesConditional_ = false;
  std::shared_ptr<const std::vector<int>> latentLabels_;  // a conditional run's metricsLabels(), per latent revision
  std::uint64_t latentLabelsRevision_ = 0;
  DataConfig realSamplesData_;
  std::shared_ptr<const Matrix> latentSamples_;
  std::uint64_t latentRevision_ = 0;
  std::shared_ptr<const std::vector<MetricsRow>> publishedHistory_;
  std::size_t publishedHistoryRows_ = 0;
  long long publishedHistoryLastStep_ = -1;
  long long version_ = 0;
  CheckpointStore checkpoints_;
  std::uint64_t publishedCheckpointRevision_ = ~std::uint64_t{0};
  std::shared_ptr<const std::vector<long long>> publishedCheckpointSteps_;
  std::optional<TrainerState> liveState_;  // while rewound: the run where it had got to
  bool traceNext_ = false;                 // TracedStepCommand: the next iteration is traced
  std::shared_ptr<const IterationTrace> lastTrace_;  // the last iteration's trace, if it was traced
  std::shared_ptr<const std::string> openedViewState_;
  long long sessionsOpened_ = 0;
  std::shared_ptr<Lockstep> lockstep_;  // JoinLockstepCommand: the runs this one keeps pace with
  int lockstepRun_ = 0;                 // this run's index in it
  double lockstepWaitSeconds_ = 0.0;    // waited for the other runs since the last rate update
  double lockstepWaitShare_ = 0.0;      // the share of the time spent waiting, a moving average

  // Shared between the threads.
  mutable std::mutex mutex_;
  mutable std::condition_variable_any changed_;
  std::deque<TrainerCommand> commands_;                // guarded by mutex_
  std::atomic<bool> hasCommands_{false};
  std::shared_ptr<const Snapshot> latest_;             // guarded by mutex_

  std::jthread thread_;  // last: started after everything above exists, joined first
};

}  // namespace ganscope
