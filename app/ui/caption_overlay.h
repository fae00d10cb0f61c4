#pragma once
// A scripted demo's caption on the view (and so in a recording of it).
#include <imgui.h>

#include <string>

#include "core/runtime/snapshot.h"

namespace ganscope {

/// Draws the caption of the timeline in force at the snapshot's step (timeline.h) across the bottom of the view
/// rectangle at `topLeft` of `size`, large, on a dark band; nothing when there is none.
void drawCaption(const Snapshot& snapshot, ImDrawList* drawList, ImVec2 topLeft, ImVec2 size);

/// Draws `caption` the same way (slow motion's phase captions); nothing when it is empty.
void drawCaptionText(const std::string& caption, ImDrawList* drawList, ImVec2 topLeft, ImVec2 size);

}  // namespace ganscope
