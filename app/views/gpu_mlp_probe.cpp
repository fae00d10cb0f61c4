#include "app/views/gpu_mlp_probe.h"

#include <GL/glcorearb.h>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace ganscope {
namespace {

const std::string& rawDefines() {
  static const std::string defines = GpuMlp::shaderDefines() + "#define MLP_RAW_OUTPUT\n";
  return defines;
}

// Draws into `framebuffer` with nothing but the program's output: no blending, no multisampling.
void prepareTarget(const Framebuffer& framebuffer) {
  framebuffer.bind();
  glDisable(GL_BLEND);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_SCISSOR_TEST);
  glDisable(GL_MULTISAMPLE);
  glEnable(GL_PROGRAM_POINT_SIZE);
  glClearColor(0.0f, 0.0f, 0.0f, 0.0f);
  glClear(GL_COLOR_BUFFER_BIT);
}

}  // namespace

GpuMlpProbe::GpuMlpProbe()
    : fieldProgram_(ShaderProgram::fromEmbedded("field.vert", "field_mlp.frag", rawDefines())),
      generatorProgram_(ShaderProgram::fromEmbedded("generator_cloud.vert", "raw_value.frag", rawDefines())) {
}

std::vector<float> GpuMlpProbe::discriminatorField(const Mlp& discriminator, const Bounds& view, int width,
                                                   int height) {
  if (discriminator.inputDim() != 2 || discriminator.outputDim() != 1)
    throw std::invalid_argument("GpuMlpProbe::discriminatorField: D must map 2 inputs to 1 output");
  Framebuffer target(1, Framebuffer::Format::Rgba32F);
  target.resize(width, height);
  prepareTarget(target);
  weights_.upload(discriminator);
  fieldProgram_.use();
  weights_.bind(fieldProgram_, 0);
  const glm::vec2 low{static_cast<float>(view.xMin), static_cast<float>(view.yMin)};
  const glm::vec2 high{static_cast<float>(view.xMax), static_cast<float>(view.yMax)};
  fieldProgram_.setVec2("uViewMin", low);
  fieldProgram_.setVec2("uViewMax", high);
  fieldProgram_.setVec2("uFieldMin", low);
  fieldProgram_.setVec2("uFieldMax", high);
  emptyVao_.bind();
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
  target.readPixels(readback_);
  std::vector<float> values(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = readback_[4 * i];
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  return values;
}

Matrix GpuMlpProbe::generatorOutputs(const Mlp& generator, const Matrix& latent) {
  if (latent.rows() != generator.inputDim() || generator.outputDim() > 2 || latent.cols() == 0)
    throw std::invalid_argument(
        "GpuMlpProbe::generatorOutputs: latent rows must be G's input size, G's output 1 or 2");
  const int count = static_cast<int>(latent.cols());
  const int width = std::min(count, 256), height = (count + width - 1) / width;
  Framebuffer target(1, Framebuffer::Format::Rgba32F);
  target.resize(width, height);
  prepareTarget(target);
  weights_.upload(generator);
  latentBuffer_.upload(latent.data(), static_cast<std::size_t>(latent.size()) * sizeof(float));
  VertexArray vao;
  GpuMlp::setInputAttributes(vao, latentBuffer_, static_cast<int>(latent.rows()));
  generatorProgram_.use();
  weights_.bind(generatorProgram_, 0);
  generatorProgram_.setIvec2("uRawSizePx", {width, height});
  vao.bind();
  glDrawArrays(GL_POINTS, 0, count);
  target.readPixels(readback_);
  Matrix out(generator.outputDim(), count);
  for (int i = 0; i < count; ++i)
    for (int r = 0; r < out.rows(); ++r) out(r, i) = readback_[4 * static_cast<std::size_t>(i) + r];
  glBindVertexArray(0);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  return out;
}

}  // namespace ganscope
