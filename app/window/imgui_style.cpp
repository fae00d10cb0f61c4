#include "app/window/imgui_style.h"

#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ganscope {
namespace {

constexpr float kDarkBackground[4] = {0.07f, 0.07f, 0.08f, 1.0f};
constexpr float kLightBackground[4] = {0.93f, 0.93f, 0.92f, 1.0f};

// What applyAppearance last applied.
Theme appliedTheme = Theme::Dark;
float appliedScale = 1.0f;
float fontScale = 1.0f;  // the scale the fonts were rasterized at

// The style of either theme at scale 1, then every size times `scale`.
void applyStyle(Theme theme, float scale) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  if (theme == Theme::Light) {
    ImGui::StyleColorsLight(&style);
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.96f, 1.0f);
    style.Colors[ImGuiCol_ChildBg] = ImVec4(0.0f, 0.0f, 0.0f, 0.0f);
    style.Colors[ImGuiCol_TitleBg] = ImVec4(0.84f, 0.85f, 0.88f, 1.0f);
    style.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.78f, 0.81f, 0.88f, 1.0f);
    style.Colors[ImGuiCol_Text] = ImVec4(0.05f, 0.05f, 0.07f, 1.0f);  // darker than ImGui's, for a projector
    style.Colors[ImGuiCol_TextDisabled] = ImVec4(0.35f, 0.35f, 0.38f, 1.0f);
    style.Colors[ImGuiCol_Border] = ImVec4(0.0f, 0.0f, 0.0f, 0.18f);
    // Sliders and check boxes a shade darker than the panel, so they read on a washed-out projector.
    style.Colors[ImGuiCol_FrameBg] = ImVec4(0.84f, 0.85f, 0.88f, 1.0f);
    style.Colors[ImGuiCol_FrameBgHovered] = ImVec4(0.76f, 0.81f, 0.92f, 1.0f);
  } else {
    ImGui::StyleColorsDark(&style);
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.10f, 0.11f, 0.13f, 1.0f);
  }
  style.WindowRounding = 4.0f;
  style.FrameRounding = 3.0f;
  style.GrabRounding = 3.0f;
  style.WindowBorderSize = 0.0f;
  style.FramePadding = ImVec2(6.0f, 3.0f);
  style.ItemSpacing = ImVec2(8.0f, 5.0f);
  style.ScaleAllSizes(scale);
  ImGui::GetIO().FontGlobalScale = 1.0f;
}

// DejaVu Sans (Debian's fonts-dejavu-core) covers the Greek letters and mathematical signs the labels use
// (θ, ψ, σ, λ, ∇, ‖, ≈, —, ½); ImGui's built-in font covers Latin-1 only. Without the file the built-in font is
// used (at 13 pixels times the scale). Two fonts: the body, and the captions of scripted demos on the view, each
// rasterized at its size (crisp in recordings and on a projector).
void loadFonts(float scale) {
  static const ImWchar kRanges[] = {
      0x0020, 0x00FF,  // Basic Latin, Latin-1
      0x0370, 0x03FF,  // Greek
      0x2000, 0x209F,  // punctuation (— ‖ …), super- and subscripts
      0x2150, 0x215F,  // number forms (⅓)
      0x2190, 0x21FF,  // arrows
      0x2200, 0x22FF,  // mathematical operators (∇ ∂ ≈ ≤ √)
      0,
  };
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  const char* kPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  bool loaded = false;
  if (std::FILE* file = std::fopen(kPath, "rb")) {
    std::fclose(file);
    loaded = atlas->AddFontFromFileTTF(kPath, std::round(kBodyFontSize * scale), nullptr, kRanges) != nullptr &&
             atlas->AddFontFromFileTTF(kPath, std::round(kCaptionFontSize * scale), nullptr, kRanges) != nullptr;
  }
  if (!loaded) {
    atlas->Clear();
    ImFontConfig config;
    config.SizePixels = std::round(13.0f * scale);
    atlas->AddFontDefault(&config);
  }
  fontScale = scale;
}

}  // namespace

std::string_view themeName(Theme theme) { return theme == Theme::Light ? "light" : "dark"; }

std::optional<Theme> parseTheme(std::string_view name) {
  if (name == "dark") return Theme::Dark;
  if (name == "light") return Theme::Light;
  return std::nullopt;
}

float automaticUiScale(float windowHeight, float contentScale, bool lecture) {
  const float content = std::isfinite(contentScale) && contentScale > 0.0f ? contentScale : 1.0f;
  const float byHeight = std::max(1.0f, windowHeight / 800.0f);
  // The larger of the two, not their product: on X11 a HiDPI monitor's window is already taller in pixels.
  const float scale = std::max(content, byHeight) * (lecture ? 1.25f : 1.0f);
  return std::clamp(scale, kMinUiScale, kMaxUiScale);
}

float uiScale() { return appliedScale; }

Theme currentTheme() { return appliedTheme; }

ImFont* captionFont() {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  return atlas->Fonts.Size > 1 ? atlas->Fonts[1] : ImGui::GetFont();
}

const float* windowBackground() { return appliedTheme == Theme::Light ? kLightBackground : kDarkBackground; }

ImVec4 warningColour() {
  return appliedTheme == Theme::Light ? ImVec4(0.62f, 0.36f, 0.0f, 1.0f) : ImVec4(1.0f, 0.8f, 0.35f, 1.0f);
}

ImVec4 errorColour() {
  return appliedTheme == Theme::Light ? ImVec4(0.75f, 0.08f, 0.08f, 1.0f) : ImVec4(1.0f, 0.45f, 0.4f, 1.0f);
}

ImVec4 goodColour() {
  return appliedTheme == Theme::Light ? ImVec4(0.1f, 0.5f, 0.15f, 1.0f) : ImVec4(0.6f, 0.9f, 0.6f, 1.0f);
}

void setUpImGuiStyle() {
  appliedTheme = Theme::Dark;
  appliedScale = 1.0f;
  applyStyle(appliedTheme, appliedScale);
  loadFonts(appliedScale);
}

bool applyAppearance(Theme theme, float scale) {
  scale = std::clamp(scale, kMinUiScale, kMaxUiScale);
  if (theme == appliedTheme && scale == appliedScale) return false;
  appliedTheme = theme;
  appliedScale = scale;
  applyStyle(theme, scale);
  if (scale != fontScale) {
    loadFonts(scale);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  return true;
}

}  // namespace ganscope
