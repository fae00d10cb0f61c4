#include "core/gan/penalty.h"

namespace ganscope {

double applyGradientPenalty(const Mlp& discriminator, const Eigen::Ref<const Matrix>& x, PenaltyShape shape,
                            double scale, InputGradientWorkspace& ws, Vector& paramGradAccum,
                            const PenaltyRows& rows) {
  computeInputGradients(discriminator, x, ws);
  if (rows.blockRows > 0) {
    // P depends on the data rows alone: the one-hot rows of g set to 0 leave them out of the norm, and their
    // adjoint ∂P/∂g (a multiple of g below) is then 0 as it must be.
    Eigen::Map<Matrix> blocks(ws.inputGrad.data(), rows.blockRows, ws.inputGrad.size() / rows.blockRows);
    blocks.bottomRows(rows.blockRows - rows.dataRows).setZero();
  }
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
