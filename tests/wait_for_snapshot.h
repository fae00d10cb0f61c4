#pragma once
// Waiting for a training thread in a test: until a published snapshot satisfies a condition, or a deadline.
#include <chrono>
#include <memory>

#include "core/runtime/training_thread.h"

namespace ganscope::testing {

/// Waits (at most `limit`) until a snapshot `thread` publishes satisfies `done`; returns the last one seen.
template <typename Predicate>
std::shared_ptr<const Snapshot> waitForSnapshot(const TrainingThread& thread, Predicate done,
                                                std::chrono::milliseconds limit = std::chrono::seconds(10)) {
  auto s = thread.latest();
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done(*s) && std::chrono::steady_clock::now() < deadline) {
    s = thread.waitForNewer(s->version, std::chrono::milliseconds(50));
  }
  return s;
}

}  // namespace ganscope::testing
