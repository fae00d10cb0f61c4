#pragma once
// Frame times of the window, for the UI and the --frames summary line.
#include <chrono>
#include <vector>

namespace ganscope {

/// Records the duration of every frame; gives a moving average and percentiles.
class FrameStats {
 public:
  /// Marks the end of a frame.
  void endFrame();
  /// Frames recorded.
  long long frames() const { return static_cast<long long>(durationsMs_.size()); }
  /// Exponential moving average of the frame time in milliseconds (time constant about 30 frames).
  double averageMs() const { return averageMs_; }
  /// The p-th percentile (0–100) of the recorded frame times in milliseconds, skipping the first `skip` frames
  /// (start-up).
  double percentileMs(double p, long long skip = 0) const;
  /// Frames per second over the recorded frames after the first `skip`.
  double framesPerSecond(long long skip = 0) const;

 private:
  std::chrono::steady_clock::time_point last_{};
  bool started_ = false;
  double averageMs_ = 0.0;
  std::vector<double> durationsMs_;
};

}  // namespace ganscope
