#include "core/runtime/lockstep.h"

#include <stdexcept>
#include <string>

namespace ganscope {

Lockstep::Lockstep(int runs) : runs_(static_cast<std::size_t>(runs > 0 ? runs : 0)) {
  if (runs < 1) throw std::invalid_argument("Lockstep: needs at least one run, got " + std::to_string(runs));
}

void Lockstep::report(int run, long long step, bool holdsBack) {
  {
    std::lock_guard lock(mutex_);
    RunState& state = runs_.at(static_cast<std::size_t>(run));
    if (state.step == step && state.holdsBack == holdsBack) return;
    state.step = step;
    state.holdsBack = holdsBack;
  }
  moved_.notify_all();
}

bool Lockstep::mayIterateLocked(int run, long long step) const {
  for (std::size_t other = 0; other < runs_.size(); ++other) {
    if (static_cast<int>(other) == run) continue;
    if (runs_[other].holdsBack && runs_[other].step < step) return false;
  }
  return true;
}

bool Lockstep::mayIterate(int run, long long step) const {
  std::lock_guard lock(mutex_);
  return mayIterateLocked(run, step);
}

bool Lockstep::waitForTurn(int run, long long step, std::chrono::microseconds timeout) {
  std::unique_lock lock(mutex_);
  return moved_.wait_for(lock, timeout, [&] { return mayIterateLocked(run, step); });
}

}  // namespace ganscope
