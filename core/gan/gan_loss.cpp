#include "core/gan/gan_loss.h"

#include <cmath>

namespace ganscope {
namespace {

// softplus(t) = max(t, 0) + log1p(e^{-|t|}), elementwise on float arrays; its derivative is σ(t).
template <typename Array>
auto softplusArray(const Array& t) {
  return t.max(0.0f) + (-t.abs()).exp().log1p();
}
// The mean of a float expression, summed in float by Eigen's vectorized reduction: `.cast<double>().mean()` would
// evaluate the whole expression (exp, log1p) one scalar call per sample, as Eigen has no vectorized float → double
// cast on these instruction sets.
template <typename Array>
double meanOf(const Array& values) {
  return static_cast<double>(values.mean());
}
template <typename Array>
auto sigmoidArray(const Array& t) {
  return 1.0f / (1.0f + (-t).exp());
}

}  // namespace

double softplus(double t) { return std::max(t, 0.0) + std::log1p(std::exp(-std::abs(t))); }

std::string_view lossName(LossKind loss) {
  switch (loss) {
    case LossKind::Minimax: return "minimax";
    case LossKind::NonSaturating: return "nonsaturating";
    case LossKind::Wgan: return "wgan";
    case LossKind::WganGp: return "wgan-gp";
    case LossKind::Lsgan: return "lsgan";
    case LossKind::Hinge: return "hinge";
  }
  return "?";
}

bool lossIsProbabilistic(LossKind loss) { return loss == LossKind::Minimax || loss == LossKind::NonSaturating; }

double discriminatorLoss(LossKind loss, const Eigen::Ref<const RowVector>& dReal,
                         const Eigen::Ref<const RowVector>& dFake, Eigen::Ref<RowVector> gradReal,
                         Eigen::Ref<RowVector> gradFake) {
  const float invReal = 1.0f / static_cast<float>(dReal.size());
  const float invFake = 1.0f / static_cast<float>(dFake.size());
  const auto r = dReal.array();
  const auto f = dFake.array();
  switch (loss) {
    case LossKind::Minimax:
    case LossKind::NonSaturating:
      gradReal.array() = -sigmoidArray(-r) * invReal;
      gradFake.array() = sigmoidArray(f) * invFake;
      return meanOf(softplusArray(-r)) + meanOf(softplusArray(f));
    case LossKind::Wgan:
    case LossKind::WganGp:
      gradReal.setConstant(-invReal);
      gradFake.setConstant(invFake);
      return f.template cast<double>().mean() - r.template cast<double>().mean();
    case LossKind::Lsgan:
      gradReal.array() = 2.0f * (r - 1.0f) * invReal;
      gradFake.array() = 2.0f * f * invFake;
      return (r - 1.0f).square().template cast<double>().mean() + f.square().template cast<double>().mean();
    case LossKind::Hinge:
      gradReal.array() = (r < 1.0f).select(RowVector::Constant(r.size(), -invReal).array(), 0.0f);
      gradFake.array() = (f > -1.0f).select(RowVector::Constant(f.size(), invFake).array(), 0.0f);
      return (1.0f - r).max(0.0f).template cast<double>().mean() +
             (1.0f + f).max(0.0f).template cast<double>().mean();
  }
  return 0.0;
}

double generatorLoss(LossKind loss, const Eigen::Ref<const RowVector>& dFake, Eigen::Ref<RowVector> gradFake) {
  const float inv = 1.0f / static_cast<float>(dFake.size());
  const auto f = dFake.array();
  switch (loss) {
    case LossKind::Minimax:
      gradFake.array() = -sigmoidArray(f) * inv;
      return -meanOf(softplusArray(f));
    case LossKind::NonSaturating:
      gradFake.array() = -sigmoidArray(-f) * inv;
      return meanOf(softplusArray(-f));
    case LossKind::Wgan:
    case LossKind::WganGp:
    case LossKind::Hinge:
      gradFake.setConstant(-inv);
      return -f.template cast<double>().mean();
    case LossKind::Lsgan:
      gradFake.array() = 2.0f * (f - 1.0f) * inv;
      return (f - 1.0f).square().template cast<double>().mean();
  }
  return 0.0;
}

}  // namespace ganscope
