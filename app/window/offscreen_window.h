#pragma once
// A window with no display: the frames are drawn into an offscreen framebuffer of an EGL context (Mesa's
// surfaceless platform, or a GPU's EGL device), for screenshots and measurements on machines without an X
// server.
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "app/gl/egl_context.h"
#include "app/gl/framebuffer.h"
#include "app/window/incremental_drawing.h"
#include "app/window/window.h"

namespace ganscope {

/// The program's frames drawn without a display: an OpenGL 3.3 core context made through EGL (no X server, no
/// GLFW), an ImGui context with its OpenGL3 backend and no platform backend (no input; the display size and
/// the time between frames are set here), and an RGBA8 framebuffer of the window's size that stands in for
/// the window. On a software rasterizer only what changed is drawn again (IncrementalDrawing), as in a window on a
/// display. Neither copyable nor movable; destroyed in the reverse order of
/// creation.
class OffscreenWindow final : public Window {
 public:
  /// Makes the context and the framebuffer. Throws NoWindowError when EGL offers no OpenGL 3.3 core context.
  OffscreenWindow(int width, int height);
  /// Shuts ImGui's backend down, then the context and the EGL display.
  ~OffscreenWindow() override;
  OffscreenWindow(const OffscreenWindow&) = delete;
  OffscreenWindow& operator=(const OffscreenWindow&) = delete;

  // The Window interface (app/window/window.h); what is particular to an offscreen window is said here.
  /// Never: nobody can close a window that is not shown (the frame count ends the run).
  bool shouldClose() const override { return closeRequested_; }
  void requestClose() override { closeRequested_ = true; }
  /// Starts an ImGui frame of the window's size, with the time since the last one.
  void beginFrame() override;
  /// Into the offscreen framebuffer, which keeps its pixels: on a software rasterizer only what changed is drawn
  /// again (the draw lists that differ from the last frame's, plus `changedImages`), as GlfwWindow does.
  void renderImGui(std::span<const DamageRect> changedImages = {}) override;
  double lastDamageFraction() const override { return lastDamageFraction_; }
  void finishDrawing() override;
  /// Nothing is shown; waits for the GPU as a display's swap would, so that frames cannot queue up
  /// unboundedly.
  void swap() override;
  void framebufferSize(int& width, int& height) const override;
  std::vector<std::uint8_t> readFrame() const override;
  /// "OpenGL 3.3.0 NVIDIA 580.159.04 — NVIDIA H100 80GB HBM3/PCIe/SSE2 (offscreen, EGL)".
  const std::string& rendererName() const override { return rendererName_; }
  bool softwareRenderer() const override;

 private:
  bool closeRequested_ = false;
  std::optional<EglContext> context_;  // made first, destroyed last
  int width_ = 0, height_ = 0;
  std::string rendererName_;
  std::optional<Framebuffer> frame_;  // what a window would show (made once the context is current)
  std::chrono::steady_clock::time_point lastFrame_ = std::chrono::steady_clock::now();
  IncrementalDrawing drawing_;
  double lastDamageFraction_ = 1.0;
};

}  // namespace ganscope
