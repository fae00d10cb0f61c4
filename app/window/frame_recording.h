#pragma once
// The window's side of recording: which frames go to the recorder, on the training clock or the wall clock.
#include <chrono>
#include <memory>
#include <string>

#include <imgui.h>

#include "app/record/record_target.h"
#include "app/record/recorder.h"
#include "app/window/window.h"
#include "core/runtime/snapshot.h"
#include "core/runtime/command_target.h"

namespace ganscope {

/// How a recording is made.
struct RecordingOptions {
  RecordTarget target;       ///< the file or folder, and its format
  int fps = 30;              ///< the playback rate
  long long every = 0;       ///< training clock: one frame every this many iterations; 0: the wall clock at fps
  bool viewOnly = false;     ///< the view alone, or the whole window
  long long stopAt = -1;     ///< training clock: the last frame is the one at this step (-1: until stopped)
};

/// One recording of the window's frames. On the training clock it drives the trainer: it asks for `every`
/// iterations, waits for the frame that shows them wholly (the plane's picture, the charts and the readouts up to
/// date), hands that frame to the recorder and only then asks for the next iterations, so the trainer waits for the
/// recorder and the same preset and seed give the same frames on any machine. On the wall clock it takes a frame
/// every 1/fps seconds from the frames the window draws anyway; a full encoder queue drops frames (counted), never
/// drawing.
class FrameRecording {
 public:
  /// Starts recording (throws RecordError: ffmpeg missing, a folder that cannot be used). On the training clock the
  /// trainer is paused first; the first frame shows step `currentStep`.
  FrameRecording(const RecordingOptions& options, CommandTarget& trainer, long long currentStep);

  /// Called after each frame is rendered (before it is shown): takes the frame when it is due. `upToDate` says the
  /// frame wholly shows `snapshot`; `viewRect` is the view's rectangle in window pixels (x, y, width, height).
  void frameRendered(const Window& window, const Snapshot& snapshot, bool upToDate, ImVec4 viewRect);

  /// The training clock's bookkeeping without a frame: asks the trainer for the iterations up to the next frame
  /// when it is paused short of them, and pauses it when it ran past. Returns whether `snapshot` is the one the next
  /// frame must show (always true on the wall clock). A headless recording draws only such frames.
  bool poll(const Snapshot& snapshot);
  /// Headless, on the training clock: the frame of `shown` (the due step, accepted by poll) is about to be drawn
  /// from that snapshot alone, so the trainer starts on the next frame's iterations while it is drawn and encoded.
  /// Nothing is asked for past the last frame or after a divergence.
  void stepAhead(const Snapshot& shown);
  /// Training clock: the step the next frame shows.
  long long dueStep() const { return dueStep_; }

  /// Ends the recording: the file is finished and put in place. Returns one line saying what was written; throws
  /// RecordError when the recording failed.
  std::string finish();

  /// Whether the last frame asked for (stopAt) has been taken, or the run stopped.
  bool done() const { return done_; }
  /// Whether frames follow the training clock.
  bool trainingClock() const { return options_.every > 0; }
  /// Frames taken so far (submitted to the encoder and not dropped).
  long long frames() const { return frames_; }
  /// Frames the encoder's full queue turned away (wall clock only).
  long long dropped() const { return recorder_->framesDropped(); }
  /// Seconds since the recording started.
  double elapsedSeconds() const;
  /// The first error of the encoder, "" while all is well.
  std::string error() const { return recorder_->error(); }
  /// What is being recorded.
  const RecordingOptions& options() const { return options_; }

 private:
  void take(const Window& window, ImVec4 viewRect, int copies);

  RecordingOptions options_;
  CommandTarget& trainer_;
  std::unique_ptr<Recorder> recorder_;
  std::chrono::steady_clock::time_point start_;
  long long frames_ = 0;
  long long slots_ = 0;            // wall clock: frame slots filled so far
  long long dueStep_ = 0;          // training clock: the step of the next frame
  long long requestedFor_ = -1;    // training clock: the due step the last step command was sent for
  bool pauseSent_ = false;
  bool done_ = false;
};

}  // namespace ganscope
