#pragma once
// A recording as numbered PNG files in a folder.
#include <filesystem>

#include "app/record/frame_sink.h"

namespace ganscope {

/// Writes frame i as FOLDER/frame_%06d.png (frame_000000.png first), each file whole or not at all. Needs no
/// program of its own; the same frames give byte-identical files.
class PngSequenceSink final : public FrameSink {
 public:
  /// Creates `folder` when it is missing (its parent must exist). Throws RecordError when it cannot be made
  /// or written, or already holds frame_*.png files (an old recording is never mixed with a new one).
  explicit PngSequenceSink(std::filesystem::path folder);

  /// Writes the next numbered file; every frame must have the size of the first.
  void write(const Frame& frame) override;
  /// Nothing is left to do: every file was complete when write() returned.
  void finish() override {}

  /// The file frame `index` goes to.
  std::filesystem::path framePath(long long index) const;
  /// How many frames have been written.
  long long frameCount() const { return count_; }

 private:
  std::filesystem::path folder_;
  int width_ = 0, height_ = 0;  // the first frame's size
  long long count_ = 0;
};

}  // namespace ganscope
