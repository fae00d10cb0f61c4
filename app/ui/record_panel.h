#pragma once
// Recording from the window: the record button and its indicator, the settings of the next recording, and the
// recording in progress.
#include <chrono>
#include <memory>
#include <string>

#include "app/window/frame_recording.h"

namespace ganscope {

/// Owns the window's recording: started from the toolbar's button, the V key or --record; shows a red indicator with
/// the elapsed time and the frames while recording, and the file's name when it is done.
class RecordPanel {
 public:
  /// A panel whose recordings drive `thread` on the training clock.
  explicit RecordPanel(CommandTarget& thread);

  /// Starts a recording now (the --record option): throws RecordError when it cannot start.
  void start(const RecordingOptions& options, long long currentStep);

  /// The toolbar's record button and indicator.
  void drawToolbar(const Snapshot& snapshot);

  /// The settings section of the next recording: file, clock, what is recorded, frame rate.
  void drawSettings();

  /// Starts or stops a recording with the settings of drawSettings (the button, or the V key).
  void toggle(const Snapshot& snapshot);

  /// After each rendered frame: hands the frame to the recording when it is due, and finishes a recording that is
  /// done (see FrameRecording::frameRendered).
  void frameRendered(const Window& window, const Snapshot& snapshot, bool upToDate, ImVec4 viewRect);

  /// Finishes a recording still going (at exit). Returns its line, empty when none was going.
  std::string stop();

  /// The recording going on, or null.
  const FrameRecording* active() const { return recording_.get(); }
  /// The recording going on, or null (to drive it: FrameRecording::poll).
  FrameRecording* active() { return recording_.get(); }

  /// What the last recording said when it ended (its file, or why it failed), or why one could not start.
  const std::string& message() const { return message_; }

  /// Whether the last recording failed or could not start.
  bool failed() const { return failed_; }

 private:
  CommandTarget& thread_;
  std::unique_ptr<FrameRecording> recording_;
  std::string message_;
  bool failed_ = false;
  std::chrono::steady_clock::time_point messageTime_;  // when message_ was set
  static constexpr std::chrono::seconds kMessageShown{10};  // how long the toolbar shows it
  char path_[512] = {};
  int every_ = 0;        // 0: the wall clock
  bool viewOnly_ = false;
  int fps_ = 30;
};

}  // namespace ganscope
