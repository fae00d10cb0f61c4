#include "core/nn/mlp.h"

#include <cmath>
#include <stdexcept>

#include "core/nn/compute_threads.h"
#include "core/nn/tiled_product.h"
#include "core/nn/weight_gradient.h"

namespace ganscope {

Mlp::Mlp(int inputDim, std::vector<int> hidden, int outputDim, Activation hiddenActivation,
         Activation outputActivation, bool useBias)
    : hiddenActivation_(hiddenActivation), outputActivation_(outputActivation), useBias_(useBias) {
  if (inputDim < 0 || outputDim < 1) throw std::invalid_argument("Mlp: input width must be >= 0 and output >= 1");
  widths_.clear();
  widths_.push_back(inputDim);
  for (int w : hidden) {
    if (w < 1) throw std::invalid_argument("Mlp: hidden widths must be >= 1");
    widths_.push_back(w);
  }
  widths_.push_back(outputDim);
  Eigen::Index offset = 0;
  for (int l = 1; l <= layerCount(); ++l) {
    weightOffsets_.push_back(offset);
    offset += static_cast<Eigen::Index>(widths_[l]) * widths_[l - 1];
    biasOffsets_.push_back(offset);
    if (useBias_) offset += widths_[l];
  }
  parameters_ = Vector::Zero(offset);
}

void Mlp::initialize(Rng& rng) {
  for (int l = 1; l <= layerCount(); ++l) {
    auto w = weight(parameters_, l);
    const double fanIn = widths_[l - 1], fanOut = widths_[l];
    const Activation f = activation(l);
    const bool heInit = l < layerCount() &&
                        (f == Activation::Relu || f == Activation::LeakyRelu || f == Activation::Elu);
    if (heInit) {
      const double std = std::sqrt(2.0 / fanIn);
      for (Eigen::Index i = 0; i < w.size(); ++i) w.data()[i] = static_cast<float>(rng.normal(0.0, std));
    } else {
      const double limit = std::sqrt(6.0 / std::max(1.0, fanIn + fanOut));
      for (Eigen::Index i = 0; i < w.size(); ++i) w.data()[i] = static_cast<float>(rng.uniform(-limit, limit));
    }
    bias(parameters_, l).setZero();
  }
}

Eigen::Map<Matrix> Mlp::weight(Vector& flat, int layer) const {
  return {flat.data() + weightOffsets_[layer - 1], widths_[layer], widths_[layer - 1]};
}
Eigen::Map<const Matrix> Mlp::weight(const Vector& flat, int layer) const {
  return {flat.data() + weightOffsets_[layer - 1], widths_[layer], widths_[layer - 1]};
}
Eigen::Map<Vector> Mlp::bias(Vector& flat, int layer) const {
  return {flat.data() + biasOffsets_[layer - 1], useBias_ ? widths_[layer] : 0};
}
Eigen::Map<const Vector> Mlp::bias(const Vector& flat, int layer) const {
  return {flat.data() + biasOffsets_[layer - 1], useBias_ ? widths_[layer] : 0};
}

void Mlp::prepare(MlpWorkspace& ws, Eigen::Index batch) const {
  const auto layers = widths_.size();
  ws.activations.resize(layers);
  ws.deltas.resize(layers);
  ws.transposed.resize(layers);
  for (std::size_t l = 0; l < layers; ++l) {
    ws.activations[l].resize(widths_[l], batch);
    if (l > 0) ws.deltas[l].resize(widths_[l], batch);
    if (l > 0) ws.transposed[l].resize(widths_[l - 1], widths_[l]);
  }
}

bool Mlp::isLargeLayer(int layer) const {
  constexpr int kLarge = 128;
  return widths_[layer] >= kLarge && widths_[layer - 1] >= kLarge;
}

void Mlp::forward(MlpWorkspace& ws) const {
  for (int l = 1; l <= layerCount(); ++l) {
    Matrix& out = ws.activations[l];
    const Matrix& in = ws.activations[l - 1];
    if (isLargeLayer(l)) {
      // Eigen's blocked GEMM, the columns split over the compute threads, bias and activation per column block.
      const double work = static_cast<double>(widths_[l]) * widths_[l - 1] * in.cols();
      splitOverThreads(in.cols(), 16, work, [&](Eigen::Index begin, Eigen::Index end) {
        // The bias is written first and the product added to it: the pass that would zero the output is the bias's.
        auto block = out.middleCols(begin, end - begin);
        if (useBias_) {
          block.colwise() = bias(l);
        } else {
          block.setZero();
        }
        block.noalias() += weight(l) * in.middleCols(begin, end - begin);
        applyActivation(activation(l), block);
      });
    } else {
      productBiasActivation(weight(l).data(), in.data(), useBias_ ? bias(l).data() : nullptr, out.data(), widths_[l],
                            widths_[l - 1], in.cols(), activation(l));
    }
  }
}

const Matrix& Mlp::forward(const Eigen::Ref<const Matrix>& x, MlpWorkspace& ws) const {
  prepare(ws, x.cols());
  ws.activations[0] = x;
  forward(ws);
  return ws.output();
}

void Mlp::backward(MlpWorkspace& ws, const Eigen::Ref<const Matrix>& outputGrad, Vector* paramGradAccum,
                   Matrix* inputGrad) const {
  const int layers = layerCount();
  ws.deltas[layers] = outputGrad;
  multiplyByDerivative(activation(layers), ws.activations[layers], ws.deltas[layers]);
  for (int l = layers; l >= 1; --l) {
    const Matrix& delta = ws.deltas[l];
    const Matrix& below = ws.activations[l - 1];
    const bool large = isLargeLayer(l);
    if (paramGradAccum != nullptr) {
      if (large) {
        // Rows of dW split over the compute threads: each writes its own rows, nothing to reduce.
        const double work = static_cast<double>(widths_[l]) * widths_[l - 1] * delta.cols();
        splitOverThreads(widths_[l], 16, work, [&](Eigen::Index begin, Eigen::Index end) {
          const Eigen::Index n = end - begin;
          weight(*paramGradAccum, l).middleRows(begin, n).noalias() += delta.middleRows(begin, n) * below.transpose();
          if (useBias_) bias(*paramGradAccum, l).segment(begin, n) += delta.middleRows(begin, n).rowwise().sum();
        });
      } else {
        accumulateWeightGradient(delta.data(), below.data(), weight(*paramGradAccum, l).data(),
                                 useBias_ ? bias(*paramGradAccum, l).data() : nullptr, widths_[l], widths_[l - 1],
                                 delta.cols());
      }
    }
    Matrix* target = l > 1 ? &ws.deltas[l - 1] : inputGrad;
    if (target == nullptr) continue;
    if (l == 1) target->resize(widths_[0], delta.cols());
    const Activation belowActivation = l > 1 ? activation(l - 1) : Activation::Identity;
    if (large) {
      const double work = static_cast<double>(widths_[l]) * widths_[l - 1] * delta.cols();
      splitOverThreads(delta.cols(), 16, work, [&](Eigen::Index begin, Eigen::Index end) {
        auto block = target->middleCols(begin, end - begin);
        block.noalias() = weight(l).transpose() * delta.middleCols(begin, end - begin);
        multiplyByDerivative(belowActivation, below.middleCols(begin, end - begin), block);
      });
    } else {
      Matrix& wt = ws.transposed[l];
      wt = weight(l).transpose();
      productActivationDerivative(wt.data(), delta.data(), l > 1 ? below.data() : nullptr, target->data(),
                                  widths_[l - 1], widths_[l], delta.cols(), belowActivation);
    }
  }
}

bool Mlp::sameArchitecture(const Mlp& other) const {
  return widths_ == other.widths_ && hiddenActivation_ == other.hiddenActivation_ &&
         outputActivation_ == other.outputActivation_ && useBias_ == other.useBias_;
}

}  // namespace ganscope
