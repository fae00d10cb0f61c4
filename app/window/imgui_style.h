#pragma once
// The look every ganscope window shares: a dark or a light theme (the light one for projectors), every size
// multiplied by the UI scale, and a font with the Greek letters and mathematical signs the labels use, rasterized at
// the scale's size (crisp, not a stretched bitmap).
#include <optional>
#include <string_view>

struct ImFont;
struct ImVec4;

namespace ganscope {

/// The colour theme of the panels.
enum class Theme { Dark, Light };

/// "dark" or "light".
std::string_view themeName(Theme theme);
/// The theme named `name` ("dark" or "light"), or nothing.
std::optional<Theme> parseTheme(std::string_view name);

/// The least and the largest UI scale (--ui-scale).
inline constexpr float kMinUiScale = 0.75f;
inline constexpr float kMaxUiScale = 4.0f;

/// The body text's pixel size at UI scale 1.
inline constexpr float kBodyFontSize = 15.0f;
/// The pixel size of the captions' font at UI scale 1.
inline constexpr float kCaptionFontSize = 26.0f;

/// The UI scale chosen when none is given: the larger of the monitor's content scale (2 on a "HiDPI" screen) and the
/// window's height over 800, at least 1, and a quarter more in the lecture layout; within kMinUiScale to
/// kMaxUiScale. 1280 × 800: 1; 1920 × 1080: 1.35 (1.69 in lecture mode: 25-pixel text).
float automaticUiScale(float windowHeight, float contentScale, bool lecture);

/// The UI scale in use (1 until applyAppearance).
float uiScale();
/// `pixels` at the UI scale in use.
inline float scaled(float pixels) { return pixels * uiScale(); }
/// The theme in use.
Theme currentTheme();

/// The font of captions on the view (DejaVu Sans at kCaptionFontSize times the scale; ImGui's own font where
/// DejaVu is missing).
ImFont* captionFont();

/// The colour behind the panels, which a frame is cleared to (RGBA), in the theme in use.
const float* windowBackground();

/// The message colours of the theme in use.
ImVec4 warningColour();
/// A stopped run, an error.
ImVec4 errorColour();
/// Something that went well (a file written).
ImVec4 goodColour();

/// Applies the dark theme at scale 1 and loads the font into the current ImGui context (before its first frame).
void setUpImGuiStyle();

/// Changes the theme and the UI scale between two frames (never inside one): the style is made again at the scale,
/// and when the scale changed the fonts are rasterized again at their new sizes and the OpenGL backend's font
/// texture is made anew. Does nothing when both are as they are. Returns whether anything changed (the next frame
/// must then be drawn whole: the background the panels leave uncovered changed colour too).
bool applyAppearance(Theme theme, float scale);

}  // namespace ganscope
