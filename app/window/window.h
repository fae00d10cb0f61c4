#pragma once
// What the frame loop draws into: an OpenGL 3.3 core context with Dear ImGui bound to it, shown on a display
// (GlfwWindow) or kept in an offscreen framebuffer (OffscreenWindow).
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/window/damage_tracker.h"

namespace ganscope {

/// Thrown when no window can be opened (no display, no OpenGL 3.3): the message says why and what to do
/// instead.
class NoWindowError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A frame target with a current OpenGL 3.3 core context and an ImGui context. One frame is beginFrame(), the
/// ImGui calls, renderImGui(), then finishDrawing() where the caller wants the GPU done, then swap().
class Window {
 public:
  virtual ~Window() = default;

  /// Whether the user asked to close the window.
  virtual bool shouldClose() const = 0;
  /// Processes pending events and starts a new ImGui frame.
  virtual void beginFrame() = 0;
  /// Renders ImGui's draw data. `changedImages` are the screen rectangles of images whose texture content
  /// changed while their draw commands stayed the same (e.g. the plane view's picture), for targets that draw
  /// only damage.
  virtual void renderImGui(std::span<const DamageRect> changedImages = {}) = 0;
  /// The share of the target's pixels drawn again by the last renderImGui() (1 without damage tracking).
  virtual double lastDamageFraction() const = 0;
  /// Waits until OpenGL has drawn everything asked of it (so a later swap() only shows the frame).
  virtual void finishDrawing() = 0;
  /// Shows the frame.
  virtual void swap() = 0;
  /// The size of what is drawn, in pixels.
  virtual void framebufferSize(int& width, int& height) const = 0;
  /// The last frame drawn, RGBA8 with opaque alpha, rows from the top (for PNG files).
  virtual std::vector<std::uint8_t> readFrame() const = 0;
  /// "OpenGL 4.5 (Core Profile) Mesa 22.3.6 — llvmpipe (LLVM 15.0.6, 256 bits)": what is rendering.
  virtual const std::string& rendererName() const = 0;
  /// Whether the renderer is a software rasterizer (see isSoftwareRenderer in app/views/field_path.h).
  virtual bool softwareRenderer() const = 0;
  /// The monitor's content scale (2 on a "HiDPI" screen; 1 offscreen), for the automatic UI scale.
  virtual float contentScale() const { return 1.0f; }
  /// Switches between fullscreen on the window's monitor and the window as it was (F). Offscreen: nothing.
  virtual void toggleFullscreen() {}
  /// Whether the window fills its monitor.
  virtual bool fullscreen() const { return false; }
  /// Asks for the window to close: shouldClose() is true from now on (Ctrl+Q).
  virtual void requestClose() = 0;
};

}  // namespace ganscope
