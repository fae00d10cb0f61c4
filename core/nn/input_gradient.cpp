#include "core/nn/input_gradient.h"

#include <stdexcept>

namespace ganscope {

// Notation: a_0 = x, z_l = W_l a_{l-1} + b_l, a_l = f_l(z_l), output z_L with f_L = identity.
// Backward with upstream 1:  delta_L = 1,  up_{l} = W_{l+1}ᵀ delta_{l+1},  delta_l = up_l ⊙ f_l'(z_l),
// g = ∇ₓ f = W_1ᵀ delta_1.

void computeInputGradients(const Mlp& net, const Eigen::Ref<const Matrix>& x, InputGradientWorkspace& ws) {
  const int layers = net.layerCount();
  if (net.outputDim() != 1 || net.activation(layers) != Activation::Identity) {
    throw std::invalid_argument("computeInputGradients: the network must have one identity output");
  }
  const Eigen::Index batch = x.cols();
  net.forward(x, ws.net);
  ws.delta.resize(layers + 1);
  ws.upstream.resize(layers + 1);
  ws.derivative.resize(layers + 1);
  ws.delta[layers].setOnes(1, batch);
  for (int l = layers - 1; l >= 1; --l) {
    ws.upstream[l].noalias() = net.weight(l + 1).transpose() * ws.delta[l + 1];
    ws.derivative[l].resize(net.widths()[l], batch);
    derivativeFromOutput(net.activation(l), ws.net.activations[l], ws.derivative[l]);
    ws.delta[l] = ws.upstream[l].cwiseProduct(ws.derivative[l]);
  }
  ws.inputGrad.noalias() = net.weight(1).transpose() * ws.delta[1];
}

void accumulateInputGradientAdjoint(const Mlp& net, InputGradientWorkspace& ws,
                                    const Eigen::Ref<const Matrix>& gradAdjoint, Vector& paramGradAccum) {
  const int layers = net.layerCount();
  const Eigen::Index batch = gradAdjoint.cols();
  ws.deltaAdjoint.resize(layers + 1);
  ws.zAdjoint.resize(layers + 1);
  ws.upstreamAdjoint.resize(layers + 1);
  ws.activationAdjoint.resize(layers + 1);

  // Reverse of g = W_1ᵀ delta_1.
  net.weight(paramGradAccum, 1).noalias() += ws.delta[1] * gradAdjoint.transpose();
  if (layers == 1) return;  // delta_1 = 1 is constant: nothing else depends on θ
  ws.deltaAdjoint[1].noalias() = net.weight(1) * gradAdjoint;

  // Reverse of the backward pass, layer 1 upwards.
  for (int l = 1; l < layers; ++l) {
    // delta_l = up_l ⊙ f'(z_l): adjoints of up_l and (through f'') of z_l.
    Matrix& upAdjoint = ws.upstreamAdjoint[l];
    upAdjoint = ws.deltaAdjoint[l].cwiseProduct(ws.derivative[l]);
    ws.zAdjoint[l].resize(net.widths()[l], batch);
    if (isPiecewiseLinear(net.activation(l))) {
      ws.zAdjoint[l].setZero();
    } else {
      secondDerivativeFromOutput(net.activation(l), ws.net.activations[l], ws.zAdjoint[l]);
      ws.zAdjoint[l].array() *= ws.deltaAdjoint[l].array() * ws.upstream[l].array();
    }
    // up_l = W_{l+1}ᵀ delta_{l+1}.
    net.weight(paramGradAccum, l + 1).noalias() += ws.delta[l + 1] * upAdjoint.transpose();
    if (l + 1 < layers) ws.deltaAdjoint[l + 1].noalias() = net.weight(l + 1) * upAdjoint;
  }

  // The z_l adjoints flow back through the forward pass z_l = W_l a_{l-1} + b_l, a_{l-1} = f(z_{l-1}).
  // zAdjoint[l] becomes the total adjoint of z_l as we go down.
  for (int l = layers - 1; l >= 1; --l) {
    const Matrix& total = ws.zAdjoint[l];
    net.weight(paramGradAccum, l).noalias() += total * ws.net.activations[l - 1].transpose();
    if (net.usesBias()) net.bias(paramGradAccum, l) += total.rowwise().sum();
    if (l > 1) {
      Matrix& aAdjoint = ws.activationAdjoint[l - 1];
      aAdjoint.noalias() = net.weight(l).transpose() * total;
      ws.zAdjoint[l - 1].array() += aAdjoint.array() * ws.derivative[l - 1].array();
    }
  }
}

}  // namespace ganscope
