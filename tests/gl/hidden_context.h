#pragma once
// A current OpenGL 3.3 core context for the OpenGL tests (tests/gl/), which CTest runs under Xvfb.
#include <GLFW/glfw3.h>
#include <doctest/doctest.h>

namespace ganscope::testing {

// A current OpenGL 3.3 core context in a hidden window, for the length of a test.
class HiddenContext {
 public:
  explicit HiddenContext(int width = 64, int height = 64) {
    REQUIRE_MESSAGE(glfwInit() == GLFW_TRUE, "no display: run under xvfb-run -a");
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
    glfwDestroyWindow(window_);
    glfwTerminate();
  }
  HiddenContext(const HiddenContext&) = delete;
  HiddenContext& operator=(const HiddenContext&) = delete;

 private:
  GLFWwindow* window_ = nullptr;
};

}  // namespace ganscope::testing
