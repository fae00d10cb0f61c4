#include "tests/bench/sgemm_peak.h"

#include <algorithm>
#include <chrono>

#include "core/nn/tensor.h"

namespace ganscope::bench {

double measureSgemmPeak(int size, double minSeconds) {
  const Matrix a = Matrix::Random(size, size), b = Matrix::Random(size, size);
  Matrix c(size, size);
  const double flops = 2.0 * size * static_cast<double>(size) * size;
  double best = 0.0, spent = 0.0;
  c.noalias() = a * b;  // warm-up: caches, page faults, the clock's frequency
  for (int rep = 0; rep < 3 || spent < minSeconds; ++rep) {
    const auto start = std::chrono::steady_clock::now();
    c.noalias() = a * b;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    spent += seconds;
    best = std::max(best, flops / seconds * 1e-9);
  }
  // Keep the product observable so the compiler cannot drop it.
  volatile float sink = c(0, 0);
  (void)sink;
  return best;
}

}  // namespace ganscope::bench
