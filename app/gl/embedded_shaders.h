#pragma once
// The GLSL sources of shaders/, embedded in the program when it is configured (see CMakeLists.txt).
#include <string_view>

namespace ganscope {

/// The source of a shader by its file name in shaders/ (e.g. "field.frag"); empty if there is none.
std::string_view embeddedShader(std::string_view name);

}  // namespace ganscope
