#include "app/window/frame_watchdog.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace ganscope {
namespace {

long long nowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

FrameWatchdog::FrameWatchdog(int limitMs) : limitMs_(std::clamp(limitMs, 0, kMaxLimitMs)) {
  if (limitMs_ > 0) thread_ = std::thread([this] { watch(); });
}

FrameWatchdog::~FrameWatchdog() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void FrameWatchdog::frameStarted() {
  if (limitMs_ == 0) return;
  frame_.fetch_add(1);
  started_.store(nowNs());
}

void FrameWatchdog::frameEnded() {
  if (limitMs_ == 0) return;
  started_.store(kIdle);
}

void FrameWatchdog::watch() {
  const auto period = std::clamp(std::chrono::milliseconds(limitMs_ / 10), std::chrono::milliseconds(1),
                                 std::chrono::milliseconds(100));
  const long long limitNs = static_cast<long long>(limitMs_) * 1'000'000;
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, period, [this] { return quit_; })) {
    // The frame number read on both sides of the start time: when both agree, that start time is this
    // frame's, and a frame that ends or a new one that starts meanwhile is never blamed for the one before.
    const long long frame = frame_.load();
    const long long started = started_.load();
    if (started == kIdle || frame != frame_.load()) continue;
    if (nowNs() - started > limitNs) stop(frame);
  }
}

void FrameWatchdog::stop(long long frame) const {
  // write(2), not std::cerr or stdio: the stuck GUI thread may hold their locks.
  char line[160];
  const int length = std::snprintf(
      line, sizeof line, "ganscope: frame %lld has taken more than %d ms (--frame-watchdog %d); stopping\n",
      frame, limitMs_, limitMs_);
  if (length > 0) {
    const ssize_t written = ::write(STDERR_FILENO, line, static_cast<std::size_t>(length));
    (void)written;  // nothing left to do about a failed write
  }
  std::_Exit(1);
}

}  // namespace ganscope
