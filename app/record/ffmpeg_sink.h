#pragma once
// A recording as an MP4 or a GIF, encoded by Debian's ffmpeg program fed raw RGBA frames.
#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>

#include "app/record/child_process.h"
#include "app/record/frame_sink.h"
#include "app/record/record_target.h"

namespace ganscope {

/// Whether the ffmpeg program is on PATH and executable.
bool ffmpegAvailable();

/// Encodes frames with ffmpeg. MP4: H.264 (libx264, preset ultrafast), yuv420p in BT.709, faststart; frames
/// must have even sizes (see evenSized). GIF: the frames go to a lossless intermediate (H.264 RGB, qp 0)
/// while palettegen collects the clip's colours, and finish() maps them onto that palette (paletteuse,
/// ordered dither), so ffmpeg never holds more than a few frames in memory and a colormap does not band.
/// Everything is written to hidden temporary files beside the target, and only a recording that finished is
/// renamed over it: a failed or abandoned one leaves no file and never touches an existing one.
class FfmpegSink final : public FrameSink {
 public:
  /// Checks that ffmpeg is there and the target's folder is writable; ffmpeg starts with the first frame,
  /// which sets the size. Throws RecordError; without ffmpeg the one line is "recording MP4 needs the ffmpeg
  /// program (Debian package ffmpeg: apt-get install ffmpeg); a PNG sequence (--record DIR/) needs nothing".
  FfmpegSink(RecordFormat format, std::filesystem::path path, int fps);
  /// Abandons an unfinished recording: kills ffmpeg and removes the temporary files.
  ~FfmpegSink() override;
  FfmpegSink(const FfmpegSink&) = delete;
  FfmpegSink& operator=(const FfmpegSink&) = delete;

  /// Sends the frame to ffmpeg. Throws RecordError for a frame whose size differs from the first (or an odd
  /// one for MP4), and when ffmpeg has stopped (with its last line), which ends the recording.
  void write(const Frame& frame) override;
  /// Ends the stream, waits for ffmpeg (and for a GIF runs the palette pass), then renames the file into
  /// place. Throws RecordError when any of it fails or no frame was written; no file is left then.
  void finish() override;

  /// The encoder's process id while it runs, else 0 (tests kill it to fail a recording).
  pid_t encoderPid() const { return encoder_ ? encoder_->pid() : 0; }
  /// How many frames went to ffmpeg.
  long long frameCount() const { return frames_; }

 private:
  void start(int width, int height);
  [[noreturn]] void fail(const std::string& reason);
  void removeTemporaries() const;

  RecordFormat format_;
  std::filesystem::path path_;
  int fps_;
  std::filesystem::path encoded_;  // ffmpeg's output while recording: the MP4, or the GIF's intermediate
  std::filesystem::path palette_;  // GIF: the clip's palette (a 16 × 16 PNG)
  std::filesystem::path gif_;      // GIF: the palette pass's output
  std::unique_ptr<ChildProcess> encoder_;
  int width_ = 0, height_ = 0;  // the first frame's size
  long long frames_ = 0;
  bool over_ = false;  // finished or failed: no more frames
};

}  // namespace ganscope
