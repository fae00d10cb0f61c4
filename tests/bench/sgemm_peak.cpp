#include "tests/bench/sgemm_peak.h"

#include <algorithm>
#include <ctime>

#include "core/nn/tensor.h"
#include "tests/bench/bench_clock.h"

namespace ganscope::bench {
namespace {

// The calling thread's CPU time: on a shared machine, the time this thread held a core.
double threadCpuSeconds() { return cpuSeconds(CLOCK_THREAD_CPUTIME_ID); }

}  // namespace

double measureSgemmPeak(int size, double minSeconds) {
  const Matrix a = Matrix::Random(size, size), b = Matrix::Random(size, size);
  Matrix c(size, size);
  const double flops = 2.0 * size * static_cast<double>(size) * size;
  double best = 0.0, spent = 0.0;
  c.noalias() = a * b;  // warm-up: caches, page faults, the clock's frequency
  for (int rep = 0; rep < 3 || spent < minSeconds; ++rep) {
    const double start = threadCpuSeconds();
    c.noalias() = a * b;
    const double seconds = std::max(threadCpuSeconds() - start, 1e-9);
    spent += seconds;
    best = std::max(best, flops / seconds * 1e-9);
  }
  // Keep the product observable so the compiler cannot drop it.
  volatile float sink = c(0, 0);
  (void)sink;
  return best;
}

}  // namespace ganscope::bench
