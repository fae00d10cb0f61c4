#pragma once
// Runs that advance together: two training threads of a comparison stay at the same iteration.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

namespace ganscope {

/// The iteration counts of a few runs, shared by their training threads. A run may start an iteration only when
/// no run that holds the others back is behind it, so the runs are never more than one iteration apart however
/// different their speeds: the faster waits for the slower. A run that has stopped (diverged, or gone) holds
/// nobody back. Thread-safe; every run reports from its own thread.
class Lockstep {
 public:
  /// `runs` runs, all at step 0 and holding back.
  explicit Lockstep(int runs);

  /// The number of runs.
  int runs() const { return static_cast<int>(runs_.size()); }

  /// Run `run` is at `step`; `holdsBack` false once it cannot move any more (diverged, or its thread ended).
  void report(int run, long long step, bool holdsBack);

  /// Whether run `run`, at `step`, may start an iteration: no run that holds back is at a lower step.
  bool mayIterate(int run, long long step) const;

  /// Waits until run `run` may iterate at `step`, or `timeout` passes (so its thread can answer its commands);
  /// returns mayIterate.
  bool waitForTurn(int run, long long step, std::chrono::microseconds timeout);

 private:
  struct RunState {
    long long step = 0;
    bool holdsBack = true;
  };
  bool mayIterateLocked(int run, long long step) const;

  mutable std::mutex mutex_;
  std::condition_variable moved_;
  std::vector<RunState> runs_;
};

}  // namespace ganscope
