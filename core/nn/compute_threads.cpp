#include "core/nn/compute_threads.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <thread>

namespace ganscope {
namespace {

// Below this many multiply-adds a product is too short to hand half of it to another thread (a hand-over costs a few
// microseconds when the helper sleeps; 2·10⁵ multiply-adds take about as long on one core).
constexpr double kMinimumWork = 2e5;

// The helper: one thread that sleeps on a generation counter (C++20 atomic wait), runs the task posted with the next
// generation, and publishes the generation it finished. It spins briefly before sleeping, since in a training loop
// the next product follows within microseconds.
class Helper {
 public:
  Helper() : thread_([this] { loop(); }) {}
  ~Helper() {
    stop_.store(true, std::memory_order_relaxed);
    generation_.fetch_add(1, std::memory_order_release);
    generation_.notify_one();
    thread_.join();
  }
  Helper(const Helper&) = delete;
  Helper& operator=(const Helper&) = delete;

  // Posts call(context, begin, end).
  void post(void (*call)(void*, Eigen::Index, Eigen::Index), void* context, Eigen::Index begin, Eigen::Index end) {
    call_ = call;
    context_ = context;
    begin_ = begin;
    end_ = end;
    const std::uint64_t posted = generation_.fetch_add(1, std::memory_order_release) + 1;
    posted_ = posted;
    generation_.notify_one();
  }

  // Waits until the task posted last is done.
  void wait() {
    for (int spin = 0; spin < kSpins; ++spin) {
      if (done_.load(std::memory_order_acquire) == posted_) return;
    }
    for (std::uint64_t seen = done_.load(std::memory_order_acquire); seen != posted_;
         seen = done_.load(std::memory_order_acquire)) {
      done_.wait(seen, std::memory_order_acquire);
    }
  }

 private:
  static constexpr int kSpins = 20000;

  void loop() {
    std::uint64_t seen = 0;
    for (;;) {
      std::uint64_t now = generation_.load(std::memory_order_acquire);
      for (int spin = 0; spin < kSpins && now == seen; ++spin) now = generation_.load(std::memory_order_acquire);
      while (now == seen) {
        generation_.wait(seen, std::memory_order_acquire);
        now = generation_.load(std::memory_order_acquire);
      }
      seen = now;
      if (stop_.load(std::memory_order_relaxed)) return;
      call_(context_, begin_, end_);
      done_.store(seen, std::memory_order_release);
      done_.notify_one();
    }
  }

  void (*call_)(void*, Eigen::Index, Eigen::Index) = nullptr;
  void* context_ = nullptr;
  Eigen::Index begin_ = 0, end_ = 0;
  std::uint64_t posted_ = 0;  // [caller]
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<std::uint64_t> done_{0};
  std::atomic<bool> stop_{false};
  std::thread thread_;  // last: starts after every member it reads is initialised
};

std::unique_ptr<Helper> helper;

}  // namespace

void setComputeThreads(int threads) {
  if (threads < 1 || threads > 2) throw std::invalid_argument("compute threads: 1 or 2");
  if (threads == 2 && !helper) helper = std::make_unique<Helper>();
  if (threads == 1) helper.reset();
}

int computeThreads() { return helper ? 2 : 1; }

void splitOverThreads(Eigen::Index count, Eigen::Index granularity, double work,
                      void (*call)(void*, Eigen::Index, Eigen::Index), void* context) {
  if (!helper || work < kMinimumWork || count < 2 * granularity) {
    call(context, 0, count);
    return;
  }
  const Eigen::Index half = (count / 2 + granularity - 1) / granularity * granularity;
  helper->post(call, context, half, count);
  call(context, 0, half);
  helper->wait();
}

}  // namespace ganscope
