#include "app/record/record_target.h"

#include <cctype>

#include "app/record/record_error.h"

namespace ganscope {
namespace {

// Whether `text` ends in `suffix`, ignoring ASCII case.
bool endsWithIgnoringCase(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  const std::string_view tail = text.substr(text.size() - suffix.size());
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(tail[i])) != suffix[i]) return false;
  }
  return true;
}

}  // namespace

std::string recordFormatName(RecordFormat format) {
  switch (format) {
    case RecordFormat::Mp4:
      return "MP4";
    case RecordFormat::Gif:
      return "GIF";
    case RecordFormat::PngSequence:
      return "PNG sequence";
  }
  return "unknown";
}

RecordTarget parseRecordTarget(std::string_view argument) {
  std::error_code ec;
  if (!argument.empty() && argument.find('\0') == std::string_view::npos) {
    if (argument.back() == '/' || std::filesystem::is_directory(std::filesystem::path(argument), ec)) {
      std::string_view folder = argument;
      while (folder.size() > 1 && folder.back() == '/') folder.remove_suffix(1);
      return {RecordFormat::PngSequence, std::filesystem::path(folder)};
    }
    const std::filesystem::path path(argument);
    const std::string name = path.filename().string();
    // A name before the suffix, and no folder of that name (checked above).
    if (name.size() > 4 && endsWithIgnoringCase(name, ".mp4")) return {RecordFormat::Mp4, path};
    if (name.size() > 4 && endsWithIgnoringCase(name, ".gif")) return {RecordFormat::Gif, path};
  }
  std::string message("--record '");
  message.append(argument).append("': expected FILE.mp4, FILE.gif or DIR/ (a folder for a PNG sequence)");
  throw RecordError(message);
}

}  // namespace ganscope
