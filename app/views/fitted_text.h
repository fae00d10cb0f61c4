#pragma once
// A label or title cut to the room it has, so nothing runs past the edge of a narrow panel or chart.
#include <string>

namespace ganscope {

/// What a label of `maxWidth` pixels shows with the current ImGui font: `text` when it fits, else `shorter`
/// when given and it fits, else the shorter of the two cut at a character boundary (UTF-8) and ended with
/// "…"; never wider than maxWidth (empty when not even "…" fits).
std::string fittedText(const char* text, const char* shorter, float maxWidth);

}  // namespace ganscope
