#pragma once
// An ImGui context with no renderer (ImGui's null backend: a context, a display size and a built font atlas, no
// GL), for tests of what views put in ImGui's draw lists.
#include <imgui.h>

namespace ganscope::testing {

/// An ImGui context with a 800 × 600 display and a built font atlas, for the length of a test.
class NullImGui {
 public:
  NullImGui() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(800, 600);
    io.DeltaTime = 1.0f / 60.0f;
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
  }
  ~NullImGui() { ImGui::DestroyContext(); }
  NullImGui(const NullImGui&) = delete;
  NullImGui& operator=(const NullImGui&) = delete;
};

}  // namespace ganscope::testing
