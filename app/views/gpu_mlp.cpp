#include "app/views/gpu_mlp.h"

#include <algorithm>
#include <stdexcept>

namespace ganscope {

std::string GpuMlp::unsupportedReason(const Mlp& mlp) {
  if (mlp.layerCount() < 1) return "the network has no layers";
  if (mlp.layerCount() > kMaxLayers)
    return std::to_string(mlp.layerCount()) + " layers (the shader takes " + std::to_string(kMaxLayers) + ")";
  const int widest = *std::max_element(mlp.widths().begin(), mlp.widths().end());
  if (widest > kMaxWidth)
    return "a layer of width " + std::to_string(widest) + " (the shader takes " + std::to_string(kMaxWidth) +
           ")";
  return {};
}

std::string GpuMlp::shaderDefines() {
  std::string defines;
  const auto define = [&](const char* name, const std::string& value) {
    defines.append("#define ").append(name).append(" ").append(value).append("\n");
  };
  define("MLP_MAX_WIDTH", std::to_string(kMaxWidth));
  define("MLP_MAX_LAYERS", std::to_string(kMaxLayers));
  define("MLP_ROW_SHIFT", std::to_string(kRowShift));
  define("MLP_LEAKY_SLOPE", std::to_string(kLeakySlope));
  define("MLP_RELU", std::to_string(static_cast<int>(Activation::Relu)));
  define("MLP_LEAKY_RELU", std::to_string(static_cast<int>(Activation::LeakyRelu)));
  define("MLP_TANH", std::to_string(static_cast<int>(Activation::Tanh)));
  define("MLP_ELU", std::to_string(static_cast<int>(Activation::Elu)));
  define("MLP_SIGMOID", std::to_string(static_cast<int>(Activation::Sigmoid)));
  define("MLP_IDENTITY", std::to_string(static_cast<int>(Activation::Identity)));
  return defines;
}

void GpuMlp::upload(const Mlp& mlp) {
  if (const std::string why = unsupportedReason(mlp); !why.empty())
    throw std::invalid_argument("GpuMlp::upload: " + why);
  const Vector& parameters = mlp.parameters();
  constexpr Eigen::Index kRow = Eigen::Index{1} << kRowShift;
  const Eigen::Index rows = std::max<Eigen::Index>(1, (parameters.size() + kRow - 1) / kRow);
  staging_.assign(static_cast<std::size_t>(rows * kRow), 0.0f);
  std::copy(parameters.data(), parameters.data() + parameters.size(), staging_.begin());
  weights_.uploadR32F(static_cast<int>(kRow), static_cast<int>(rows), staging_);

  // Offsets into the flat vector, found from the maps Mlp itself uses.
  layerCount_ = mlp.layerCount();
  widths_.assign(mlp.widths().begin(), mlp.widths().end());
  weightOffsets_.clear();
  biasOffsets_.clear();
  activations_.clear();
  for (int l = 1; l <= layerCount_; ++l) {
    weightOffsets_.push_back(static_cast<int>(mlp.weight(l).data() - parameters.data()));
    biasOffsets_.push_back(mlp.usesBias() ? static_cast<int>(mlp.bias(l).data() - parameters.data()) : -1);
    activations_.push_back(static_cast<int>(mlp.activation(l)));
  }
}

void GpuMlp::setInputAttributes(VertexArray& vao, const GlBuffer& buffer, int dim) {
  if (dim < 1 || dim > kMaxInput)
    throw std::invalid_argument("GpuMlp::setInputAttributes: dimension " + std::to_string(dim) + " (1 to " +
                                std::to_string(kMaxInput) + ")");
  const std::size_t stride = static_cast<std::size_t>(dim) * sizeof(float);
  for (int k = 0; 4 * k < dim; ++k)
    vao.setFloatAttribute(static_cast<unsigned>(k), buffer, std::min(4, dim - 4 * k), stride,
                          static_cast<std::size_t>(4 * k) * sizeof(float));
}

void GpuMlp::bind(const ShaderProgram& program, int unit) const {
  weights_.bind(unit);
  program.setInt("uMlpWeights", unit);
  program.setInt("uMlpLayerCount", layerCount_);
  program.setInts("uMlpWidths", widths_);
  program.setInts("uMlpWeightOffsets", weightOffsets_);
  program.setInts("uMlpBiasOffsets", biasOffsets_);
  program.setInts("uMlpActivations", activations_);
}

}  // namespace ganscope
