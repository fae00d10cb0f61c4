#pragma once
// Frame times of the window, for the UI and the --frames summary line.
#include <chrono>
#include <vector>

namespace ganscope {

/// Records every frame's interval (from one frame shown to the next, waits included: what sets the frame rate) and
/// its work (from beginFrame to workDone, or to endFrame without it: building the UI and drawing it to the last
/// pixel; what must stay under the 16.7 ms of a frame at 60 per second); gives moving averages and percentiles.
class FrameStats {
 public:
  using Clock = std::chrono::steady_clock;

  /// Marks the start of a frame's work (at `now`: tests pass their own times).
  void beginFrame(Clock::time_point now = Clock::now());
  /// Marks the end of a frame's work, where the frame then waits before it is shown (paced presents); without
  /// it, the work lasts until endFrame.
  void workDone(Clock::time_point now = Clock::now());
  /// Marks the end of a frame: it is shown.
  void endFrame(Clock::time_point now = Clock::now());
  /// Frames recorded.
  long long frames() const { return static_cast<long long>(durationsMs_.size()); }
  /// Exponential moving average of the frame interval in milliseconds (time constant about 30 frames).
  double averageMs() const { return averageMs_; }
  /// Exponential moving average of the frames' work in milliseconds (time constant about 30 frames).
  double averageWorkMs() const { return averageWorkMs_; }
  /// The p-th percentile (0–100) of the recorded frame intervals in milliseconds, skipping the first `skip` frames
  /// (start-up).
  double percentileMs(double p, long long skip = 0) const;
  /// The p-th percentile (0–100) of the frames' work in milliseconds, skipping the first `skip` frames.
  double workPercentileMs(double p, long long skip = 0) const;
  /// Frames per second over the recorded frames after the first `skip`.
  double framesPerSecond(long long skip = 0) const;

 private:
  std::chrono::steady_clock::time_point last_{};
  std::chrono::steady_clock::time_point begun_{};
  std::chrono::steady_clock::time_point worked_{};
  bool begunSet_ = false;
  bool workedSet_ = false;
  bool started_ = false;
  double averageMs_ = 0.0;
  double averageWorkMs_ = 0.0;
  std::vector<double> durationsMs_;  // intervals, from the second endFrame on
  std::vector<double> workMs_;       // work of the same frames
};

}  // namespace ganscope
