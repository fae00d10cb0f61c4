#pragma once
// Recording on a thread of its own: frames queue up for a sink, so encoding never runs in the frame loop.
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "app/record/frame.h"
#include "app/record/frame_sink.h"

namespace ganscope {

/// Owns a FrameSink and a thread that writes the frames submit() queues, in order, through a bounded queue.
/// submit() is called from one thread (the GUI's or the trainer's), the accessors from any. The first error
/// of the sink ends the recording: no frame is taken after it, error() names it, finish() throws it. A
/// recorder destroyed without finish() abandons the recording (its sink leaves no file).
class Recorder {
 public:
  /// What submit() does when the queue is full.
  enum class Policy {
    Block,         ///< waits for room: training-clock recording, where the trainer waits for the recorder
    DropWhenFull,  ///< returns false at once and counts a dropped frame: the window must never stall drawing
  };

  /// Starts the thread. `capacity` (at least 1) is how many frames may wait; 8 frames of 1280 × 720 are 29
  /// MB.
  Recorder(std::unique_ptr<FrameSink> sink, Policy policy, std::size_t capacity = 8);
  /// Abandons the recording unless finish() was called: stops the thread and drops what waits.
  ~Recorder();
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  /// Queues the frame; true when it was taken. False when the queue is full under DropWhenFull (counted in
  /// framesDropped), after an error, or after finish().
  bool submit(Frame&& frame);
  /// Writes what waits, finishes the sink and joins the thread. Throws RecordError with the first error of
  /// the recording; a second call does nothing more (and throws the same error).
  void finish();

  /// How many frames the sink has written.
  long long framesWritten() const { return written_.load(); }
  /// How many submit() turned away because the queue was full (DropWhenFull).
  long long framesDropped() const { return dropped_.load(); }
  /// How many frames were submitted: taken, dropped or refused after an error.
  long long framesSubmitted() const { return submitted_.load(); }
  /// The first error of the recording, "" while all is well.
  std::string error() const;
  /// The policy the recorder was made with.
  Policy policy() const { return policy_; }

 private:
  void run();  // the thread's loop

  std::unique_ptr<FrameSink> sink_;  // used by the thread only, until it is joined
  const Policy policy_;
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable frameReady_;  // the thread waits for a frame or the end
  std::condition_variable roomReady_;   // a blocked submit() waits for room or an error
  std::deque<Frame> queue_;             // guarded by mutex_
  bool closing_ = false;                // finish(): write what waits, then finish the sink; guarded by mutex_
  bool abandoning_ = false;             // the destructor: stop at once; guarded by mutex_
  bool failed_ = false;                 // guarded by mutex_
  bool finished_ = false;               // finish() was called [submitting thread]
  std::string error_;                   // guarded by mutex_
  std::atomic<long long> written_{0}, dropped_{0}, submitted_{0};
  std::thread thread_;
};

}  // namespace ganscope
