#pragma once
// The GPU trainer's OpenGL 4.3 core context, through EGL with no window system, current only while a Scope
// holds it.
#include <new>
#include <string>

namespace ganscope {

/// An OpenGL 4.3 core context of its own (compute shaders need 4.3), on Mesa's surfaceless EGL display or a
/// GPU driver's EGL device, never current outside a Scope: whatever context the calling thread had (the
/// window's, an offscreen recording's) is current again when the Scope ends. Neither copyable nor movable.
class ComputeContext {
 public:
  /// Creates the context. Throws std::runtime_error naming what is missing (no EGL display, no OpenGL 4.3).
  ComputeContext();
  ~ComputeContext();
  ComputeContext(const ComputeContext&) = delete;
  ComputeContext& operator=(const ComputeContext&) = delete;

  /// Makes the context current on this thread for its lifetime, then puts back the thread's previous EGL
  /// context.
  class Scope {
   public:
    explicit Scope(const ComputeContext& context);
    /// The same, but never throws: active() says whether the context became current. (A thread with another
    /// API's context current, the window's GLX one, cannot make an EGL context current: glvnd refuses.)
    Scope(const ComputeContext& context, std::nothrow_t);
    ~Scope();
    /// Whether the GPU trainer's context is current in this scope.
    bool active() const { return active_; }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    void* display_ = nullptr;  // the previous EGLDisplay, EGLSurfaces and EGLContext
    void* draw_ = nullptr;
    void* read_ = nullptr;
    void* context_ = nullptr;
    bool switched_ = false;
    bool active_ = false;
  };

  /// "OpenGL 4.5 (Core Profile) Mesa 22.3.6 — llvmpipe (LLVM 15.0.6, 256 bits)".
  const std::string& rendererName() const { return rendererName_; }
  /// Whether the renderer is Mesa's software rasterizer (llvmpipe, softpipe) rather than a GPU.
  bool isSoftware() const { return software_; }

 private:
  void* display_ = nullptr;  // EGLDisplay
  void* surface_ = nullptr;  // EGLSurface (a 1×1 pbuffer, so that no extension is needed to make it current)
  void* context_ = nullptr;  // EGLContext
  std::string rendererName_;
  bool software_ = false;
};

}  // namespace ganscope
