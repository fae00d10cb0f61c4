#pragma once
// PacGAN packing (Lin, Khetan, Fanti & Oh 2018, "PacGAN: The power of two samples in generative adversarial
// networks"): the discriminator judges m samples at once, concatenated into one input.
#include "core/nn/mlp.h"
#include "core/nn/tensor.h"

namespace ganscope {

/// Reads `samples` (dim × m·n, one sample per column) as n packs of m samples each, (m·dim) × n: a pack is m
/// consecutive columns stacked. No copy: with column-major storage the two shapes share their memory.
inline Eigen::Map<Matrix> packedView(Eigen::Ref<Matrix> samples, int pack) {
  return {samples.data(), samples.rows() * pack, samples.cols() / pack};
}

/// The network x ↦ D([x; x; …; x]) that a packed discriminator D (input m·dim) computes on a pack of m copies of
/// one point: its first layer's m column blocks summed, the other layers copied. Views draw D's decision surface
/// with it; for m = 1 it is D itself.
Mlp replicatedInputNetwork(const Mlp& packed, int pack);

}  // namespace ganscope
