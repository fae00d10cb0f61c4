#include "tests/bench/sgemm_peak.h"

#include <algorithm>
#include <ctime>

#include "core/nn/tensor.h"

namespace ganscope::bench {
namespace {

// The calling thread's CPU time: on a shared machine, the time this thread held a core.
double threadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

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
