#pragma once
// The analytic floating-point work of one training iteration, counted from the layer shapes.
#include "tests/bench/workload.h"

namespace ganscope::bench {

/// FLOPs of the matrix products in one iteration (2 per multiply-add; biases, activations, the loss and Adam are
/// elementwise and left out), for the work an iteration must do and no more:
/// - D step: G forward on B latents; D forward on 2B samples (real and fake together); D backward with the weight
///   gradients of every layer and the deltas down to layer 1 (none for D's input);
/// - G step: G forward on B fresh latents; D forward on them; D backward to its input without weight gradients;
///   G backward with its weight gradients and the deltas down to layer 1.
/// With M_G, M_D the multiply-adds of one sample through G and D and M_G1, M_D1 those of their first layers:
/// FLOPs = 2B · (4 M_G − M_G1 + 8 M_D − 2 M_D1).
double flopsPerIteration(const Workload& workload);

}  // namespace ganscope::bench
