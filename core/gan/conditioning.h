#pragma once
// The conditional GAN's plumbing (Mirza & Osindero 2014, "Conditional Generative Adversarial Nets", §4.1):
// the class y as a one-hot block concatenated to each input of G and D, and networks with that block folded
// away.
#include <span>
#include <vector>

#include "core/nn/mlp.h"
#include "core/nn/tensor.h"

namespace ganscope {

/// Writes onehot(classes[i]) into column i of `block` (K × n, K the class count): 1 in row classes[i], 0
/// elsewhere. Allocation-free.
void writeOneHot(Eigen::Ref<Matrix> block, std::span<const int> classes);

/// The labels of a metrics batch: `count` labels with every class in turn (i mod K), so each of the K classes
/// has ⌊count / K⌋ or ⌈count / K⌉ samples.
std::vector<int> balancedLabels(int count, int classes);

/// The network u ↦ net([u; onehot(k)]) of a network `net` whose input is `leading` numbers u followed by a
/// one-hot block: the one-hot's columns dropped from the first layer, column leading + k added to its bias
/// (for G(z | y = k) and D(x | y = k); the views draw them as any other network). `net` must have a bias; 0 ≤
/// k < inputs − leading.
Mlp classConditionedNetwork(const Mlp& net, int leading, int k);

}  // namespace ganscope
