// Drawing only what changed (IncrementalDrawing, DamageTracker) must give the same pixels as drawing
// everything: frames whose texts change in place, grow and shrink, whose colours change and whose shapes
// move, drawn both ways through ImGui's OpenGL backend into two framebuffers, compared byte for byte.
#include <GL/glcorearb.h>
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <cstdint>
#include <string>
#include <vector>

#include "app/gl/framebuffer.h"
#include "app/window/imgui_style.h"
#include "app/window/incremental_drawing.h"
#include "tests/gl/hidden_context.h"

using namespace ganscope;
using ganscope::testing::HiddenContext;

namespace {

constexpr int kWidth = 480, kHeight = 320;
constexpr ImGuiWindowFlags kFixed =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings;

// One frame: a window with a counter at its top, a label and a marker that moves at its bottom, a rectangle
// whose colour changes, and a second window with a growing text; `k` drives every change.
void buildFrame(int k) {
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(300, 320));
  ImGui::Begin("view", nullptr, kFixed);
  ImGui::Text("step %d", 1000 + 7 * k);  // same width for a while, then one digit more at k = 1286
  ImDrawList* list = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  list->AddRectFilled(ImVec2(p.x + 10, p.y + 20), ImVec2(p.x + 120, p.y + 90),
                      k % 3 == 0 ? IM_COL32(200, 40, 40, 255) : IM_COL32(40, 40, 200, 200));
  list->AddCircle(ImVec2(p.x + 150 + 9 * (k % 5), p.y + 150), 12.0f, IM_COL32(0, 120, 0, 255), 0, 2.0f);
  ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + 220));
  ImGui::Text("%d of 8 modes", k % 9);
  ImGui::End();
  ImGui::SetNextWindowPos(ImVec2(300, 0));
  ImGui::SetNextWindowSize(ImVec2(180, 320));
  ImGui::Begin("panel", nullptr, kFixed);
  ImGui::TextUnformatted(std::string(static_cast<std::size_t>(1 + (k * 3) % 11), 'x').c_str());
  ImGui::Text("loss %.3f", 1.0 / (1 + k));
  ImGui::End();
  ImGui::Render();
}

std::vector<std::uint8_t> pixels(const Framebuffer& target) {
  std::vector<std::uint8_t> rgba;
  target.readPixels(rgba);
  return rgba;
}

}  // namespace

TEST_CASE("Drawing only the damage gives the pixels of drawing everything, frame after frame") {
  HiddenContext context;
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(kWidth, kHeight);
  io.DeltaTime = 1.0f / 60.0f;
  REQUIRE(ImGui_ImplOpenGL3_Init("#version 330"));
  Framebuffer whole, incremental;
  whole.resize(kWidth, kHeight);
  incremental.resize(kWidth, kHeight);
  IncrementalDrawing drawing;
  double redrawn = 0.0;
  int compared = 0;
  for (int k = 0; k < 40; ++k) {
    ImGui_ImplOpenGL3_NewFrame();
    buildFrame(k);
    ImDrawData& data = *ImGui::GetDrawData();
    // Everything, into one framebuffer...
    whole.bind();
    glClearColor(windowBackground()[0], windowBackground()[1], windowBackground()[2], windowBackground()[3]);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(&data);
    // ...and only the damage into the other, which keeps its pixels.
    incremental.bind();
    const double share = drawing.draw(data, kWidth, kHeight, {});
    if (k < 3) continue;  // ImGui settles its windows over the first frames
    redrawn += share;
    ++compared;
    const std::vector<std::uint8_t> a = pixels(whole), b = pixels(incremental);
    REQUIRE(a.size() == b.size());
    std::size_t differing = 0;
    for (std::size_t i = 0; i < a.size(); ++i) differing += a[i] != b[i] ? 1 : 0;
    INFO("frame " << k);
    CHECK(differing == 0);
  }
  // And it did draw less than everything: the changes are small.
  CHECK(redrawn / compared < 0.5);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  ImGui_ImplOpenGL3_Shutdown();
  ImGui::DestroyContext();
}
