#pragma once
// A current OpenGL 3.3 core context for the OpenGL tests (tests/gl/), which CTest runs under Xvfb.
#include <GLFW/glfw3.h>
#include <doctest/doctest.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "app/gl/egl_context.h"

namespace ganscope::testing {

// A current OpenGL 3.3 core context in a hidden window, for the length of a test; with GANSCOPE_GL_API=egl,
// an EGL context with no window system instead (GPU hosts with no usable X server).
class HiddenContext {
 public:
  explicit HiddenContext(int width = 64, int height = 64) {
    if (const char* api = std::getenv("GANSCOPE_GL_API"); api != nullptr && std::string_view(api) == "egl") {
      egl_ = std::make_unique<EglContext>();
      return;
    }
    const bool initialized = glfwInit() == GLFW_TRUE;
    const char* why = nullptr;
    if (!initialized) glfwGetError(&why);
    REQUIRE_MESSAGE(initialized,
                    "no display: run under xvfb-run -a (" << std::string(why != nullptr ? why : "") << ")");
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    window_ = glfwCreateWindow(width, height, "ganscope gl test", nullptr, nullptr);
    if (window_ == nullptr) glfwTerminate();
    REQUIRE_MESSAGE(window_ != nullptr, "cannot create an OpenGL 3.3 core context");
    glfwMakeContextCurrent(window_);
  }
  ~HiddenContext() {
    if (egl_) return;
    glfwDestroyWindow(window_);
    glfwTerminate();
  }
  HiddenContext(const HiddenContext&) = delete;
  HiddenContext& operator=(const HiddenContext&) = delete;

 private:
  GLFWwindow* window_ = nullptr;
  std::unique_ptr<EglContext> egl_;
};

}  // namespace ganscope::testing
