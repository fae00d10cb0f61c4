#pragma once
// The look every ganscope window shares: ImGui's dark theme made larger for projectors, and a font with the
// Greek letters and mathematical signs the labels use.

struct ImFont;

namespace ganscope {

/// The pixel size of the captions' font.
inline constexpr float kCaptionFontSize = 26.0f;

/// The font of captions on the view (DejaVu Sans at kCaptionFontSize; ImGui's own font where DejaVu is missing).
ImFont* captionFont();

/// The colour behind the panels, which a frame is cleared to (RGBA).
inline constexpr float kWindowBackground[4] = {0.07f, 0.07f, 0.08f, 1.0f};

/// Applies the style and loads the font into the current ImGui context (before its first frame).
void setUpImGuiStyle();

}  // namespace ganscope
