#pragma once
// A scripted demo's caption on the view (and so in a recording of it).
#include <imgui.h>

#include "core/runtime/snapshot.h"

namespace ganscope {

/// Draws the caption of the timeline in force at the snapshot's step (timeline.h) across the bottom of the view
/// rectangle at `topLeft` of `size`, large, on a dark band; nothing when there is none.
void drawCaption(const Snapshot& snapshot, ImDrawList* drawList, ImVec2 topLeft, ImVec2 size);

}  // namespace ganscope
