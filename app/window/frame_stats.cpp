#include "app/window/frame_stats.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ganscope {

namespace {

// The p-th percentile of `values` after the first `skip`, interpolated between ranks.
double percentileOf(const std::vector<double>& values, double p, long long skip) {
  if (static_cast<long long>(values.size()) <= skip) return 0.0;
  std::vector<double> sorted(values.begin() + skip, values.end());
  std::sort(sorted.begin(), sorted.end());
  const double rank = std::clamp(p / 100.0, 0.0, 1.0) * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(rank));
  const auto hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - static_cast<double>(lo));
}

}  // namespace

void FrameStats::beginFrame(Clock::time_point now) {
  begun_ = now;
  begunSet_ = true;
}

void FrameStats::workDone(Clock::time_point now) {
  worked_ = now;
  workedSet_ = true;
}

void FrameStats::endFrame(Clock::time_point now) {
  const auto workEnd = workedSet_ ? worked_ : now;
  workedSet_ = false;
  if (started_) {
    const double ms = std::chrono::duration<double, std::milli>(now - last_).count();
    durationsMs_.push_back(ms);
    const double work = begunSet_ ? std::chrono::duration<double, std::milli>(workEnd - begun_).count() : ms;
    workMs_.push_back(work);
    averageWorkMs_ = workMs_.size() == 1 ? work : averageWorkMs_ + (work - averageWorkMs_) / 30.0;
    averageMs_ = durationsMs_.size() == 1 ? ms : averageMs_ + (ms - averageMs_) / 30.0;
  }
  started_ = true;
  last_ = now;
}

double FrameStats::percentileMs(double p, long long skip) const { return percentileOf(durationsMs_, p, skip); }

double FrameStats::workPercentileMs(double p, long long skip) const { return percentileOf(workMs_, p, skip); }

double FrameStats::framesPerSecond(long long skip) const {
  if (static_cast<long long>(durationsMs_.size()) <= skip) return 0.0;
  const double totalMs = std::accumulate(durationsMs_.begin() + skip, durationsMs_.end(), 0.0);
  return totalMs > 0 ? 1000.0 * static_cast<double>(durationsMs_.size() - skip) / totalMs : 0.0;
}

}  // namespace ganscope
