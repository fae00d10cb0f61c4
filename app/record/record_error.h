#pragma once
// The one exception the recorder throws.
#include <stdexcept>

namespace ganscope {

/// A recording that cannot start, go on or be finished: one line naming the file and the reason, e.g.
/// "recording 'clip.mp4' failed: ffmpeg exited with status 1: Unknown encoder 'libx264'".
class RecordError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace ganscope
