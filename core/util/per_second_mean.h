#pragma once
// A figure for a label: the mean of the values of about the last second, and how many came per second.
#include <chrono>

namespace ganscope {

/// Gathers values into windows of at least a second; when a window closes, its mean and its rate (values per
/// second) become the figures shown, so a label showing them changes about once a second rather than every
/// frame.
class PerSecondMean {
 public:
  using Clock = std::chrono::steady_clock;

  /// Opens the first window at `start`.
  explicit PerSecondMean(Clock::time_point start = Clock::now()) : windowStart_(start) {}

  /// Adds a value to the open window (tick() closes it).
  void add(double value) {
    sum_ += value;
    ++count_;
  }
  /// Closes the window when it holds a value and a second or more has passed since it opened: its mean and
  /// rate become mean() and perSecond(), and a new window opens at `now`.
  void tick(Clock::time_point now) {
    const double seconds = std::chrono::duration<double>(now - windowStart_).count();
    if (seconds < 1.0 || count_ == 0) return;
    mean_ = sum_ / count_;
    perSecond_ = count_ / seconds;
    sum_ = 0.0;
    count_ = 0;
    windowStart_ = now;
  }
  /// Forgets every value and figure; a new window opens at `now`.
  void reset(Clock::time_point now) { *this = PerSecondMean(now); }

  /// The mean of the last closed window; 0 before the first closes.
  double mean() const { return mean_; }
  /// The values per second of the last closed window; 0 before the first closes.
  double perSecond() const { return perSecond_; }

 private:
  Clock::time_point windowStart_;
  double sum_ = 0.0;  // the open window's values
  int count_ = 0;
  double mean_ = 0.0;
  double perSecond_ = 0.0;
};

}  // namespace ganscope
