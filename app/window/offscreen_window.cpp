#include "app/window/offscreen_window.h"

#include <GL/glcorearb.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <stdexcept>

#include "app/views/field_path.h"
#include "app/window/imgui_style.h"

namespace ganscope {

OffscreenWindow::OffscreenWindow(int width, int height) : width_(width), height_(height) {
  try {
    context_.emplace();
  } catch (const std::runtime_error& e) {
    throw NoWindowError(std::string("--offscreen: ") + e.what());
  }
  rendererName_ = context_->rendererName() + " (offscreen, EGL)";
  frame_.emplace(1);
  frame_->resize(width_, height_);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is the program's, not a file's
  io.DisplaySize = ImVec2(static_cast<float>(width_), static_cast<float>(height_));
  setUpImGuiStyle();
  ImGui_ImplOpenGL3_Init("#version 330 core");
}

OffscreenWindow::~OffscreenWindow() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui::DestroyContext();
  frame_.reset();  // GL objects go while the context is current
}

void OffscreenWindow::beginFrame() {
  const auto now = std::chrono::steady_clock::now();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(width_), static_cast<float>(height_));
  io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
  io.DeltaTime = std::max(1e-4f, std::chrono::duration<float>(now - lastFrame_).count());
  lastFrame_ = now;
  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
}

void OffscreenWindow::renderImGui(std::span<const DamageRect> changedImages) {
  ImGui::Render();
  frame_->bind();
  if (!softwareRenderer()) {
    glClearColor(windowBackground()[0], windowBackground()[1], windowBackground()[2], windowBackground()[3]);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    lastDamageFraction_ = 1.0;
    return;
  }
  // The framebuffer keeps its pixels: on a software rasterizer only what changed is drawn again.
  lastDamageFraction_ = drawing_.draw(*ImGui::GetDrawData(), width_, height_, changedImages);
}

void OffscreenWindow::finishDrawing() {
  glFinish();
}

void OffscreenWindow::swap() {
  glFinish();
}

void OffscreenWindow::framebufferSize(int& width, int& height) const {
  width = width_;
  height = height_;
}

std::vector<std::uint8_t> OffscreenWindow::readFrame() const {
  std::vector<std::uint8_t> rgba;
  frame_->readPixels(rgba);
  for (std::size_t i = 3; i < rgba.size(); i += 4) rgba[i] = 255;  // a window is opaque
  return rgba;
}

bool OffscreenWindow::softwareRenderer() const {
  return isSoftwareRenderer(rendererName_);
}

}  // namespace ganscope
