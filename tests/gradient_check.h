#pragma once
// Central-difference gradient checking shared by the tests (the tiny-dnn habit: every differentiable piece is
// checked numerically against its analytic gradient).
#include <algorithm>
#include <cmath>
#include <functional>

#include "core/nn/tensor.h"

namespace ganscope::testing {

/// The central-difference gradient of f with respect to every entry of `params` (restored afterwards), with
/// step h, accumulated in double.
inline Eigen::VectorXd numericGradient(const std::function<double()>& f, Vector& params, double h = 1e-3) {
  Eigen::VectorXd grad(params.size());
  for (Eigen::Index i = 0; i < params.size(); ++i) {
    const float saved = params[i];
    params[i] = static_cast<float>(saved + h);
    const double up = f();
    params[i] = static_cast<float>(saved - h);
    const double down = f();
    params[i] = saved;
    grad[i] = (up - down) / (2.0 * h);
  }
  return grad;
}

/// The relative error of `analytic` against central differences of f. For a piecewise-linear f (relu) a finite
/// difference that crosses a kink is wrong, not the analytic gradient: entries whose estimates at steps h and h/2
/// disagree are kinks and are left out, and the fraction left out is returned in *kinkFraction.
inline double checkGradient(const Eigen::VectorXd& analytic, const std::function<double()>& f, Vector& params,
                            double h, bool piecewiseLinear, double* kinkFraction = nullptr) {
  Eigen::VectorXd numeric = numericGradient(f, params, h);
  Eigen::VectorXd kept = analytic;
  Eigen::Index kinks = 0;
  if (piecewiseLinear) {
    const Eigen::VectorXd finer = numericGradient(f, params, h / 2);
    for (Eigen::Index i = 0; i < numeric.size(); ++i) {
      if (std::abs(numeric[i] - finer[i]) > 1e-2 * std::max(1.0, std::abs(numeric[i]))) {
        numeric[i] = kept[i] = 0.0;
        ++kinks;
      }
    }
  }
  if (kinkFraction != nullptr) *kinkFraction = static_cast<double>(kinks) / static_cast<double>(numeric.size());
  const double scale = std::max({kept.norm(), numeric.norm(), 1e-12});
  return (kept - numeric).norm() / scale;
}

/// ‖a − b‖ / max(‖a‖, ‖b‖, tiny): the usual relative error of a gradient check.
inline double relativeError(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  const double scale = std::max({a.norm(), b.norm(), 1e-12});
  return (a - b).norm() / scale;
}

}  // namespace ganscope::testing
