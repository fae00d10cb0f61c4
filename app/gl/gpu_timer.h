#pragma once
// The GPU's own time for a stretch of OpenGL commands, from timer queries (GL_TIME_ELAPSED, core since
// OpenGL 3.3).
#include <array>
#include <chrono>

#include "core/util/per_second_mean.h"

namespace ganscope {

/// Times a stretch of GL commands on the GPU, as opposed to the CPU time it takes to issue them. Each
/// begin()/end() pair issues a GL_TIME_ELAPSED query; its result is collected by a later begin() once the GPU
/// has it, so reading never waits for the GPU. While every query is still in flight a stretch goes untimed. A
/// result longer than the time since its stretch began is impossible and dropped (see collect()). Only one
/// GL_TIME_ELAPSED query may be active at a time, so stretches of different timers must not overlap. Needs a
/// current OpenGL 3.3 context for its whole life; not copyable.
class GpuTimer {
 public:
  /// Creates the query objects.
  GpuTimer();
  ~GpuTimer();
  GpuTimer(const GpuTimer&) = delete;
  GpuTimer& operator=(const GpuTimer&) = delete;

  /// Starts timing the commands that follow (after collecting finished results).
  void begin();
  /// Ends the stretch begin() started; nothing when it started none.
  void end();
  /// Collects every result the GPU has finished, waiting for none (begin() does this too).
  void collect();
  /// Forgets every result so far, and the results of stretches still in flight (when what is timed changes).
  void reset();

  /// The GPU time of the last stretch whose result has arrived, in milliseconds; 0 before the first.
  double lastMs() const { return lastMs_; }
  /// The mean GPU time of the stretches whose results arrived in the last second or so, in milliseconds
  /// (changes about once a second, so a label showing it does too); lastMs() until a second has passed.
  double averageMs() const { return lastSecond_.mean() > 0.0 ? lastSecond_.mean() : lastMs_; }
  /// The mean GPU time of every stretch whose result has arrived, in milliseconds; 0 before the first.
  double meanMs() const { return measured_ > 0 ? totalMs_ / static_cast<double>(measured_) : 0.0; }
  /// How many results have arrived in all, those dropped not counted.
  long long measured() const { return measured_; }
  /// How many results were dropped as impossible.
  long long dropped() const { return dropped_; }

 private:
  static constexpr int kQueries = 4;  // in flight at once: the GPU may run a few frames behind
  std::array<unsigned, kQueries> queries_{};
  std::array<bool, kQueries> inFlight_{};
  std::array<bool, kQueries> stale_{};  // in flight at the last reset(): its result is not counted
  std::array<std::chrono::steady_clock::time_point, kQueries> issuedAt_{};  // when each query's stretch began
  int next_ = 0;                                                            // the slot the next begin() uses
  int active_ = -1;  // the slot between begin() and end(), or -1
  double lastMs_ = 0.0;
  PerSecondMean lastSecond_;  // the results of about the last second
  double totalMs_ = 0.0;      // every result
  long long measured_ = 0;
  long long dropped_ = 0;
};

}  // namespace ganscope
