#include "app/window/glfw_window.h"

#include <GL/glcorearb.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <vector>

#include "app/views/field_path.h"
#include "app/window/imgui_style.h"
#include "app/window/monitor_choice.h"
#include "app/window/screenshot.h"

namespace ganscope {
namespace {

std::string lastGlfwError() {
  const char* description = nullptr;
  glfwGetError(&description);
  return description != nullptr ? description : "unknown error";
}

// Whether the default framebuffer's back buffer still holds the last frame after a swap (Mesa's software
// rasterizers copy it to the window and keep it; a flipping driver hands back an older or undefined buffer).
// Two frames of different colours are swapped: a kept buffer reads the second, a flipped one the first.
bool backBufferKeptAfterSwap(GLFWwindow* window) {
  const auto frame = [&](float red) {
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glClearColor(red, 0.07f, 0.08f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glfwSwapBuffers(window);
  };
  frame(0.05f);
  frame(0.09f);
  std::array<unsigned char, 4> pixel{};
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, pixel.data());
  const int expected = static_cast<int>(std::lround(0.09f * 255.0f));
  return std::abs(pixel[0] - expected) <= 1 && std::abs(pixel[1] - 18) <= 1;
}

}  // namespace

GlfwWindow::GlfwWindow(int width, int height, const std::string& title) {
  const char* display = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  if ((display == nullptr || *display == '\0') && (wayland == nullptr || *wayland == '\0')) {
    throw NoWindowError(
        "no display (DISPLAY is not set): use --headless to train without a window, --offscreen "
        "--frames N to draw its frames without a display, or run under xvfb-run -a -s \"-screen 0 "
        "1280x800x24\"");
  }
  if (glfwInit() != GLFW_TRUE) {
    throw NoWindowError("cannot open the display (" + lastGlfwError() +
                        "): use --headless to train without a window");
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_SAMPLES, 0);
  window_ = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
  if (window_ == nullptr) {
    const std::string why = lastGlfwError();
    glfwTerminate();
    throw NoWindowError("cannot create an OpenGL 3.3 core window (" + why + ")");
  }
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(1);
  rendererName_ = std::string("OpenGL ") + reinterpret_cast<const char*>(glGetString(GL_VERSION)) + " — " +
                  reinterpret_cast<const char*>(glGetString(GL_RENDERER));

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // the layout is the program's, not a file's
  setUpImGuiStyle();
  ImGui_ImplGlfw_InitForOpenGL(window_, true);
  // Ours in front of the backend's key callback (which it calls): see deferredReleases_.
  glfwSetWindowUserPointer(window_, this);
  glfwSetKeyCallback(window_, &GlfwWindow::keyCallback);
  ImGui_ImplOpenGL3_Init("#version 330 core");
  incremental_ = softwareRenderer();
  // Damage is drawn straight into the window where the back buffer is kept between frames, else into a
  // picture of our own that is copied to the window each frame.
  if (incremental_ && !backBufferKeptAfterSwap(window_)) canvas_ = std::make_unique<Framebuffer>(1);
}

GlfwWindow::~GlfwWindow() {
  canvas_.reset();  // GL objects go while the context is current
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window_);
  glfwTerminate();
}

bool GlfwWindow::shouldClose() const {
  return glfwWindowShouldClose(window_) != 0;
}

void GlfwWindow::keyCallback(GLFWwindow* window, int key, int scancode, int action, int mods) {
  auto* self = static_cast<GlfwWindow*>(glfwGetWindowUserPointer(window));
  if (self != nullptr) {
    auto& pressed = self->pressedThisFrame_;
    const bool pressedNow = std::find(pressed.begin(), pressed.end(), key) != pressed.end();
    if (action == GLFW_RELEASE && pressedNow) {
      self->deferredReleases_.push_back({key, scancode, mods});  // ImGui sees the key down for one frame
      return;
    }
    if (action == GLFW_PRESS) pressed.push_back(key);
  }
  ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
}

void GlfwWindow::beginFrame() {
  // The releases held back from the last frame's events, then this frame's events.
  pressedThisFrame_.clear();
  for (const KeyEvent& e : deferredReleases_)
    ImGui_ImplGlfw_KeyCallback(window_, e.key, e.scancode, GLFW_RELEASE, e.mods);
  deferredReleases_.clear();
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
}

void GlfwWindow::renderImGui(std::span<const DamageRect> changedImages) {
  ImGui::Render();
  ImDrawData* data = ImGui::GetDrawData();
  int width = 0, height = 0;
  framebufferSize(width, height);
  if (!incremental_ || width <= 0 || height <= 0) {
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glViewport(0, 0, width, height);
    glClearColor(windowBackground()[0], windowBackground()[1], windowBackground()[2], windowBackground()[3]);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(data);
    lastDamageFraction_ = 1.0;
    return;
  }

  // [SECTION] Damage: what differs from the picture kept (in the back buffer, or in canvas_)
  if (canvas_ && (canvas_->width() != width || canvas_->height() != height)) canvas_->resize(width, height);
  if (canvas_) {
    canvas_->bind();
  } else {
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glViewport(0, 0, width, height);
  }
  lastDamageFraction_ = drawing_.draw(*data, width, height, changedImages);
  if (canvas_) canvas_->blitTo(0);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(0, 0, width, height);
}

void GlfwWindow::finishDrawing() {
  glFinish();
}

void GlfwWindow::swap() {
  glfwSwapBuffers(window_);
}

void GlfwWindow::framebufferSize(int& width, int& height) const {
  glfwGetFramebufferSize(window_, &width, &height);
}

std::vector<std::uint8_t> GlfwWindow::readFrame() const {
  int width = 0, height = 0;
  framebufferSize(width, height);
  return readFramebuffer(width, height);
}

bool GlfwWindow::softwareRenderer() const {
  return isSoftwareRenderer(rendererName_);
}

float GlfwWindow::contentScale() const {
  float x = 1.0f, y = 1.0f;
  glfwGetWindowContentScale(window_, &x, &y);
  return std::isfinite(y) && y > 0.0f ? y : 1.0f;
}

void GlfwWindow::toggleFullscreen() {
  if (fullscreen()) {
    glfwSetWindowMonitor(window_, nullptr, windowedX_, windowedY_, windowedWidth_, windowedHeight_, 0);
    return;
  }
  glfwGetWindowPos(window_, &windowedX_, &windowedY_);
  glfwGetWindowSize(window_, &windowedWidth_, &windowedHeight_);
  // The monitor the window is mostly on (the projector it was dragged to), else the primary one.
  int count = 0;
  GLFWmonitor** monitors = glfwGetMonitors(&count);
  std::vector<ScreenRect> rects;
  for (int i = 0; i < count; ++i) {
    ScreenRect r;
    glfwGetMonitorPos(monitors[i], &r.x, &r.y);
    if (const GLFWvidmode* m = glfwGetVideoMode(monitors[i])) {
      r.width = m->width;
      r.height = m->height;
    }
    rects.push_back(r);
  }
  const std::optional<std::size_t> under =
      monitorWithMostOf({windowedX_, windowedY_, windowedWidth_, windowedHeight_}, rects);
  GLFWmonitor* monitor = under ? monitors[*under] : glfwGetPrimaryMonitor();
  const GLFWvidmode* mode = monitor != nullptr ? glfwGetVideoMode(monitor) : nullptr;
  if (mode == nullptr) return;  // no monitor to fill
  glfwSetWindowMonitor(window_, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
}

bool GlfwWindow::fullscreen() const {
  return glfwGetWindowMonitor(window_) != nullptr;
}

void GlfwWindow::requestClose() {
  glfwSetWindowShouldClose(window_, GLFW_TRUE);
}

}  // namespace ganscope
