#pragma once
// The benchmark's named workloads: the same GAN on the ring of 8 at five network sizes (the performance issue's table,
// and issue 17's `huge` for the GPU trainer).
#include <string>
#include <vector>

#include "core/gan/config.h"

namespace ganscope::bench {

/// One benchmark setting: G and D both have `layers` hidden ReLU layers of width `hidden`; `batch` samples per update.
struct Workload {
  std::string name;  ///< ganlab, tiny, small, wide, huge
  int hidden = 0;    ///< H, the width of every hidden layer of both networks
  int layers = 0;    ///< L, the number of hidden layers of each network
  int batch = 0;     ///< real (and fake) samples per update
  double target = 0; ///< the speed-up over PyTorch's CPU the issue asks for (0: none, huge is a GPU workload)
  bool heavy = false; ///< too slow on a CPU for a smoke run: ganscope_bench --quick skips it unless it is named
};

/// The five workloads, smallest first: ganlab (H 8, L 2, batch 150, GAN Lab's default size), tiny (32, 2, 128),
/// small (64, 3, 256), wide (256, 3, 512) and huge (512, 4, 4096: about 78 GFLOP an iteration, sized for a GPU).
const std::vector<Workload>& workloads();

/// The product's config for a workload: ring of 8 (r = 2, σ = 0.02), latent N(0, I) of dimension 2, ReLU hidden
/// layers, the non-saturating loss on logits, Adam (lr 1e-4, β = (0.5, 0.999)) for both networks, one D update then
/// one G update per iteration, and no metrics inside the timed iterations.
Config workloadConfig(const Workload& workload);

}  // namespace ganscope::bench
