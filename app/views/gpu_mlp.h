#pragma once
// A network's weights on the GPU, for the GLSL evaluator of shaders/mlp.glsl.
#include <string>
#include <vector>

#include "app/gl/gl_buffer.h"
#include "app/gl/shader_program.h"
#include "app/gl/texture.h"
#include "app/gl/vertex_array.h"
#include "core/nn/mlp.h"

namespace ganscope {

/// An Mlp's flat parameter vector in an R32F texture plus its layout (widths, offsets, activations), set as
/// the uniforms of a program that includes shaders/mlp.glsl; move-only, needs a current OpenGL context.
/// Upload only when the weights change (the caller keeps the dirty flag).
class GpuMlp {
 public:
  /// The widest layer the shader evaluates (its activations live in two arrays of this size per invocation).
  static constexpr int kMaxWidth = 256;
  /// The longest input vector a vertex takes (the config's largest latent dimension).
  static constexpr int kMaxInput = 16;
  /// The most linear layers the shader evaluates (the config's limit: 16 hidden layers + the output).
  static constexpr int kMaxLayers = 17;
  /// Parameters per texture row, 2^kRowShift (4,096: any OpenGL 3.3 GPU takes 8,192 texels a row).
  static constexpr int kRowShift = 12;

  /// Why the shader cannot evaluate `mlp` (wider than kMaxWidth, more than kMaxLayers layers), or "" if it
  /// can.
  static std::string unsupportedReason(const Mlp& mlp);

  /// The #define lines shaders/mlp.glsl needs, to pass to ShaderProgram::fromEmbedded (with any others).
  static std::string shaderDefines();

  /// Copies the network's parameters into the texture and keeps its layout. Throws std::invalid_argument when
  /// unsupportedReason(mlp) is not empty.
  void upload(const Mlp& mlp);

  /// Feeds attributes 0 to 3 of `vao` (four vec4s, as shaders/generator_cloud.vert reads a latent vector)
  /// with `dim` (1 to 16) floats per vertex from `buffer`; attributes beyond `dim` are left disabled.
  static void setInputAttributes(VertexArray& vao, const GlBuffer& buffer, int dim);

  /// Whether upload() has been called.
  bool loaded() const { return layerCount_ > 0; }

  /// Binds the weights to texture unit `unit` and sets the uniforms of `program`, which must be in use.
  void bind(const ShaderProgram& program, int unit) const;

 private:
  Texture weights_;
  std::vector<float> staging_;
  int layerCount_ = 0;
  std::vector<int> widths_;
  std::vector<int> weightOffsets_;
  std::vector<int> biasOffsets_;
  std::vector<int> activations_;
};

}  // namespace ganscope
