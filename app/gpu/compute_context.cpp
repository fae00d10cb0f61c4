#include "app/gpu/compute_context.h"

#include <EGL/egl.h>
#include <GL/glcorearb.h>

#include <cstdio>
#include <stdexcept>

#include "app/gl/egl_context.h"

namespace ganscope {
namespace {

std::string eglErrorText() {
  char text[32];
  std::snprintf(text, sizeof text, "EGL error 0x%04X", static_cast<unsigned>(eglGetError()));
  return text;
}

}  // namespace

ComputeContext::ComputeContext() {
  display_ = openEglDisplay();
  if (display_ == nullptr)
    throw std::runtime_error(
        "EGL offers no display without a window system (neither Mesa's surfaceless platform "
        "nor an EGL device)");
  const auto fail = [&](const std::string& what) {
    const std::string why = what + " (" + eglErrorText() + ")";
    if (context_ != nullptr) eglDestroyContext(display_, context_);
    if (surface_ != nullptr) eglDestroySurface(display_, surface_);
    throw std::runtime_error(why);
  };
  if (eglBindAPI(EGL_OPENGL_API) != EGL_TRUE) fail("EGL offers no desktop OpenGL");
  const EGLint configAttributes[] = {EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT,
                                     EGL_NONE};
  EGLConfig config = nullptr;
  EGLint configs = 0;
  if (eglChooseConfig(display_, configAttributes, &config, 1, &configs) != EGL_TRUE || configs == 0)
    fail("EGL has no OpenGL configuration");
  const EGLint surfaceAttributes[] = {EGL_WIDTH, 1, EGL_HEIGHT, 1, EGL_NONE};
  surface_ = eglCreatePbufferSurface(display_, config, surfaceAttributes);
  if (surface_ == EGL_NO_SURFACE) {
    surface_ = nullptr;
    fail("cannot create a pbuffer");
  }
  // clang-format off: attribute, value
  const EGLint contextAttributes[] = {EGL_CONTEXT_MAJOR_VERSION,
                                      4,
                                      EGL_CONTEXT_MINOR_VERSION,
                                      3,
                                      EGL_CONTEXT_OPENGL_PROFILE_MASK,
                                      EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
                                      EGL_NONE};
  // clang-format on
  context_ = eglCreateContext(display_, config, EGL_NO_CONTEXT, contextAttributes);
  if (context_ == EGL_NO_CONTEXT) {
    context_ = nullptr;
    fail("no OpenGL 4.3 core context (compute shaders need one)");
  }
  Scope scope(*this);
  rendererName_ = std::string("OpenGL ") + reinterpret_cast<const char*>(glGetString(GL_VERSION)) + " — " +
                  reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  const std::string renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  software_ =
      renderer.find("llvmpipe") != std::string::npos || renderer.find("softpipe") != std::string::npos;
}

ComputeContext::~ComputeContext() {
  // The display stays initialized: the process may share it (an offscreen window's), and EGL does not count
  // users.
  if (eglGetCurrentContext() == context_)
    eglMakeCurrent(display_, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
  eglDestroyContext(display_, context_);
  eglDestroySurface(display_, surface_);
}

ComputeContext::Scope::Scope(const ComputeContext& context) : Scope(context, std::nothrow) {
  if (!active_)
    throw std::runtime_error("cannot make the GPU trainer's context current (" + eglErrorText() + ")");
}

ComputeContext::Scope::Scope(const ComputeContext& context, std::nothrow_t)
    : display_(eglGetCurrentDisplay()),
      draw_(eglGetCurrentSurface(EGL_DRAW)),
      read_(eglGetCurrentSurface(EGL_READ)),
      context_(eglGetCurrentContext()) {
  if (context_ == context.context_) {
    active_ = true;
    return;
  }
  active_ = switched_ =
      eglMakeCurrent(context.display_, context.surface_, context.surface_, context.context_) == EGL_TRUE;
}

ComputeContext::Scope::~Scope() {
  if (!switched_) return;
  if (context_ != EGL_NO_CONTEXT) {
    eglMakeCurrent(display_, draw_, read_, context_);
  } else {
    eglMakeCurrent(eglGetCurrentDisplay(), EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
  }
}

}  // namespace ganscope
