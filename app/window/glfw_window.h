#pragma once
// The program's window: GLFW, an OpenGL 3.3 core context and Dear ImGui, set up and torn down in mirror
// order.
#include <imgui.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "app/gl/framebuffer.h"
#include "app/window/damage_tracker.h"
#include "app/window/incremental_drawing.h"
#include "app/window/window.h"

struct GLFWwindow;

namespace ganscope {

/// A GLFW window with a current OpenGL 3.3 core context and an ImGui context bound to it (GLFW and OpenGL3
/// backends). Move-only in spirit: neither copyable nor movable, destroyed in the reverse order of creation.
class GlfwWindow final : public Window {
 public:
  /// Opens a window of the given size and title. Throws NoWindowError.
  GlfwWindow(int width, int height, const std::string& title);
  /// Shuts ImGui's backends down, destroys the window and terminates GLFW.
  ~GlfwWindow() override;
  GlfwWindow(const GlfwWindow&) = delete;
  GlfwWindow& operator=(const GlfwWindow&) = delete;

  // The Window interface (app/window/window.h); what is particular to a GLFW window is said here.
  bool shouldClose() const override;
  void beginFrame() override;
  /// Into the default framebuffer (cleared first). On a software rasterizer only what changed is drawn again,
  /// into the back buffer where the driver keeps it between frames (Mesa's software rasterizers do), else
  /// into a picture of our own that is then copied to the window: the draw lists that differ from the last
  /// frame's, plus `changedImages`.
  void renderImGui(std::span<const DamageRect> changedImages = {}) override;
  double lastDamageFraction() const override { return lastDamageFraction_; }
  void finishDrawing() override;
  void swap() override;
  void framebufferSize(int& width, int& height) const override;
  /// The back buffer as last drawn (read before swap()).
  std::vector<std::uint8_t> readFrame() const override;
  const std::string& rendererName() const override { return rendererName_; }
  bool softwareRenderer() const override;
  float contentScale() const override;
  void toggleFullscreen() override;
  bool fullscreen() const override;
  void requestClose() override;

 private:
  GLFWwindow* window_ = nullptr;
  int windowedX_ = 0, windowedY_ = 0, windowedWidth_ = 0, windowedHeight_ = 0;  // before fullscreen
  // A key pressed and released between two frames (a presenter's clicker taps PageDown in a few milliseconds)
  // would be lost to ImGui 1.86, which reads key state once a frame: its release waits for the next frame.
  struct KeyEvent {
    int key, scancode, mods;
  };
  static void keyCallback(GLFWwindow* window, int key, int scancode, int action, int mods);
  std::vector<int> pressedThisFrame_;
  std::vector<KeyEvent> deferredReleases_;
  std::string rendererName_;
  bool incremental_ = false;  // redraw only damage (software rasterizers)
  std::unique_ptr<Framebuffer>
      canvas_;                  // the UI as last drawn, when incremental_ and the back buffer is not kept
  IncrementalDrawing drawing_;  // what changed, drawn again (incremental_)
  double lastDamageFraction_ = 1.0;
};

}  // namespace ganscope
