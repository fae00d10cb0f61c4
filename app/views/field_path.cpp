#include "app/views/field_path.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace ganscope {

std::optional<FieldChoice> parseFieldChoice(std::string_view text) {
  if (text == "auto") return FieldChoice::Auto;
  if (text == "gpu") return FieldChoice::Gpu;
  if (text == "cpu") return FieldChoice::Cpu;
  return std::nullopt;
}

std::string_view fieldChoiceName(FieldChoice choice) {
  switch (choice) {
    case FieldChoice::Gpu:
      return "gpu";
    case FieldChoice::Cpu:
      return "cpu";
    default:
      return "auto";
  }
}

std::string_view fieldPathName(FieldPath path) {
  return path == FieldPath::Gpu ? "gpu" : "cpu";
}

bool isSoftwareRenderer(std::string_view glRenderer) {
  std::string lower(glRenderer);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* name : {"llvmpipe", "softpipe", "swrast", "swiftshader", "gdi generic", "basic render"})
    if (lower.find(name) != std::string::npos) return true;
  return false;
}

bool gpuPicturesTooSlow(double meanPictureMs, long long picturesTimed) {
  return picturesTimed >= kGpuPicturesJudged && meanPictureMs > kGpuPictureBudgetMs;
}

FieldPath resolveFieldPath(FieldChoice choice, bool softwareRenderer, bool gpuTooSlow) {
  if (choice == FieldChoice::Auto) return softwareRenderer || gpuTooSlow ? FieldPath::Cpu : FieldPath::Gpu;
  return choice == FieldChoice::Gpu ? FieldPath::Gpu : FieldPath::Cpu;
}

}  // namespace ganscope
