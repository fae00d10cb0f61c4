// The GPU trainer's shared declarations (app/gpu/gpu_engine.cpp puts this after `#version 430` and before each
// train_*.comp kernel): the three buffers, the activations with their derivatives, and Philox.
//
// Matrices are column-major, one sample per column, inside the arena at float offsets given as uniforms, exactly as
// the CPU trainer lays them out (core/nn/tensor.h), so a pack of samples is the same memory read with more rows.

// The persistent kernel defines BUFFER_QUALIFIERS as coherent: its invocations read each other's writes.
#ifndef BUFFER_QUALIFIERS
#define BUFFER_QUALIFIERS
#endif
// Invocations of the one-workgroup kernels (the reductions' shared arrays have one slot each).
#ifndef WORKGROUP_SIZE
#define WORKGROUP_SIZE 256
#endif

layout(std430, binding = 0) BUFFER_QUALIFIERS buffer Arena { float arena[]; };     // weights, gradients, state, batches
layout(std430, binding = 1) BUFFER_QUALIFIERS buffer Control { uint control[]; };  // [0] stopped, [1..2] its step,
                                                                                    // [3] who, [4..5] Adam steps
layout(std430, binding = 2) readonly buffer Draws { float draws[]; };  // the host's random numbers for this chunk

// A kernel does nothing once an update went non-finite (the CPU trainer stops there too).
bool stopped() { return control[0] != 0u; }

// The activations, numbered as core/nn/activation.h's enum: relu, leaky_relu, tanh, elu, sigmoid, identity.
const int kRelu = 0, kLeakyRelu = 1, kTanh = 2, kElu = 3, kSigmoid = 4, kIdentity = 5;
const float kLeakySlope = 0.2;

float activate(int f, float z) {
  if (f == kRelu) return max(z, 0.0);
  if (f == kLeakyRelu) return max(z, kLeakySlope * z);
  if (f == kTanh) return tanh(clamp(z, -10.0, 10.0));  // tanh(±10) is ±1 in float; some drivers' tanh overflows
  if (f == kElu) return z > 0.0 ? z : exp(z) - 1.0;
  if (f == kSigmoid) return 1.0 / (1.0 + exp(-z));
  return z;
}

// f'(z) from the output a = f(z), as derivativeFromOutput.
float derivativeFromOutput(int f, float a) {
  if (f == kRelu) return a > 0.0 ? 1.0 : 0.0;
  if (f == kLeakyRelu) return a > 0.0 ? 1.0 : kLeakySlope;
  if (f == kTanh) return 1.0 - a * a;
  if (f == kElu) return a < 0.0 ? a + 1.0 : 1.0;
  if (f == kSigmoid) return a * (1.0 - a);
  return 1.0;
}

// f''(z) from the output a = f(z), as secondDerivativeFromOutput (0 for the piecewise-linear ones).
float secondDerivativeFromOutput(int f, float a) {
  if (f == kTanh) return -2.0 * a * (1.0 - a * a);
  if (f == kElu) return a < 0.0 ? a + 1.0 : 0.0;
  if (f == kSigmoid) return a * (1.0 - a) * (1.0 - 2.0 * a);
  return 0.0;
}

// Philox4x32-10 (Salmon, Moraes, Dror & Shaw 2011, "Parallel random numbers: as easy as 1, 2, 3", §4.2): ten rounds
// of a bijection of the 128-bit counter under the 64-bit key. core/util/philox.h is the same function on the CPU.
uvec4 philox(uvec4 counter, uvec2 key) {
  for (int round = 0; round < 10; ++round) {
    uint hi0, lo0, hi1, lo1;
    umulExtended(0xD2511F53u, counter.x, hi0, lo0);
    umulExtended(0xCD9E8D57u, counter.z, hi1, lo1);
    counter = uvec4(hi1 ^ counter.y ^ key.x, lo1, hi0 ^ counter.w ^ key.y, lo0);
    key += uvec2(0x9E3779B9u, 0xBB67AE85u);
  }
  return counter;
}

// A random stream: element `i`'s counter is (block, stream, step low, step high), its key the run's seed.
struct RandomStream {
  uvec2 seed;
  uvec2 step;  // the iteration's step count, low and high 32 bits
  uint stream;
};

// A uniform float in [0, 1) with 24 random bits.
float unitFloat(uint bits) { return float(bits >> 8) * (1.0 / 16777216.0); }

float uniformAt(RandomStream r, uint i) {
  uvec4 bits = philox(uvec4(i >> 2, r.stream, r.step.x, r.step.y), r.seed);
  return unitFloat(bits[i & 3u]);
}

// A standard normal by the Box–Muller transform (Box & Muller 1958) on a pair of 24-bit uniforms.
float normalAt(RandomStream r, uint i) {
  uvec4 bits = philox(uvec4(i >> 1, r.stream, r.step.x, r.step.y), r.seed);
  float u1 = float((bits.x >> 8) + 1u) * (1.0 / 16777216.0);  // (0, 1]: the logarithm stays finite
  float u2 = unitFloat(bits.y);
  float radius = sqrt(-2.0 * log(u1));
  float angle = 6.28318530717958647692 * u2;
  return (i & 1u) == 0u ? radius * cos(angle) : radius * sin(angle);
}
