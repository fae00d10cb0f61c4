#include "core/gan/gan_loss.h"

#include <cmath>

namespace ganscope {
namespace {

// softplus(t) = max(t, 0) + log1p(e^{-|t|}), elementwise on float arrays; its derivative is σ(t). log1p(e) is taken as
// log(u)·e/(u − 1) with u = 1 + e (exact to a few ulp, Goldberg 1991, "What every computer scientist should know
// about floating-point arithmetic", Theorem 4), so the whole expression runs on Eigen's vectorized exp and log
// rather than one scalar log1p call per sample.
template <typename Array>
auto softplusArray(const Array& t) {
  const auto e = (-t.abs()).exp();
  const auto u = 1.0f + e;
  return t.max(0.0f) + (u == 1.0f).select(e, u.log() * e / (u - 1.0f));
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
      return softplusArray(-r).template cast<double>().mean() + softplusArray(f).template cast<double>().mean();
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
      return -softplusArray(f).template cast<double>().mean();
    case LossKind::NonSaturating:
      gradFake.array() = -sigmoidArray(-f) * inv;
      return softplusArray(-f).template cast<double>().mean();
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
