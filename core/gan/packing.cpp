#include "core/gan/packing.h"

namespace ganscope {

Mlp replicatedInputNetwork(const Mlp& packed, int pack) {
  if (pack <= 1) return packed;
  const std::vector<int>& widths = packed.widths();
  const int dim = widths.front() / pack;
  const std::vector<int> hidden(widths.begin() + 1, widths.end() - 1);
  Mlp single(dim, hidden, widths.back(), packed.hiddenActivation(), packed.activation(packed.layerCount()),
             packed.usesBias());
  Vector& out = single.parameters();
  // Every parameter but the first weight matrix has the same size and order in both networks: copy them whole,
  // then overwrite the first layer's weights with the sum of its m blocks.
  const Eigen::Index firstWeights = static_cast<Eigen::Index>(widths[1]) * widths[0];
  const Eigen::Index singleFirst = static_cast<Eigen::Index>(widths[1]) * dim;
  out.tail(out.size() - singleFirst) = packed.parameters().tail(packed.parameterCount() - firstWeights);
  const auto w = packed.weight(1);
  auto sum = single.weight(out, 1);
  sum.setZero();
  for (int k = 0; k < pack; ++k) sum += w.middleCols(static_cast<Eigen::Index>(k) * dim, dim);
  return single;
}

}  // namespace ganscope
