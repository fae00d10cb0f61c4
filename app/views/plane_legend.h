#pragma once
// What the plane's marks mean, in words a room reads: the legend the lecture layout puts on the view.
#include <imgui.h>

namespace ganscope {

/// Draws the legend in the top-right corner of the view at `origin`, `size` large: real data (an orange
/// disc), the generator's samples (a purple diamond), D's surface from "says fake" to "says real", and the
/// line where D = ½. Its text is the current font's size. With `byClass` (a conditional run, whose samples the class
/// picker colours by class) both marks take one class's colour and the words say so.
void drawPlaneLegend(ImDrawList* drawList, ImVec2 origin, ImVec2 size, bool byClass = false);

}  // namespace ganscope
