#include "app/views/fitted_text.h"

#include <imgui.h>

namespace ganscope {

std::string fittedText(const char* text, const char* shorter, float maxWidth) {
  const auto width = [](const std::string& s) { return ImGui::CalcTextSize(s.c_str()).x; };
  const std::string full = text != nullptr ? text : "";
  if (width(full) <= maxWidth) return full;
  const std::string brief = shorter != nullptr ? shorter : full;
  if (width(brief) <= maxWidth) return brief;
  // Cut the shorter one, whole UTF-8 characters at a time, until it fits with the ellipsis.
  std::string cut = width(brief) <= width(full) ? brief : full;
  const std::string ellipsis = "\u2026";
  while (!cut.empty() && width(cut + ellipsis) > maxWidth) {
    while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();
    if (!cut.empty()) cut.pop_back();
  }
  while (!cut.empty() && cut.back() == ' ') cut.pop_back();
  if (width(cut + ellipsis) > maxWidth) return "";
  return cut + ellipsis;
}

}  // namespace ganscope
