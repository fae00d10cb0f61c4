#pragma once
// Elementwise activation functions with first and second derivatives.
//
// Every derivative is written as a function of the activation's OUTPUT a = f(z), which is all the forward
// cache keeps: relu' = [a > 0]; leaky' = a > 0 ? 1 : s; tanh' = 1 - a²; sigmoid' = a(1 - a); elu' = a < 0 ? a + 1 : 1.
// Second derivatives (for double backprop through input gradients): tanh'' = -2a(1 - a²);
// sigmoid'' = a(1 - a)(1 - 2a); elu'' = a < 0 ? a + 1 : 0; relu'' = leaky'' = 0 (almost everywhere).
#include <string_view>

#include "core/nn/tensor.h"

namespace ganscope {

/// The activation of a layer. Identity is used for output layers (G's sample, D's logit).
enum class Activation { Relu, LeakyRelu, Tanh, Elu, Sigmoid, Identity };

/// The negative slope of LeakyRelu (Maas et al. 2013 use 0.01; GAN practice since DCGAN, Radford et al. 2016, uses 0.2).
inline constexpr float kLeakySlope = 0.2f;

/// Replaces every entry z of `m` by f(z), in place.
void applyActivation(Activation f, Eigen::Ref<Matrix> m);

/// Multiplies `grad` in place by f'(z), given the layer's output a = f(z).
void multiplyByDerivative(Activation f, const Eigen::Ref<const Matrix>& output, Eigen::Ref<Matrix> grad);

/// Writes f'(z) for each entry, given the layer's output a = f(z).
void derivativeFromOutput(Activation f, const Eigen::Ref<const Matrix>& output, Eigen::Ref<Matrix> result);

/// Writes f''(z) for each entry, given the layer's output a = f(z).
void secondDerivativeFromOutput(Activation f, const Eigen::Ref<const Matrix>& output, Eigen::Ref<Matrix> result);

/// Whether f'' is zero almost everywhere (piecewise-linear activations), so double backprop can skip that term.
bool isPiecewiseLinear(Activation f);

/// The config name of an activation: relu, leaky_relu, tanh, elu, sigmoid, identity.
std::string_view activationName(Activation f);

}  // namespace ganscope
