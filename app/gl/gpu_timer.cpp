#include "app/gl/gpu_timer.h"

#include <GL/glcorearb.h>

namespace ganscope {

GpuTimer::GpuTimer() {
  glGenQueries(kQueries, queries_.data());
}

GpuTimer::~GpuTimer() {
  if (active_ >= 0) glEndQuery(GL_TIME_ELAPSED);
  glDeleteQueries(kQueries, queries_.data());
}

void GpuTimer::collect() {
  // Results arrive in the order the queries were issued: oldest first, stop at the first one not yet there.
  for (int i = 0; i < kQueries; ++i) {
    const int slot = (next_ + i) % kQueries;
    if (!inFlight_[slot] || slot == active_) continue;
    GLuint available = GL_FALSE;
    glGetQueryObjectuiv(queries_[slot], GL_QUERY_RESULT_AVAILABLE, &available);
    if (available == GL_FALSE) break;
    GLuint64 nanoseconds = 0;
    glGetQueryObjectui64v(queries_[slot], GL_QUERY_RESULT, &nanoseconds);
    inFlight_[slot] = false;
    if (stale_[slot]) {
      stale_[slot] = false;
      continue;
    }
    // A stretch cannot take the GPU longer than the time since it was issued. Mesa 22.3's llvmpipe sometimes
    // measures a query from zero, which reads as the time since boot: such a result is dropped.
    const double ms = static_cast<double>(nanoseconds) * 1e-6;
    const double issuedMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - issuedAt_[slot]).count();
    if (ms > issuedMs) {
      ++dropped_;
      continue;
    }
    lastMs_ = ms;
    totalMs_ += lastMs_;
    ++measured_;
    lastSecond_.add(lastMs_);
  }
  lastSecond_.tick(std::chrono::steady_clock::now());
}

void GpuTimer::reset() {
  for (int slot = 0; slot < kQueries; ++slot) stale_[slot] = inFlight_[slot] || slot == active_;
  lastMs_ = totalMs_ = 0.0;
  measured_ = dropped_ = 0;
  lastSecond_.reset(std::chrono::steady_clock::now());
}

void GpuTimer::begin() {
  if (active_ >= 0) return;
  collect();
  if (inFlight_[next_]) return;  // every query still on the GPU: this stretch goes untimed
  active_ = next_;
  next_ = (next_ + 1) % kQueries;
  issuedAt_[active_] = std::chrono::steady_clock::now();
  glBeginQuery(GL_TIME_ELAPSED, queries_[active_]);
}

void GpuTimer::end() {
  if (active_ < 0) return;
  glEndQuery(GL_TIME_ELAPSED);
  inFlight_[active_] = true;
  active_ = -1;
}

}  // namespace ganscope
