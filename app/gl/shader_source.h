#pragma once
// GLSL sources put together from the embedded files of shaders/: #include lines resolved, defines inserted.
#include <string>
#include <string_view>

namespace ganscope {

/// The source of the embedded shader `file` with every line `#include "other.glsl"` replaced by that embedded
/// file (recursively, each file once) and `defines` (e.g. "#define MLP_RAW_OUTPUT\n") inserted after the
/// `#version` line. Throws std::runtime_error naming a file that is not embedded.
std::string expandShader(std::string_view file, std::string_view defines = {});

}  // namespace ganscope
