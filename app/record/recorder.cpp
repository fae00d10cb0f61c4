#include "app/record/recorder.h"

#include <algorithm>
#include <exception>
#include <stdexcept>

#include "app/record/record_error.h"

namespace ganscope {

Recorder::Recorder(std::unique_ptr<FrameSink> sink, Policy policy, std::size_t capacity)
    : sink_(std::move(sink)), policy_(policy), capacity_(std::max<std::size_t>(capacity, 1)) {
  if (!sink_) throw std::invalid_argument("Recorder needs a sink");
  thread_ = std::thread([this] { run(); });
}

Recorder::~Recorder() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    abandoning_ = true;
    queue_.clear();
  }
  frameReady_.notify_all();
  roomReady_.notify_all();
  if (thread_.joinable()) thread_.join();
  sink_.reset();  // an unfinished sink removes its temporary files
}

bool Recorder::submit(Frame&& frame) {
  ++submitted_;
  std::unique_lock<std::mutex> lock(mutex_);
  if (closing_ || failed_ || abandoning_) return false;
  if (queue_.size() >= capacity_) {
    if (policy_ == Policy::DropWhenFull) {
      ++dropped_;
      return false;
    }
    roomReady_.wait(lock, [this] { return queue_.size() < capacity_ || failed_ || abandoning_; });
    if (failed_ || abandoning_) return false;
  }
  queue_.push_back(std::move(frame));
  lock.unlock();
  frameReady_.notify_one();
  return true;
}

void Recorder::finish() {
  if (!finished_) {
    finished_ = true;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closing_ = true;
    }
    frameReady_.notify_all();
    thread_.join();
    if (failed_) sink_.reset();  // abandoned now: a failed recording leaves no file
  }
  if (failed_) throw RecordError(error_);
}

std::string Recorder::error() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return error_;
}

void Recorder::run() {
  auto fail = [this](const char* what) {
    std::lock_guard<std::mutex> lock(mutex_);
    failed_ = true;
    error_ = what;
    queue_.clear();
  };
  while (true) {
    Frame frame;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      frameReady_.wait(lock, [this] { return !queue_.empty() || closing_ || abandoning_; });
      if (abandoning_) return;
      if (queue_.empty()) break;  // closing, and everything written
      frame = std::move(queue_.front());
      queue_.pop_front();
    }
    roomReady_.notify_one();
    try {
      sink_->write(frame);
      ++written_;
    } catch (const std::exception& e) {
      fail(e.what());  // the sink is not written again, nor finished
      roomReady_.notify_all();
      return;
    }
  }
  try {
    sink_->finish();
  } catch (const std::exception& e) {
    fail(e.what());
  }
}

}  // namespace ganscope
