#include "core/nn/optimizer.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace ganscope {

Optimizer::Optimizer(Eigen::Index parameterCount)
    : velocity_(Vector::Zero(parameterCount)),
      firstMoment_(Vector::Zero(parameterCount)),
      secondMoment_(Vector::Zero(parameterCount)),
      meanSquare_(Vector::Zero(parameterCount)) {}

void Optimizer::reset() {
  velocity_.setZero();
  firstMoment_.setZero();
  secondMoment_.setZero();
  meanSquare_.setZero();
  adamSteps_ = 0;
}

void Optimizer::restore(Vector velocity, Vector firstMoment, Vector secondMoment, Vector meanSquare,
                        long long adamSteps) {
  velocity_ = std::move(velocity);
  firstMoment_ = std::move(firstMoment);
  secondMoment_ = std::move(secondMoment);
  meanSquare_ = std::move(meanSquare);
  adamSteps_ = adamSteps;
}

void Optimizer::step(Vector& params, const Vector& grad, const OptimizerConfig& config) {
  const float lr = static_cast<float>(config.lr);
  switch (config.kind) {
    case OptimizerKind::Sgd:
      params.noalias() -= lr * grad;
      break;
    case OptimizerKind::Momentum: {
      const float mu = static_cast<float>(config.momentum);
      velocity_ = mu * velocity_ + grad;
      params.noalias() -= lr * velocity_;
      break;
    }
    case OptimizerKind::Adam: {
      ++adamSteps_;
      const double b1 = config.beta1, b2 = config.beta2;
      const float c1 = static_cast<float>(1.0 - b1), c2 = static_cast<float>(1.0 - b2);
      firstMoment_ = static_cast<float>(b1) * firstMoment_ + c1 * grad;
      secondMoment_ = static_cast<float>(b2) * secondMoment_ + c2 * grad.cwiseAbs2();
      const double t = static_cast<double>(adamSteps_);
      const float stepSize = static_cast<float>(config.lr / (1.0 - std::pow(b1, t)));
      const float rootCorrection = static_cast<float>(std::sqrt(1.0 - std::pow(b2, t)));
      const float eps = static_cast<float>(config.eps);
      params.array() -=
          stepSize * firstMoment_.array() / (secondMoment_.array().sqrt() / rootCorrection + eps);
      break;
    }
    case OptimizerKind::RmsProp: {
      const float rho = static_cast<float>(config.rho);
      meanSquare_ = rho * meanSquare_ + (1.0f - rho) * grad.cwiseAbs2();
      params.array() -= lr * grad.array() / (meanSquare_.array().sqrt() + static_cast<float>(config.eps));
      break;
    }
  }
}

void Optimizer::lastStepGain(const OptimizerConfig& config, const Vector& grad, Vector& gain) const {
  const float lr = static_cast<float>(config.lr);
  const float eps = static_cast<float>(config.eps);
  gain.resize(grad.size());
  switch (config.kind) {
    case OptimizerKind::Sgd:
    case OptimizerKind::Momentum:
      gain.setConstant(lr);
      break;
    case OptimizerKind::Adam: {
      const double t = static_cast<double>(std::max<long long>(adamSteps_, 1));
      const float stepSize = static_cast<float>(config.lr / (1.0 - std::pow(config.beta1, t)));
      const float rootCorrection = static_cast<float>(std::sqrt(1.0 - std::pow(config.beta2, t)));
      const float c1 = static_cast<float>(1.0 - config.beta1), c2 = static_cast<float>(1.0 - config.beta2);
      for (Eigen::Index i = 0; i < grad.size(); ++i) {
        const float root = std::sqrt(secondMoment_[i]) / rootCorrection;  // √v̂
        const float denominator = root + eps;
        // d√v̂/dg = (1−β2)·g / (√v · rc) = (1−β2)·g / (√v̂ · rc²)
        const float dRoot = root > 0.0f ? c2 * grad[i] / (root * rootCorrection * rootCorrection) : 0.0f;
        gain[i] = stepSize * (c1 / denominator - firstMoment_[i] * dRoot / (denominator * denominator));
      }
      break;
    }
    case OptimizerKind::RmsProp: {
      const float c = static_cast<float>(1.0 - config.rho);
      for (Eigen::Index i = 0; i < grad.size(); ++i) {
        const float root = std::sqrt(meanSquare_[i]);
        const float denominator = root + eps;
        const float dRoot = root > 0.0f ? c * grad[i] / root : 0.0f;
        gain[i] = lr * (1.0f / denominator - grad[i] * dRoot / (denominator * denominator));
      }
      break;
    }
  }
}

}  // namespace ganscope
