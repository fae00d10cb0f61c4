// An iteration of the trainer allocates no memory once its batch size is fixed (the engine's speed rule).
#include <doctest/doctest.h>

#include <atomic>
#include <cstddef>

#include "core/gan/trainer.h"
#include "core/nn/compute_threads.h"

// Counts every heap allocation (malloc and realloc, which operator new and Eigen both use) while `counting` is set on
// this thread, by interposing glibc's malloc. AddressSanitizer owns malloc in the sanitizer build, so there this
// file only runs the trainer; the count itself is checked in the ordinary build.
#ifndef GANSCOPE_SANITIZE
namespace {
std::atomic<long long> allocations{0};
thread_local bool counting = false;
}  // namespace

extern "C" void* __libc_malloc(std::size_t size);
extern "C" void* __libc_realloc(void* pointer, std::size_t size);
extern "C" void* malloc(std::size_t size) {
  if (counting) allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_malloc(size);
}
extern "C" void* realloc(void* pointer, std::size_t size) {
  if (counting) allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_realloc(pointer, size);
}
#else
namespace {
long long allocations = 0;
bool counting = false;
}  // namespace
#endif

using namespace ganscope;

TEST_CASE("allocation: a trainer iteration allocates nothing once warmed up, for every loss, penalty and stabilizer") {
  for (int variant = 0; variant < 11; ++variant) {
    CAPTURE(variant);
    Config c;
    c.generator.hidden = {32, 16};  // unequal widths: buffers of several shapes
    c.discriminator.hidden = {24, 40, 8};
    c.batch = 64;
    c.metricsEvery = 1'000'000;  // metrics allocate; they run on their own cadence, outside this window
    c.metricsSamples = 100;
    if (variant == 1) c.loss = LossKind::WganGp, c.dSteps = 3;
    if (variant == 2) c.penalty.r1 = 1.0, c.penalty.r2 = 0.5, c.discriminator.activation = Activation::Tanh;
    if (variant == 3) c.loss = LossKind::Wgan, c.optimizer.d.kind = OptimizerKind::RmsProp;
    if (variant == 4) c.update = UpdateOrder::Simultaneous, c.loss = LossKind::Lsgan;
    if (variant == 5) c.unroll = 3, c.spectralNorm = true;
    if (variant == 6) c.pack = 3, c.instanceNoise = 0.2, c.instanceNoiseAnneal = 100;
    if (variant == 7) c.pack = 2, c.spectralNorm = true, c.penalty.r1 = 1.0, c.unroll = 2;
    // The conditional GAN (labels, one-hot blocks, data-rows-only penalties, noise on x only).
    if (variant == 8) c.conditional = true, c.loss = LossKind::WganGp, c.penalty.r2 = 0.5, c.pack = 2;
    if (variant == 9) c.conditional = true, c.update = UpdateOrder::Simultaneous, c.instanceNoise = 0.1;
    if (variant == 10) c.conditional = true, c.data.kind = DataKind::Points, c.data.points = {0, 0, 1, 1, 2, 0},
                       c.data.pointClasses = {0, 1, 1}, c.penalty.r1 = 1.0, c.spectralNorm = true;
    Trainer trainer(c);
    trainer.train(3);  // warm-up: buffers take their sizes
    allocations = 0;
    counting = true;
    trainer.train(20);
    counting = false;
    CHECK(allocations == 0);
    CHECK(trainer.step() == 23);
  }
}

TEST_CASE("allocation: wide layers (Eigen's blocked GEMM) allocate nothing per iteration either, on one or two threads") {
  for (int threads : {1, 2}) {
    CAPTURE(threads);
    setComputeThreads(threads);
    Config c;
    c.generator.hidden = c.discriminator.hidden = {256, 256};  // the wide benchmark's layers, a smaller batch
    c.batch = 256;
    c.metricsEvery = 1'000'000;
    c.metricsSamples = 100;
    Trainer trainer(c);
    trainer.train(2);
    allocations = 0;
    counting = true;
    trainer.train(3);
    counting = false;
    setComputeThreads(1);
    CHECK(allocations == 0);
  }
}
