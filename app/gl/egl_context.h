#pragma once
// An OpenGL 3.3 core context with no window system, through EGL: Mesa's surfaceless platform, or a GPU
// driver's EGL device (how a GPU machine with no X server renders).
#include <string>

namespace ganscope {

/// An initialized EGL display with no window system: Mesa's surfaceless platform, else the first EGL device that
/// initializes (a GPU driver's), else null. Initializing one that is already initialized is harmless, and it is never
/// terminated by its users but this file's EglContext (EGL displays are shared by the whole process).
void* openEglDisplay();

/// An OpenGL 3.3 core context made current on this thread, with a 1×1 pbuffer as its surface (so that no EGL
/// extension is needed to make it current): draw into framebuffers of your own. Neither copyable nor movable;
/// the destructor releases the context and the display.
class EglContext {
 public:
  /// Opens Mesa's surfaceless display, else the first EGL device that initializes, and makes the context
  /// current. Throws std::runtime_error naming what EGL refused.
  EglContext();
  ~EglContext();
  EglContext(const EglContext&) = delete;
  EglContext& operator=(const EglContext&) = delete;

  /// "OpenGL 4.6.0 NVIDIA 580.159.04 — NVIDIA H100 80GB HBM3/PCIe/SSE2": OpenGL's version and renderer.
  const std::string& rendererName() const { return rendererName_; }

 private:
  void* display_ = nullptr;  // EGLDisplay
  void* surface_ = nullptr;  // EGLSurface
  void* context_ = nullptr;  // EGLContext
  std::string rendererName_;
};

}  // namespace ganscope
