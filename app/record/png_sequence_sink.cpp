#include "app/record/png_sequence_sink.h"

#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <string>

#include "app/record/record_error.h"
#include "app/window/screenshot.h"

namespace ganscope {
namespace {

[[noreturn]] void refuse(const std::filesystem::path& folder, const std::string& reason) {
  std::string message("cannot record to '");
  message.append(folder.string()).append("/': ").append(reason);
  throw RecordError(message);
}

bool isFrameFile(const std::string& name) {
  return name.size() > 10 && name.compare(0, 6, "frame_") == 0 &&
         name.compare(name.size() - 4, 4, ".png") == 0;
}

}  // namespace

PngSequenceSink::PngSequenceSink(std::filesystem::path folder) : folder_(std::move(folder)) {
  std::error_code ec;
  const auto status = std::filesystem::status(folder_, ec);
  if (std::filesystem::exists(status)) {
    if (!std::filesystem::is_directory(status)) refuse(folder_, "exists and is not a folder");
  } else {
    const auto parent = folder_.has_parent_path() ? folder_.parent_path() : std::filesystem::path(".");
    if (!std::filesystem::is_directory(parent, ec)) {
      refuse(folder_, "its parent folder '" + parent.string() + "' does not exist");
    }
    if (!std::filesystem::create_directory(folder_, ec) && ec)
      refuse(folder_, "cannot create it: " + ec.message());
  }
  if (::access(folder_.c_str(), W_OK | X_OK) != 0) refuse(folder_, "the folder is not writable");
  long long old = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder_, ec)) {
    if (isFrameFile(entry.path().filename().string())) ++old;
  }
  if (ec) refuse(folder_, "cannot list it: " + ec.message());
  if (old > 0) {
    refuse(folder_, "already holds " + std::to_string(old) +
                        " frame_*.png files from an earlier recording; name a new folder or empty this one");
  }
}

std::filesystem::path PngSequenceSink::framePath(long long index) const {
  char name[32];
  std::snprintf(name, sizeof name, "frame_%06lld.png", index);
  return folder_ / name;
}

void PngSequenceSink::write(const Frame& frame) {
  if (count_ == 0) {
    if (frame.width <= 0 || frame.height <= 0) refuse(folder_, "the first frame is empty");
    width_ = frame.width;
    height_ = frame.height;
  }
  requireFrameSize(frame, width_, height_, folder_);
  try {
    writePng(framePath(count_), frame.rgba, frame.width, frame.height);
  } catch (const std::runtime_error& e) {
    throw RecordError(e.what());
  }
  ++count_;
}

}  // namespace ganscope
