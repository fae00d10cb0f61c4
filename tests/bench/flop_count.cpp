#include "tests/bench/flop_count.h"

#include <vector>

namespace ganscope::bench {
namespace {

// Multiply-adds of one sample through a network of the given widths, and through its first layer.
struct LayerWork {
  double total = 0;
  double first = 0;
};

LayerWork multiplyAdds(const std::vector<int>& widths) {
  LayerWork work;
  for (std::size_t l = 1; l < widths.size(); ++l) work.total += static_cast<double>(widths[l]) * widths[l - 1];
  work.first = static_cast<double>(widths[1]) * widths[0];
  return work;
}

}  // namespace

double flopsPerIteration(const Workload& workload) {
  constexpr int kDataDim = 2, kLatentDim = 2;
  std::vector<int> g = {kLatentDim}, d = {kDataDim};
  for (int l = 0; l < workload.layers; ++l) g.push_back(workload.hidden), d.push_back(workload.hidden);
  g.push_back(kDataDim);
  d.push_back(1);
  const LayerWork mg = multiplyAdds(g), md = multiplyAdds(d);
  const double b = workload.batch;
  // D step: G fwd (B·M_G), D fwd (2B·M_D), D weight grads (2B·M_D), D deltas to layer 1 (2B·(M_D − M_D1)).
  const double dStep = b * mg.total + 2 * b * md.total + 2 * b * md.total + 2 * b * (md.total - md.first);
  // G step: G fwd, D fwd, D deltas to its input (B·M_D each), G weight grads (B·M_G), G deltas to layer 1.
  const double gStep = b * mg.total + b * md.total + b * md.total + b * mg.total + b * (mg.total - mg.first);
  return 2.0 * (dStep + gStep);
}

}  // namespace ganscope::bench
