#pragma once
// The trainer's helper thread: wide layers split their matrix products over the columns of a batch (or the rows of a
// weight gradient) between the calling thread and one more. One per process, off (one thread) unless asked for.
#include <type_traits>

#include "core/nn/tensor.h"

namespace ganscope {

/// Sets how many threads the products of wide layers use: 1 (the default; what the window uses, so that the GUI keeps
/// the other core) or 2 (the caller and one helper thread, started here and kept). Call between iterations only.
/// Results are deterministic for a given count; 1 and 2 threads may differ in the last bits (Eigen's blocking of a
/// half-width product can sum in another order).
void setComputeThreads(int threads);

/// How many threads wide layers' products use (1 or 2).
int computeThreads();

/// Runs call(context, begin, end) over [0, count) split in two halves at a multiple of `granularity`, one on the
/// helper thread and one on the caller, when two threads are set and `work` (the multiply-adds involved) is large
/// enough for the hand-over to pay; otherwise call(context, 0, count) on the caller. Returns when both are done.
void splitOverThreads(Eigen::Index count, Eigen::Index granularity, double work,
                      void (*call)(void*, Eigen::Index, Eigen::Index), void* context);

/// The same for any callable body(begin, end), without allocating (the body is passed by address).
template <class Body>
void splitOverThreads(Eigen::Index count, Eigen::Index granularity, double work, Body&& body) {
  using Plain = std::remove_reference_t<Body>;
  splitOverThreads(
      count, granularity, work,
      [](void* context, Eigen::Index begin, Eigen::Index end) { (*static_cast<Plain*>(context))(begin, end); },
      const_cast<void*>(static_cast<const void*>(&body)));
}

}  // namespace ganscope
