#include "app/gpu/compute_kernel.h"

#include <GL/glcorearb.h>

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "app/gl/embedded_shaders.h"

namespace ganscope {
namespace {

std::string shaderLog(GLuint shader) {
  GLint length = 0;
  glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length);
  std::string log(static_cast<std::size_t>(std::max(length, 1)), '\0');
  glGetShaderInfoLog(shader, length, nullptr, log.data());
  return log;
}

std::string programLog(GLuint program) {
  GLint length = 0;
  glGetProgramiv(program, GL_INFO_LOG_LENGTH, &length);
  std::string log(static_cast<std::size_t>(std::max(length, 1)), '\0');
  glGetProgramInfoLog(program, length, nullptr, log.data());
  return log;
}

}  // namespace

ComputeKernel::ComputeKernel(std::string_view name, std::string_view defines) {
  const std::string_view common = embeddedShader("train_common.glsl");
  const std::string_view operations = embeddedShader("train_ops.glsl");
  const std::string_view body = embeddedShader(name);
  if (common.empty() || operations.empty() || body.empty())
    throw std::runtime_error("no embedded shader " + std::string(name));
  const std::string source = "#version 430\n" + std::string(defines) + std::string(common) + "\n" +
                             std::string(operations) + "\n#line 1\n" + std::string(body);
  const GLuint shader = glCreateShader(GL_COMPUTE_SHADER);
  const char* text = source.c_str();
  glShaderSource(shader, 1, &text, nullptr);
  glCompileShader(shader);
  GLint ok = GL_FALSE;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (ok != GL_TRUE) {
    const std::string log = shaderLog(shader);
    glDeleteShader(shader);
    throw std::runtime_error("the GPU trainer's " + std::string(name) + " does not compile: " + log);
  }
  program_ = glCreateProgram();
  glAttachShader(program_, shader);
  glLinkProgram(program_);
  glDeleteShader(shader);
  glGetProgramiv(program_, GL_LINK_STATUS, &ok);
  if (ok != GL_TRUE) {
    const std::string log = programLog(program_);
    glDeleteProgram(program_);
    program_ = 0;
    throw std::runtime_error("the GPU trainer's " + std::string(name) + " does not link: " + log);
  }
}

ComputeKernel::~ComputeKernel() {
  if (program_ != 0) glDeleteProgram(program_);
}

ComputeKernel::ComputeKernel(ComputeKernel&& other) noexcept
    : program_(std::exchange(other.program_, 0)), locations_(std::move(other.locations_)) {}

ComputeKernel& ComputeKernel::operator=(ComputeKernel&& other) noexcept {
  if (this != &other) {
    if (program_ != 0) glDeleteProgram(program_);
    program_ = std::exchange(other.program_, 0);
    locations_ = std::move(other.locations_);
  }
  return *this;
}

int ComputeKernel::location(const char* name) {
  auto found = locations_.find(name);
  if (found != locations_.end()) return found->second;
  const int at = glGetUniformLocation(program_, name);
  locations_.emplace(name, at);
  return at;
}

ComputeKernel& ComputeKernel::set(const char* name, int value) {
  glProgramUniform1i(program_, location(name), value);
  return *this;
}

ComputeKernel& ComputeKernel::set(const char* name, float value) {
  glProgramUniform1f(program_, location(name), value);
  return *this;
}

ComputeKernel& ComputeKernel::setUnsigned(const char* name, std::uint32_t value) {
  glProgramUniform1ui(program_, location(name), value);
  return *this;
}

ComputeKernel& ComputeKernel::set(const char* name, std::uint32_t x, std::uint32_t y) {
  glProgramUniform2ui(program_, location(name), x, y);
  return *this;
}

ComputeKernel& ComputeKernel::set(const char* name, const std::array<std::uint32_t, 4>& value) {
  glProgramUniform4ui(program_, location(name), value[0], value[1], value[2], value[3]);
  return *this;
}

void ComputeKernel::dispatch(std::uint32_t groupsX, std::uint32_t groupsY) {
  if (groupsX == 0 || groupsY == 0) return;
  glUseProgram(program_);
  glDispatchCompute(groupsX, groupsY, 1);
  glMemoryBarrier(GL_SHADER_STORAGE_BARRIER_BIT | GL_BUFFER_UPDATE_BARRIER_BIT);
}

}  // namespace ganscope
