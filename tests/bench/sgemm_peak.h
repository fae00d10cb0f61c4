#pragma once
// This machine's single-core SGEMM rate, measured with the engine's own matrix library and instruction set.

namespace ganscope::bench {

/// The best rate, in GFLOP/s per second of the thread's CPU time, of C = A·B on float32 square matrices of side
/// `size` (Eigen's blocked GEMM, Goto & van de Geijn 2008, on one thread), over repetitions lasting at least
/// `minSeconds` in all: the ceiling against which the workloads' GFLOP/s are read.
double measureSgemmPeak(int size, double minSeconds);

}  // namespace ganscope::bench
