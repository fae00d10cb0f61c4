#include "core/gan/conditioning.h"

#include <stdexcept>

namespace ganscope {

void writeOneHot(Eigen::Ref<Matrix> block, std::span<const int> classes) {
  block.setZero();
  for (std::size_t i = 0; i < classes.size(); ++i) block(classes[i], static_cast<Eigen::Index>(i)) = 1.0f;
}

std::vector<int> balancedLabels(int count, int classes) {
  std::vector<int> labels(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) labels[static_cast<std::size_t>(i)] = i % classes;
  return labels;
}

Mlp classConditionedNetwork(const Mlp& net, int leading, int k) {
  const std::vector<int>& widths = net.widths();
  if (!net.usesBias() || leading < 0 || k < 0 || leading + k >= widths.front()) {
    throw std::invalid_argument("classConditionedNetwork: no class " + std::to_string(k) +
                                " in a network of " + std::to_string(widths.front()) + " inputs with " +
                                std::to_string(leading) + " before the one-hot block");
  }
  const std::vector<int> hidden(widths.begin() + 1, widths.end() - 1);
  Mlp single(leading, hidden, widths.back(), net.hiddenActivation(), net.activation(net.layerCount()), true);
  Vector& out = single.parameters();
  // Every parameter but the first weight matrix has the same size and order in both networks (as in
  // packing.cpp).
  const Eigen::Index firstWeights = static_cast<Eigen::Index>(widths[1]) * widths[0];
  const Eigen::Index singleFirst = static_cast<Eigen::Index>(widths[1]) * leading;
  out.tail(out.size() - singleFirst) = net.parameters().tail(net.parameterCount() - firstWeights);
  const auto w = net.weight(1);
  single.weight(out, 1) = w.leftCols(leading);
  single.bias(out, 1) += w.col(leading + k);
  return single;
}

}  // namespace ganscope
