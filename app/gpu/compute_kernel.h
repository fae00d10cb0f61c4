#pragma once
// One compute shader of the GPU trainer: compiled from shaders/ with the shared declarations, uniforms set by
// name.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "app/gl/shader_program.h"

namespace ganscope {

/// A compute program made of `#version 430`, shaders/train_common.glsl, shaders/train_ops.glsl and one
/// shaders/train_*.comp kernel. Use it only while the GPU trainer's context is current. Move-only.
class ComputeKernel {
 public:
  /// An empty kernel (dispatching it is an error).
  ComputeKernel() = default;
  /// Compiles and links shaders/<name>, with `defines` ("#define NAME 1\n" lines) before the shared
  /// declarations. Throws std::runtime_error with the driver's log when either fails.
  explicit ComputeKernel(std::string_view name, std::string_view defines = {});

  /// Sets an int uniform (one the compiler removed as unused is ignored, as OpenGL does).
  ComputeKernel& set(const char* name, int value);
  /// Sets a float uniform.
  ComputeKernel& set(const char* name, float value);
  /// Sets a uint uniform.
  ComputeKernel& setUnsigned(const char* name, std::uint32_t value);
  /// Sets a uvec2 uniform.
  ComputeKernel& set(const char* name, std::uint32_t x, std::uint32_t y);
  /// Sets a uvec4 uniform.
  ComputeKernel& set(const char* name, const std::array<std::uint32_t, 4>& value);
  /// Forgets the program without deleting it: for when the context it lives in cannot be made current
  /// (destroying the context frees it).
  void abandon() { program_.release(); }
  /// Runs groupsX × groupsY workgroups, then makes their buffer writes visible to the next dispatch.
  void dispatch(std::uint32_t groupsX, std::uint32_t groupsY = 1);

 private:
  int location(const char* name);
  ShaderProgram program_;
  std::unordered_map<std::string, int> locations_;
};

}  // namespace ganscope
