#pragma once
// The text-size control's steps: Ctrl+= and Ctrl+- (or A+ and A− in the toolbar) move the UI scale one step,
// Ctrl+0 goes back to the automatic size.

namespace ganscope {

/// The UI scales the control steps through, smallest first.
inline constexpr float kTextSizes[] = {0.75f, 0.85f, 1.0f, 1.15f, 1.3f, 1.5f, 1.75f,
                                       2.0f,  2.25f, 2.5f, 3.0f,  3.5f, 4.0f};

/// The step after `current` in `direction` (+1: larger, -1: smaller), never above `largest`; `current` itself
/// when there is none that way (already the smallest, or nothing larger fits).
float steppedTextSize(float current, int direction, float largest);

}  // namespace ganscope
