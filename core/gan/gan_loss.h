#pragma once
// The adversarial losses, as functions of the discriminator's raw outputs d (logits for the probabilistic losses,
// critic scores for WGAN), with their gradients.
#include <string_view>

#include "core/nn/tensor.h"

namespace ganscope {

/// The adversarial objective. softplus(t) = log(1 + eᵗ); means are over the batch.
enum class LossKind {
  Minimax,        ///< Goodfellow et al. 2014, eq. 1: L_D = softplus(−d_r) + softplus(d_f); L_G = −softplus(d_f)
  NonSaturating,  ///< Goodfellow et al. 2014, §3: L_D as Minimax; L_G = softplus(−d_f)
  Wgan,           ///< Arjovsky et al. 2017: L_D = E[d_f] − E[d_r]; L_G = −E[d_f]; weights clipped to ±c
  WganGp,         ///< Gulrajani et al. 2017: the WGAN loss plus λ·E[(‖∇D(x̂)‖ − 1)²], no clipping
  Lsgan,          ///< Mao et al. 2017 (0-1 coding): L_D = E[(d_r − 1)²] + E[d_f²]; L_G = E[(d_f − 1)²]
  Hinge,          ///< Lim & Ye 2017; Miyato et al. 2018: L_D = E[relu(1 − d_r)] + E[relu(1 + d_f)]; L_G = −E[d_f]
};

/// The config name of a loss: minimax, nonsaturating, wgan, wgan-gp, lsgan, hinge.
std::string_view lossName(LossKind loss);

/// Whether D's output is read as a probability σ(d) (minimax and non-saturating) rather than a raw score.
bool lossIsProbabilistic(LossKind loss);

/// The discriminator's loss for logits on a real and a fake batch; writes dL/dd for each sample (already divided by
/// the batch size) into gradReal and gradFake, which must have the sizes of dReal and dFake.
double discriminatorLoss(LossKind loss, const Eigen::Ref<const RowVector>& dReal,
                         const Eigen::Ref<const RowVector>& dFake, Eigen::Ref<RowVector> gradReal,
                         Eigen::Ref<RowVector> gradFake);

/// The generator's loss for D's outputs on a fake batch; writes dL/dd for each sample into gradFake.
double generatorLoss(LossKind loss, const Eigen::Ref<const RowVector>& dFake, Eigen::Ref<RowVector> gradFake);

/// The numerically stable softplus log(1 + eᵗ).
double softplus(double t);

}  // namespace ganscope
