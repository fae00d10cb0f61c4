#include "app/record/frame_sink.h"

#include "app/record/ffmpeg_sink.h"
#include "app/record/png_sequence_sink.h"

namespace ganscope {

FrameSink::~FrameSink() = default;

std::unique_ptr<FrameSink> makeFrameSink(const RecordTarget& target, int fps) {
  if (target.format == RecordFormat::PngSequence) return std::make_unique<PngSequenceSink>(target.path);
  return std::make_unique<FfmpegSink>(target.format, target.path, fps);
}

}  // namespace ganscope
