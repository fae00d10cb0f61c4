#include "app/window/glfw_window.h"

#include <GL/glcorearb.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cstdio>
#include <cstdlib>

#include "app/views/field_path.h"

namespace ganscope {
namespace {

std::string lastGlfwError() {
  const char* description = nullptr;
  glfwGetError(&description);
  return description != nullptr ? description : "unknown error";
}

// A larger, projector-friendly style on top of ImGui's dark theme.
void applyStyle() {
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 4.0f;
  style.FrameRounding = 3.0f;
  style.GrabRounding = 3.0f;
  style.WindowBorderSize = 0.0f;
  style.FramePadding = ImVec2(6.0f, 3.0f);
  style.ItemSpacing = ImVec2(8.0f, 5.0f);
  style.Colors[ImGuiCol_WindowBg] = ImVec4(0.10f, 0.11f, 0.13f, 1.0f);
  ImGui::GetIO().FontGlobalScale = 1.0f;
}

// DejaVu Sans (Debian's fonts-dejavu-core) covers the Greek letters and mathematical signs the labels use
// (θ, ψ, σ, λ, ∇, ‖, ≈, —); ImGui's built-in font covers Latin-1 only. Without the file the built-in font is used.
void loadFont() {
  static const ImWchar kRanges[] = {
      0x0020, 0x00FF,  // Basic Latin, Latin-1
      0x0370, 0x03FF,  // Greek
      0x2000, 0x209F,  // punctuation (— ‖ …), super- and subscripts
      0x2190, 0x21FF,  // arrows
      0x2200, 0x22FF,  // mathematical operators (∇ ∂ ≈ ≤ √)
      0,
  };
  const char* kPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  if (std::FILE* file = std::fopen(kPath, "rb")) {
    std::fclose(file);
    ImGui::GetIO().Fonts->AddFontFromFileTTF(kPath, 15.0f, nullptr, kRanges);
  }
}

}  // namespace

GlfwWindow::GlfwWindow(int width, int height, const std::string& title) {
  const char* display = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  if ((display == nullptr || *display == '\0') && (wayland == nullptr || *wayland == '\0')) {
    throw NoWindowError("no display (DISPLAY is not set): use --headless to train without a window, or run under "
                        "xvfb-run -a -s \"-screen 0 1280x800x24\"");
  }
  if (glfwInit() != GLFW_TRUE) {
    throw NoWindowError("cannot open the display (" + lastGlfwError() + "): use --headless to train without a window");
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
  applyStyle();
  loadFont();
  ImGui_ImplGlfw_InitForOpenGL(window_, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");
}

GlfwWindow::~GlfwWindow() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window_);
  glfwTerminate();
}

bool GlfwWindow::shouldClose() const { return glfwWindowShouldClose(window_) != 0; }

void GlfwWindow::beginFrame() {
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
}

void GlfwWindow::renderImGui() {
  ImGui::Render();
  int width = 0, height = 0;
  framebufferSize(width, height);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(0, 0, width, height);
  glClearColor(0.07f, 0.07f, 0.08f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void GlfwWindow::swap() { glfwSwapBuffers(window_); }

void GlfwWindow::framebufferSize(int& width, int& height) const { glfwGetFramebufferSize(window_, &width, &height); }

bool GlfwWindow::softwareRenderer() const { return isSoftwareRenderer(rendererName_); }

}  // namespace ganscope
