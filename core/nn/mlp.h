#pragma once
// A multi-layer perceptron on Eigen with all of its parameters in one flat vector.
#include <vector>

#include "core/nn/activation.h"
#include "core/nn/tensor.h"
#include "core/util/rng.h"

namespace ganscope {

/// Buffers for one forward/backward pass of an Mlp at one batch size. Keep one workspace per batch size in a hot
/// loop: resizing to the size a buffer already has costs nothing, so an iteration allocates nothing.
struct MlpWorkspace {
  std::vector<Matrix> activations;  ///< [0] is the input, [l] the output of layer l (after its activation)
  std::vector<Matrix> deltas;       ///< backward scratch: [l] = dL/dz_l, the gradient at layer l's pre-activation
  std::vector<Matrix> transposed;   ///< backward scratch: [l] = W_lᵀ, so small layers' backward products read columns

  /// The network's output after forward().
  const Matrix& output() const { return activations.back(); }
};

/// A fully connected network x → f_1(W_1 x + b_1) → … → f_L(W_L a_{L-1} + b_L).
/// Parameters are stored layer by layer, each layer's W (out × in, column-major) then its b, in one Vector, so an
/// optimizer, a clip, a copy for the GUI or a saved session handle every weight at once.
class Mlp {
 public:
  /// An empty network with no layers.
  Mlp() = default;

  /// A network with the given hidden widths (none gives a single linear layer), hidden activation, output
  /// activation and whether the layers have biases. Parameters start at zero: call initialize().
  Mlp(int inputDim, std::vector<int> hidden, int outputDim, Activation hiddenActivation,
      Activation outputActivation = Activation::Identity, bool useBias = true);

  /// Draws the weights: He normal (He et al. 2015) for layers followed by relu, leaky_relu or elu; Xavier uniform
  /// (Glorot & Bengio 2010) for tanh, sigmoid and the output layer. Biases start at zero.
  void initialize(Rng& rng);

  /// The width of a sample at the input.
  int inputDim() const { return widths_.front(); }
  /// The width of the output.
  int outputDim() const { return widths_.back(); }
  /// The number of linear layers (hidden layers + 1).
  int layerCount() const { return static_cast<int>(widths_.size()) - 1; }
  /// The widths: [0] the input, [l] the output of layer l.
  const std::vector<int>& widths() const { return widths_; }
  /// The activation applied after layer l (1-based).
  Activation activation(int layer) const { return layer == layerCount() ? outputActivation_ : hiddenActivation_; }
  /// The hidden layers' activation.
  Activation hiddenActivation() const { return hiddenActivation_; }
  /// Whether the layers have biases.
  bool usesBias() const { return useBias_; }
  /// The number of scalar parameters.
  Eigen::Index parameterCount() const { return parameters_.size(); }

  /// All parameters, flat.
  Vector& parameters() { return parameters_; }
  /// All parameters, flat.
  const Vector& parameters() const { return parameters_; }

  /// Layer l's weight matrix (out × in) inside a flat vector laid out like parameters().
  Eigen::Map<Matrix> weight(Vector& flat, int layer) const;
  /// Layer l's weight matrix (out × in) inside a flat vector laid out like parameters().
  Eigen::Map<const Matrix> weight(const Vector& flat, int layer) const;
  /// Layer l's bias inside a flat vector laid out like parameters() (size 0 without biases).
  Eigen::Map<Vector> bias(Vector& flat, int layer) const;
  /// Layer l's bias inside a flat vector laid out like parameters() (size 0 without biases).
  Eigen::Map<const Vector> bias(const Vector& flat, int layer) const;
  /// Layer l's weight matrix.
  Eigen::Map<const Matrix> weight(int layer) const { return weight(parameters_, layer); }
  /// Layer l's bias.
  Eigen::Map<const Vector> bias(int layer) const { return bias(parameters_, layer); }

  /// Sizes every buffer of `ws` for a batch of `batch` samples (free when it already has that size).
  void prepare(MlpWorkspace& ws, Eigen::Index batch) const;

  /// Runs the network on ws.activations[0] (filled by the caller after prepare()); the result is ws.output().
  void forward(MlpWorkspace& ws) const;

  /// Copies x (inputDim × batch) into the workspace and runs the network; returns ws.output().
  const Matrix& forward(const Eigen::Ref<const Matrix>& x, MlpWorkspace& ws) const;

  /// Whether layer l is wide enough on both sides for Eigen's blocked GEMM to beat the register-tiled kernels of
  /// tiled_product.h and weight_gradient.h (both sides at least 128 units).
  bool isLargeLayer(int layer) const;

  /// Backpropagation (Rumelhart, Hinton & Williams 1986) after forward(): given dL/d(output), ADDS dL/dθ to
  /// *paramGradAccum (laid out like parameters(); skipped when null, e.g. for D in the generator's step) and
  /// writes dL/dx to *inputGrad (skipped when null).
  void backward(MlpWorkspace& ws, const Eigen::Ref<const Matrix>& outputGrad, Vector* paramGradAccum,
                Matrix* inputGrad) const;

  /// Whether two networks have the same widths, activations and bias setting (so parameters can be swapped).
  bool sameArchitecture(const Mlp& other) const;

 private:
  std::vector<int> widths_ = {0};
  std::vector<Eigen::Index> weightOffsets_;  // [l-1]: where layer l's W starts in parameters_
  std::vector<Eigen::Index> biasOffsets_;    // [l-1]: where layer l's b starts in parameters_
  Activation hiddenActivation_ = Activation::Relu;
  Activation outputActivation_ = Activation::Identity;
  bool useBias_ = true;
  Vector parameters_;
};

}  // namespace ganscope
