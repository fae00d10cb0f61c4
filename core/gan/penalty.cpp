#include "core/gan/penalty.h"

namespace ganscope {

double applyGradientPenalty(const Mlp& discriminator, const Eigen::Ref<const Matrix>& x, PenaltyShape shape,
                            double scale, InputGradientWorkspace& ws, Vector& paramGradAccum) {
  computeInputGradients(discriminator, x, ws);
  const Matrix& g = ws.inputGrad;
  const Eigen::Index batch = g.cols();
  const double perSample = scale / static_cast<double>(batch);
  Matrix& adjoint = ws.inputGradAdjoint;  // ∂P/∂g_i, one column per sample
  adjoint.resize(g.rows(), batch);
  double penalty = 0.0;
  if (shape == PenaltyShape::ZeroCentered) {
    penalty = perSample * g.cast<double>().squaredNorm();
    adjoint = static_cast<float>(2.0 * perSample) * g;
  } else {
    Matrix& norms = ws.perSample;
    norms = g.colwise().norm();
    penalty = perSample * (norms.array() - 1.0f).cast<double>().square().sum();
    // d/dg (‖g‖ − 1)² = 2(‖g‖ − 1)·g/‖g‖; at g = 0 the direction is undefined and we take 0.
    norms = (norms.array() > 0.0f).select(2.0f * (norms.array() - 1.0f) / norms.array(), 0.0f) *
            static_cast<float>(perSample);
    adjoint = g * norms.row(0).asDiagonal();
  }
  accumulateInputGradientAdjoint(discriminator, ws, adjoint, paramGradAccum);
  return penalty;
}

}  // namespace ganscope
