#include "core/nn/activation.h"

namespace ganscope {

void applyActivation(Activation f, Eigen::Ref<Matrix> m) {
  auto a = m.array();
  switch (f) {
    case Activation::Relu: a = a.max(0.0f); break;
    case Activation::LeakyRelu: a = a.max(kLeakySlope * a); break;
    case Activation::Tanh: a = a.tanh(); break;
    case Activation::Elu: a = (a > 0.0f).select(a, a.exp() - 1.0f); break;
    case Activation::Sigmoid: a = 1.0f / (1.0f + (-a).exp()); break;
    case Activation::Identity: break;
  }
}

void multiplyByDerivative(Activation f, const Eigen::Ref<const Matrix>& output, Eigen::Ref<Matrix> grad) {
  const auto a = output.array();
  auto g = grad.array();
  switch (f) {
    case Activation::Relu: g = (a > 0.0f).select(g, 0.0f); break;
    case Activation::LeakyRelu: g = (a > 0.0f).select(g, kLeakySlope * g); break;
    case Activation::Tanh: g *= 1.0f - a.square(); break;
    case Activation::Elu: g = (a < 0.0f).select(g * (a + 1.0f), g); break;
    case Activation::Sigmoid: g *= a * (1.0f - a); break;
    case Activation::Identity: break;
  }
}

void derivativeFromOutput(Activation f, const Eigen::Ref<const Matrix>& output, Eigen::Ref<Matrix> result) {
  const auto a = output.array();
  auto r = result.array();
  switch (f) {
    case Activation::Relu: r = (a > 0.0f).cast<float>(); break;
    case Activation::LeakyRelu: r = (a > 0.0f).select(Matrix::Ones(a.rows(), a.cols()).array(), kLeakySlope); break;
    case Activation::Tanh: r = 1.0f - a.square(); break;
    case Activation::Elu: r = (a < 0.0f).select(a + 1.0f, 1.0f); break;
    case Activation::Sigmoid: r = a * (1.0f - a); break;
    case Activation::Identity: r.setOnes(); break;
  }
}

void secondDerivativeFromOutput(Activation f, const Eigen::Ref<const Matrix>& output, Eigen::Ref<Matrix> result) {
  const auto a = output.array();
  auto r = result.array();
  switch (f) {
    case Activation::Relu:
    case Activation::LeakyRelu:
    case Activation::Identity: r.setZero(); break;
    case Activation::Tanh: r = -2.0f * a * (1.0f - a.square()); break;
    case Activation::Elu: r = (a < 0.0f).select(a + 1.0f, 0.0f); break;
    case Activation::Sigmoid: r = a * (1.0f - a) * (1.0f - 2.0f * a); break;
  }
}

bool isPiecewiseLinear(Activation f) {
  return f == Activation::Relu || f == Activation::LeakyRelu || f == Activation::Identity;
}

std::string_view activationName(Activation f) {
  switch (f) {
    case Activation::Relu: return "relu";
    case Activation::LeakyRelu: return "leaky_relu";
    case Activation::Tanh: return "tanh";
    case Activation::Elu: return "elu";
    case Activation::Sigmoid: return "sigmoid";
    case Activation::Identity: return "identity";
  }
  return "?";
}

}  // namespace ganscope
