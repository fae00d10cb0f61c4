#include "app/gl/shader_program.h"

#include <GL/glcorearb.h>

#include <algorithm>
#include <glm/gtc/type_ptr.hpp>
#include <stdexcept>
#include <utility>

#include "app/gl/shader_source.h"

namespace ganscope {

namespace {

std::string shaderLog(GLuint shader) {
  GLint length = 0;
  glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length);
  std::string log(static_cast<std::size_t>(std::max(length, 1)), '\0');
  glGetShaderInfoLog(shader, static_cast<GLsizei>(log.size()), nullptr, log.data());
  log.resize(std::char_traits<char>::length(log.c_str()));
  return log;
}

std::string programLog(GLuint program) {
  GLint length = 0;
  glGetProgramiv(program, GL_INFO_LOG_LENGTH, &length);
  std::string log(static_cast<std::size_t>(std::max(length, 1)), '\0');
  glGetProgramInfoLog(program, static_cast<GLsizei>(log.size()), nullptr, log.data());
  log.resize(std::char_traits<char>::length(log.c_str()));
  return log;
}

// Compiles one stage; throws with the shader's name, its stage and the compiler's log.
GLuint compileStage(GLenum stage, std::string_view name, std::string_view source) {
  const GLuint shader = glCreateShader(stage);
  const char* text = source.data();
  const GLint length = static_cast<GLint>(source.size());
  glShaderSource(shader, 1, &text, &length);
  glCompileShader(shader);
  GLint ok = GL_FALSE;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (ok != GL_TRUE) {
    const std::string log = shaderLog(shader);
    glDeleteShader(shader);
    const char* kind = stage == GL_VERTEX_SHADER ? "vertex" : stage == GL_FRAGMENT_SHADER ? "fragment" : "compute";
    throw std::runtime_error("shader '" + std::string(name) + "' (" + kind + ") failed to compile:\n" + log);
  }
  return shader;
}

}  // namespace

ShaderProgram::ShaderProgram(std::string_view name, std::string_view vertexSource,
                             std::string_view fragmentSource)
    : name_(name) {
  const GLuint vertex = compileStage(GL_VERTEX_SHADER, name, vertexSource);
  GLuint fragment = 0;
  try {
    fragment = compileStage(GL_FRAGMENT_SHADER, name, fragmentSource);
  } catch (...) {
    glDeleteShader(vertex);
    throw;
  }
  link({vertex, fragment});
}

ShaderProgram ShaderProgram::compute(std::string_view name, std::string_view source) {
  ShaderProgram program;
  program.name_ = name;
  program.link({compileStage(GL_COMPUTE_SHADER, name, source)});
  return program;
}

void ShaderProgram::link(std::initializer_list<unsigned> shaders) {
  const GLuint program = glCreateProgram();
  for (GLuint shader : shaders) glAttachShader(program, shader);
  glLinkProgram(program);
  for (GLuint shader : shaders) {
    glDetachShader(program, shader);
    glDeleteShader(shader);
  }
  GLint ok = GL_FALSE;
  glGetProgramiv(program, GL_LINK_STATUS, &ok);
  if (ok != GL_TRUE) {
    const std::string log = programLog(program);
    glDeleteProgram(program);
    throw std::runtime_error("shader program '" + name_ + "' failed to link:\n" + log);
  }
  id_ = program;
}

ShaderProgram ShaderProgram::fromEmbedded(std::string_view vertexFile, std::string_view fragmentFile,
                                          std::string_view defines) {
  return ShaderProgram(std::string(vertexFile) + " + " + std::string(fragmentFile), expandShader(vertexFile, defines),
                       expandShader(fragmentFile, defines));
}

ShaderProgram::~ShaderProgram() {
  if (id_ != 0) glDeleteProgram(id_);
}

ShaderProgram::ShaderProgram(ShaderProgram&& other) noexcept
    : id_(std::exchange(other.id_, 0)), name_(std::move(other.name_)) {}

ShaderProgram& ShaderProgram::operator=(ShaderProgram&& other) noexcept {
  if (this != &other) {
    if (id_ != 0) glDeleteProgram(id_);
    id_ = std::exchange(other.id_, 0);
    name_ = std::move(other.name_);
  }
  return *this;
}

void ShaderProgram::use() const {
  glUseProgram(id_);
}

int ShaderProgram::uniformLocation(const char* uniform) const {
  return glGetUniformLocation(id_, uniform);
}

void ShaderProgram::setInt(const char* uniform, int value) const {
  glUniform1i(uniformLocation(uniform), value);
}

void ShaderProgram::setFloat(const char* uniform, float value) const {
  glUniform1f(uniformLocation(uniform), value);
}

void ShaderProgram::setVec2(const char* uniform, glm::vec2 value) const {
  glUniform2f(uniformLocation(uniform), value.x, value.y);
}

void ShaderProgram::setIvec2(const char* uniform, glm::ivec2 value) const {
  glUniform2i(uniformLocation(uniform), value.x, value.y);
}

void ShaderProgram::setVec3(const char* uniform, glm::vec3 value) const {
  glUniform3f(uniformLocation(uniform), value.x, value.y, value.z);
}

void ShaderProgram::setVec4(const char* uniform, glm::vec4 value) const {
  glUniform4f(uniformLocation(uniform), value.x, value.y, value.z, value.w);
}

void ShaderProgram::setInts(const char* uniform, std::span<const int> values) const {
  glUniform1iv(uniformLocation(uniform), static_cast<GLsizei>(values.size()), values.data());
}

void ShaderProgram::setMat4(const char* uniform, const glm::mat4& value) const {
  glUniformMatrix4fv(uniformLocation(uniform), 1, GL_FALSE, glm::value_ptr(value));
}

}  // namespace ganscope
