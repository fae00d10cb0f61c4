#pragma once
// What keeping rewind checkpoints costs training: the same workload with and without a CheckpointStore, alternated.
#include "tests/bench/workload.h"

namespace ganscope::bench {

/// Trains `workload` (with metrics every 100 iterations, as the presets have them) in `runs` pairs of stretches of about `seconds` each, one without checkpoints and one with
/// CheckpointStore::observe after every iteration (as the training thread and a headless run do), alternating, and
/// prints "checkpoints name=... plain_it_per_s=... with_it_per_s=... cost_percent=..." (medians of process CPU time).
void measureCheckpointCost(const Workload& workload, int runs, double seconds);

}  // namespace ganscope::bench
