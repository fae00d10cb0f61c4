#include "app/gpu/compute_kernel.h"

#include <GL/glcorearb.h>

#include <stdexcept>

#include "app/gl/embedded_shaders.h"

namespace ganscope {

ComputeKernel::ComputeKernel(std::string_view name, std::string_view defines) {
  const std::string_view common = embeddedShader("train_common.glsl");
  const std::string_view operations = embeddedShader("train_ops.glsl");
  const std::string_view body = embeddedShader(name);
  if (common.empty() || operations.empty() || body.empty())
    throw std::runtime_error("no embedded shader " + std::string(name));
  const std::string source = "#version 430\n" + std::string(defines) + std::string(common) + "\n" +
                             std::string(operations) + "\n#line 1\n" + std::string(body);
  program_ = ShaderProgram::compute("the GPU trainer's " + std::string(name), source);
}

int ComputeKernel::location(const char* name) {
  auto found = locations_.find(name);
  if (found != locations_.end()) return found->second;
  const int at = glGetUniformLocation(program_.id(), name);
  locations_.emplace(name, at);
  return at;
}

ComputeKernel& ComputeKernel::set(const char* name, int value) {
  glProgramUniform1i(program_.id(), location(name), value);
  return *this;
}

ComputeKernel& ComputeKernel::set(const char* name, float value) {
  glProgramUniform1f(program_.id(), location(name), value);
  return *this;
}

ComputeKernel& ComputeKernel::setUnsigned(const char* name, std::uint32_t value) {
  glProgramUniform1ui(program_.id(), location(name), value);
  return *this;
}

ComputeKernel& ComputeKernel::set(const char* name, std::uint32_t x, std::uint32_t y) {
  glProgramUniform2ui(program_.id(), location(name), x, y);
  return *this;
}

ComputeKernel& ComputeKernel::set(const char* name, const std::array<std::uint32_t, 4>& value) {
  glProgramUniform4ui(program_.id(), location(name), value[0], value[1], value[2], value[3]);
  return *this;
}

void ComputeKernel::dispatch(std::uint32_t groupsX, std::uint32_t groupsY) {
  if (groupsX == 0 || groupsY == 0) return;
  program_.use();
  glDispatchCompute(groupsX, groupsY, 1);
  glMemoryBarrier(GL_SHADER_STORAGE_BARRIER_BIT | GL_BUFFER_UPDATE_BARRIER_BIT);
}

}  // namespace ganscope
