#include "app/gl/egl_context.h"

#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <GL/glcorearb.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <string_view>

namespace ganscope {
namespace {

bool hasExtension(const char* extensions, std::string_view name) {
  if (extensions == nullptr) return false;
  std::string_view list(extensions);
  for (std::size_t start = 0; start < list.size();) {
    const std::size_t end = std::min(list.find(' ', start), list.size());
    if (list.substr(start, end - start) == name) return true;
    start = end + 1;
  }
  return false;
}

std::string eglErrorText() {
  char text[32];
  std::snprintf(text, sizeof text, "EGL error 0x%04X", static_cast<unsigned>(eglGetError()));
  return text;
}

// An initialized EGL display with no window system: Mesa's surfaceless platform, else the first EGL device (a
// GPU driver's, e.g. NVIDIA's), else EGL_NO_DISPLAY.
EGLDisplay openDisplay() {
  const char* clientExtensions = eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS);
  const auto getPlatformDisplay =
      reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(eglGetProcAddress("eglGetPlatformDisplayEXT"));
  if (getPlatformDisplay == nullptr) return EGL_NO_DISPLAY;
  const auto initialized = [](EGLDisplay display) {
    return display != EGL_NO_DISPLAY && eglInitialize(display, nullptr, nullptr) == EGL_TRUE;
  };
  if (hasExtension(clientExtensions, "EGL_MESA_platform_surfaceless")) {
    EGLDisplay display = getPlatformDisplay(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
    if (initialized(display)) return display;
  }
  const auto queryDevices =
      reinterpret_cast<PFNEGLQUERYDEVICESEXTPROC>(eglGetProcAddress("eglQueryDevicesEXT"));
  if (hasExtension(clientExtensions, "EGL_EXT_platform_device") && queryDevices != nullptr) {
    EGLDeviceEXT devices[8];
    EGLint count = 0;
    if (queryDevices(8, devices, &count) == EGL_TRUE) {
      for (EGLint i = 0; i < count; ++i) {
        EGLDisplay display = getPlatformDisplay(EGL_PLATFORM_DEVICE_EXT, devices[i], nullptr);
        if (initialized(display)) return display;
      }
    }
  }
  return EGL_NO_DISPLAY;
}

}  // namespace

void* openEglDisplay() { return openDisplay(); }

EglContext::EglContext() {
  EGLDisplay display = openDisplay();
  if (display == EGL_NO_DISPLAY)
    throw std::runtime_error(
        "EGL offers no display without a window system (neither Mesa's surfaceless "
        "platform nor an EGL device)");
  display_ = display;
  const auto fail = [&](const std::string& what) {
    const std::string why = what + " (" + eglErrorText() + ")";
    if (context_ != nullptr) eglDestroyContext(display, context_);
    if (surface_ != nullptr) eglDestroySurface(display, surface_);
    eglTerminate(display);
    throw std::runtime_error(why);
  };
  if (eglBindAPI(EGL_OPENGL_API) != EGL_TRUE) fail("EGL offers no desktop OpenGL");
  // clang-format off: attribute, value
  const EGLint configAttributes[] = {EGL_SURFACE_TYPE, EGL_PBUFFER_BIT,
                                     EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT,
                                     EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8, EGL_BLUE_SIZE, 8, EGL_ALPHA_SIZE, 8,
                                     EGL_NONE};
  // clang-format on
  EGLConfig config = nullptr;
  EGLint configs = 0;
  if (eglChooseConfig(display, configAttributes, &config, 1, &configs) != EGL_TRUE || configs == 0)
    fail("no RGBA8 OpenGL configuration");
  const EGLint surfaceAttributes[] = {EGL_WIDTH, 1, EGL_HEIGHT, 1, EGL_NONE};
  surface_ = eglCreatePbufferSurface(display, config, surfaceAttributes);
  if (surface_ == EGL_NO_SURFACE) {
    surface_ = nullptr;
    fail("cannot create a pbuffer");
  }
  // clang-format off: attribute, value
  const EGLint contextAttributes[] = {EGL_CONTEXT_MAJOR_VERSION, 3,
                                      EGL_CONTEXT_MINOR_VERSION, 3,
                                      EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
                                      EGL_CONTEXT_OPENGL_FORWARD_COMPATIBLE, EGL_TRUE,
                                      EGL_NONE};
  // clang-format on
  context_ = eglCreateContext(display, config, EGL_NO_CONTEXT, contextAttributes);
  if (context_ == EGL_NO_CONTEXT) {
    context_ = nullptr;
    fail("cannot create an OpenGL 3.3 core context");
  }
  if (eglMakeCurrent(display, surface_, surface_, context_) != EGL_TRUE)
    fail("cannot make the context current");
  rendererName_ = std::string("OpenGL ") + reinterpret_cast<const char*>(glGetString(GL_VERSION)) + " — " +
                  reinterpret_cast<const char*>(glGetString(GL_RENDERER));
}

EglContext::~EglContext() {
  eglMakeCurrent(display_, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
  eglDestroyContext(display_, context_);
  eglDestroySurface(display_, surface_);
  eglTerminate(display_);
}

}  // namespace ganscope
