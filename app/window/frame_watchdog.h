#pragma once
// A watchdog on the window's frame loop: ends the process when one frame runs far too long (a hung GUI).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace ganscope {

/// Watches the frame loop from a thread of its own: when one frame (from frameStarted to frameEnded) has been
/// running for longer than the limit, it writes one line to stderr,
/// `ganscope: frame N has taken more than L ms (--frame-watchdog L); stopping`,
/// and ends the process at once with exit status 1 (std::_Exit: the GUI thread is stuck, so nothing could
/// tear it down in order). The time between frames is not watched. A limit of 0 is off: no thread, and the
/// two calls do nothing. The calls are an atomic store or two each; the thread wakes every tenth of the limit
/// (at least every millisecond, at most every 100 ms) to look.
class FrameWatchdog {
 public:
  /// The most a limit can be, in milliseconds (ten minutes); --frame-watchdog allows 0 to this.
  static constexpr int kMaxLimitMs = 600'000;

  /// Starts watching with a limit of `limitMs` milliseconds (0: off; 1 to kMaxLimitMs).
  explicit FrameWatchdog(int limitMs);
  /// Stops the thread and joins it (promptly: it is woken, not waited for).
  ~FrameWatchdog();
  FrameWatchdog(const FrameWatchdog&) = delete;
  FrameWatchdog& operator=(const FrameWatchdog&) = delete;

  /// Marks the start of a frame (the frames are numbered from 1 in the order they start). [gui]
  void frameStarted();
  /// Marks the end of the frame: from here until the next frameStarted nothing is watched. [gui]
  void frameEnded();
  /// Whether a thread is watching (the limit is not 0).
  bool active() const { return thread_.joinable(); }

 private:
  using Clock = std::chrono::steady_clock;
  static constexpr long long kIdle = -1;  // started_ between frames

  void watch();                                   // the thread's loop
  [[noreturn]] void stop(long long frame) const;  // the line on stderr, then std::_Exit(1)

  const int limitMs_;
  std::atomic<long long> frame_{0};        // the number of the frame started last [gui → watchdog]
  std::atomic<long long> started_{kIdle};  // when it started, Clock nanoseconds, or kIdle [gui → watchdog]
  std::mutex mutex_;
  std::condition_variable wake_;  // wakes the thread to quit
  bool quit_ = false;             // guarded by mutex_
  std::thread thread_;
};

}  // namespace ganscope
