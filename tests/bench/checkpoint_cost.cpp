#include "tests/bench/checkpoint_cost.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

#include "core/runtime/checkpoint_store.h"
#include "tests/bench/bench_clock.h"

namespace ganscope::bench {

void measureCheckpointCost(const Workload& workload, int runs, double seconds) {
  // Metrics every 100 iterations, as the presets have them: the checkpoints' interval follows metrics_every.
  Config config = workloadConfig(workload);
  config.metricsEvery = 100;
  // One trainer for both kinds of stretch, so both run on the same weights and caches.
  Trainer trainer(config);
  Trainer& plain = trainer;
  Trainer& kept = trainer;
  CheckpointStore store;
  // How many iterations make a stretch of `seconds`.
  const double start = cpuSeconds();
  long long probe = 0;
  while (cpuSeconds() - start < 0.2) {
    plain.iterate();
    ++probe;
  }
  const long long stretch = std::max(1LL, static_cast<long long>(seconds * static_cast<double>(probe) / 0.2));
  std::vector<double> without, with;
  for (int run = 0; run < runs; ++run) {
    double t = cpuSeconds();
    for (long long i = 0; i < stretch; ++i) plain.iterate();
    without.push_back(static_cast<double>(stretch) / (cpuSeconds() - t));
    t = cpuSeconds();
    for (long long i = 0; i < stretch; ++i) {
      kept.iterate();
      store.observe(kept);
    }
    with.push_back(static_cast<double>(stretch) / (cpuSeconds() - t));
  }
  const double a = median(without), b = median(with);
  std::printf("checkpoints name=%s plain_it_per_s=%.1f with_it_per_s=%.1f cost_percent=%.2f kept=%zu mib=%.1f\n",
              workload.name.c_str(), a, b, 100.0 * (a - b) / a, store.checkpoints().size(),
              static_cast<double>(store.bytes()) / (1 << 20));
  std::fflush(stdout);
}

}  // namespace ganscope::bench
