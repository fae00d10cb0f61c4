#include "app/window/frame_recording.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/record/frame_sink.h"

namespace ganscope {
namespace {

// Wall clock: at most this many frame slots are filled from one drawn frame (after a stall, the video holds
// the frame for the time it lasted, up to a third of a second at 30 fps, rather than playing faster than it
// happened).
constexpr int kMaxRepeats = 10;

}  // namespace

FrameRecording::FrameRecording(const RecordingOptions& options, CommandTarget& trainer,
                               long long currentStep)
    : options_(options), trainer_(trainer), start_(std::chrono::steady_clock::now()), dueStep_(currentStep) {
  recorder_ =
      std::make_unique<Recorder>(makeFrameSink(options.target, options.fps),
                                 trainingClock() ? Recorder::Policy::Block : Recorder::Policy::DropWhenFull);
  if (trainingClock()) trainer_.send(PauseCommand{});
}

double FrameRecording::elapsedSeconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void FrameRecording::take(const Window& window, ImVec4 viewRect, int copies) {
  int width = 0, height = 0;
  window.framebufferSize(width, height);
  const std::vector<std::uint8_t> pixels = window.readFrame();
  Frame frame;
  if (options_.viewOnly) {
    frame = croppedFrame(pixels, width, height, static_cast<int>(std::lround(viewRect.x)),
                         static_cast<int>(std::lround(viewRect.y)), static_cast<int>(std::lround(viewRect.z)),
                         static_cast<int>(std::lround(viewRect.w)));
  } else {
    frame.width = width;
    frame.height = height;
    frame.rgba = pixels;
  }
  if (options_.target.format == RecordFormat::Mp4) frame = evenSized(std::move(frame));
  for (int i = 0; i < copies; ++i) {
    Frame copy = i + 1 < copies ? frame : std::move(frame);
    if (recorder_->submit(std::move(copy))) ++frames_;
  }
}

void FrameRecording::frameRendered(const Window& window, const Snapshot& snapshot, bool upToDate,
                                   ImVec4 viewRect) {
  if (done_) return;
  if (!recorder_->error().empty()) {
    done_ = true;
    return;
  }
  if (!trainingClock()) {
    const long long due = static_cast<long long>(std::floor(elapsedSeconds() * options_.fps)) + 1;
    if (due > slots_) {
      const int copies = static_cast<int>(std::min<long long>(due - slots_, kMaxRepeats));
      take(window, viewRect, copies);
      slots_ = due;
    }
    return;
  }
  if (!poll(snapshot)) return;
  if (!upToDate) return;  // the frame that shows this step wholly is a frame or two away
  take(window, viewRect, 1);
  if ((options_.stopAt >= 0 && dueStep_ + options_.every > options_.stopAt) || !snapshot.divergence.empty()) {
    done_ = true;
    return;
  }
  dueStep_ += options_.every;
  if (requestedFor_ != dueStep_) {  // not asked for ahead already (stepAhead)
    trainer_.send(StepCommand{options_.every});
    requestedFor_ = dueStep_;
  }
}

void FrameRecording::stepAhead(const Snapshot& shown) {
  if (!trainingClock() || done_ || !shown.paused || shown.step != dueStep_ || !shown.divergence.empty()) return;
  const long long next = dueStep_ + options_.every;
  if ((options_.stopAt >= 0 && next > options_.stopAt) || requestedFor_ == next) return;
  trainer_.send(StepCommand{options_.every});
  requestedFor_ = next;
}

bool FrameRecording::poll(const Snapshot& snapshot) {
  if (!trainingClock() || done_) return true;
  if (!snapshot.paused) {
    // Someone pressed Play (or a step is under way): past the due step, pause and pick up from where it
    // stops.
    if (snapshot.step > dueStep_ && !pauseSent_) {
      trainer_.send(PauseCommand{});
      pauseSent_ = true;
    }
    return false;
  }
  pauseSent_ = false;
  if (snapshot.step > dueStep_) {
    // Stopped past the frame it was to show (a manual play): the frames go on from here.
    dueStep_ = snapshot.step;
  }
  if (snapshot.step < dueStep_) {
    if (!snapshot.divergence.empty()) {
      done_ = true;  // a stopped run never gets there
      return false;
    }
    if (requestedFor_ != dueStep_) {
      trainer_.send(StepCommand{dueStep_ - snapshot.step});
      requestedFor_ = dueStep_;
    }
    return false;
  }
  return true;
}

std::string FrameRecording::finish() {
  done_ = true;
  recorder_->finish();  // throws RecordError
  const long long written = recorder_->framesWritten();
  char line[512];
  std::snprintf(
      line, sizeof line, "recorded %lld frames (%.1f s at %d fps%s) to %s", written,
      static_cast<double>(written) / options_.fps, options_.fps,
      recorder_->framesDropped() > 0
          ? (", " + std::to_string(recorder_->framesDropped()) + " dropped by a busy encoder").c_str()
          : "",
      options_.target.path.string().c_str());
  return line;
}

}  // namespace ganscope
