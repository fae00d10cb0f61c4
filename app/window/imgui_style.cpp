#include "app/window/imgui_style.h"

#include <imgui.h>

#include <cstdio>

namespace ganscope {
namespace {

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
// (θ, ψ, σ, λ, ∇, ‖, ≈, —); ImGui's built-in font covers Latin-1 only. Without the file the built-in font is
// used.
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
    // The second font: captions of scripted demos on the view, rasterized at their size (crisp in recordings).
    ImGui::GetIO().Fonts->AddFontFromFileTTF(kPath, kCaptionFontSize, nullptr, kRanges);
  }
}

}  // namespace

ImFont* captionFont() {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  return atlas->Fonts.Size > 1 ? atlas->Fonts[1] : ImGui::GetFont();
}

void setUpImGuiStyle() {
  applyStyle();
  loadFont();
}

}  // namespace ganscope
