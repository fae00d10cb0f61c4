#pragma once
// The program's window: GLFW, an OpenGL 3.3 core context and Dear ImGui, set up and torn down in mirror order.
#include <imgui.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "app/gl/framebuffer.h"
#include "app/window/damage_tracker.h"
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

  /// Whether the user asked to close the window.
  bool shouldClose() const override;
  /// Processes pending events and starts a new ImGui frame.
  void beginFrame() override;
  /// Renders ImGui's draw data into the default framebuffer (cleared first). On a software rasterizer only what
  /// changed is drawn again, into the back buffer where the driver keeps it between frames (Mesa's software
  /// rasterizers do), else into a picture of our own that is then copied to the window: the draw lists
  /// that differ from the last frame's, plus `changedImages`, the screen rectangles of images whose texture
  /// content changed while their draw commands stayed the same (e.g. the plane view's picture).
  void renderImGui(std::span<const DamageRect> changedImages = {}) override;
  /// The share of the window's pixels drawn again by the last renderImGui() (1 without damage tracking).
  double lastDamageFraction() const override { return lastDamageFraction_; }
  /// Waits until OpenGL has drawn everything asked of it (so a later swap() only shows the frame).
  void finishDrawing() override;
  /// Shows the frame.
  void swap() override;
  /// The framebuffer's size in pixels.
  void framebufferSize(int& width, int& height) const override;
  /// The back buffer as last drawn (read before swap()), rows from the top.
  std::vector<std::uint8_t> readFrame() const override;
  /// "OpenGL 4.5 (Core Profile) Mesa 22.3.6 — llvmpipe (LLVM 15.0.6, 256 bits)": what is rendering.
  const std::string& rendererName() const override { return rendererName_; }
  /// Whether the renderer is a software rasterizer (see isSoftwareRenderer in app/views/field_path.h).
  bool softwareRenderer() const override;

 private:
  GLFWwindow* window_ = nullptr;
  std::string rendererName_;
  bool incremental_ = false;             // redraw only damage (software rasterizers)
  std::unique_ptr<Framebuffer> canvas_;  // the UI as last drawn, when incremental_ and the back buffer is not kept
  int drawnWidth_ = 0, drawnHeight_ = 0;  // the size the kept picture was drawn at
  DamageTracker damage_;
  std::vector<ImVec4> clipRects_;  // the frame's clip rectangles, restored for each damaged area
  double lastDamageFraction_ = 1.0;
};

}  // namespace ganscope
