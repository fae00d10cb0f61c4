#pragma once
// A scripted demo's caption, or slow motion's, in a band of its own below the plot (and so in a recording of
// the view), never over the picture.
#include <imgui.h>

#include <string>

#include "core/runtime/snapshot.h"

namespace ganscope {

/// The caption shown with `snapshot`: slow motion's `slowMotionCaption` when not empty, else the caption of
/// the timeline in force at the snapshot's step (timeline.h); empty when there is none.
std::string shownCaption(const Snapshot& snapshot, const std::string& slowMotionCaption);

/// The height of the band that `caption` takes at `width` pixels: its text wrapped at the caption font's size
/// (at most three lines), with margins; 0 for an empty caption.
float captionBandHeight(const std::string& caption, float width);

/// Draws `caption` centred on a dark band filling the rectangle at `topLeft` of `size`, its font shrunk where
/// the band is lower than captionBandHeight asks; nothing when it is empty or the band too small to read.
void drawCaptionBand(const std::string& caption, ImDrawList* drawList, ImVec2 topLeft, ImVec2 size);

}  // namespace ganscope
