#pragma once
// Where recorded frames go: an encoder behind one small interface.
#include <memory>

#include "app/record/frame.h"
#include "app/record/record_target.h"

namespace ganscope {

/// Takes the frames of one recording in order and makes its file (or files). Used from one thread at a time.
/// A sink destroyed without finish() abandons the recording: it leaves no file of its own behind.
class FrameSink {
 public:
  /// Abandons the recording unless finish() was called.
  virtual ~FrameSink();

  /// Writes the next frame; every frame must have the size of the first. Throws RecordError.
  virtual void write(const Frame& frame) = 0;
  /// Ends the recording and puts its file in place; throws RecordError when the recording cannot be
  /// completed.
  virtual void finish() = 0;
};

/// The sink for `target`: a PNG sequence, or an ffmpeg encoder for MP4 and GIF at `fps` frames a second.
/// Throws RecordError when the target cannot be recorded (ffmpeg missing, a folder that does not exist, old
/// frames).
std::unique_ptr<FrameSink> makeFrameSink(const RecordTarget& target, int fps);

}  // namespace ganscope
