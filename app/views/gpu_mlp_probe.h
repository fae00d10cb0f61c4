#pragma once
// The GPU path's numbers read back: the GLSL evaluator run into a float framebuffer, to check it against the
// CPU.
#include <vector>

#include "app/gl/framebuffer.h"
#include "app/gl/gl_buffer.h"
#include "app/gl/shader_program.h"
#include "app/gl/vertex_array.h"
#include "app/views/gpu_mlp.h"
#include "core/data/bounds.h"
#include "core/nn/mlp.h"

namespace ganscope {

/// Runs shaders/field_mlp.frag and shaders/generator_cloud.vert, the very shaders the plane view draws with,
/// built with MLP_RAW_OUTPUT so they write the network's output instead of colours, and reads the values
/// back. Needs a current OpenGL 3.3 context; for tests.
class GpuMlpProbe {
 public:
  /// Compiles the two raw programs.
  GpuMlpProbe();

  /// D's raw output at the centre of every pixel of a width × height picture of the data rectangle `view`
  /// (as the plane view draws it): width × height values, rows from the bottom (y = view.yMin) up.
  std::vector<float> discriminatorField(const Mlp& discriminator, const Bounds& view, int width, int height);

  /// G's output (outputDim × n, at most 2 rows) for each column of `latent` (G's inputDim × n), computed per
  /// vertex as the plane view's generated samples are.
  Matrix generatorOutputs(const Mlp& generator, const Matrix& latent);

 private:
  ShaderProgram fieldProgram_;
  ShaderProgram generatorProgram_;
  GpuMlp weights_;
  VertexArray emptyVao_;
  GlBuffer latentBuffer_;
  std::vector<float> readback_;
};

}  // namespace ganscope
