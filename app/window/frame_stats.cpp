#include "app/window/frame_stats.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ganscope {

void FrameStats::endFrame() {
  const auto now = std::chrono::steady_clock::now();
  if (started_) {
    const double ms = std::chrono::duration<double, std::milli>(now - last_).count();
    durationsMs_.push_back(ms);
    averageMs_ = durationsMs_.size() == 1 ? ms : averageMs_ + (ms - averageMs_) / 30.0;
  }
  started_ = true;
  last_ = now;
}

double FrameStats::percentileMs(double p, long long skip) const {
  if (static_cast<long long>(durationsMs_.size()) <= skip) return 0.0;
  std::vector<double> sorted(durationsMs_.begin() + skip, durationsMs_.end());
  std::sort(sorted.begin(), sorted.end());
  const double rank = std::clamp(p / 100.0, 0.0, 1.0) * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(rank));
  const auto hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - static_cast<double>(lo));
}

double FrameStats::framesPerSecond(long long skip) const {
  if (static_cast<long long>(durationsMs_.size()) <= skip) return 0.0;
  const double totalMs = std::accumulate(durationsMs_.begin() + skip, durationsMs_.end(), 0.0);
  return totalMs > 0 ? 1000.0 * static_cast<double>(durationsMs_.size() - skip) / totalMs : 0.0;
}

}  // namespace ganscope
