// The GPU trainer's elementwise steps (app/gpu/gpu_engine.cpp), one element per invocation: fills, copies, the
// random draws (latent noise, instance noise, WGAN-GP's interpolation) and the activation-derivative products of
// the double backprop (core/nn/input_gradient.cpp).
layout(local_size_x = 256) in;

uniform int u_mode;
uniform int u_count;                    // elements
uniform int u_dst, u_src, u_other, u_third;
uniform int u_rows;                     // kInterpolate: rows per column (one α per column)
uniform int u_act;
uniform float u_value;

const int kFill = 0;              // dst = value
const int kCopyDraws = 1;         // dst = draws[src]
const int kCopy = 2;              // dst = arena[src]
const int kAddNoise = 3;          // dst += value · N(0, 1)
const int kAddDrawsNoise = 4;     // dst += draws[src]
const int kLatentNormal = 5;      // dst = N(0, 1)
const int kLatentUniform = 6;     // dst = U[−1, 1)
const int kTimesDerivative = 7;   // dst = arena[src] · f'(arena[other])
const int kSecondDerivative = 8;  // dst = f''(arena[other]) · arena[src] · arena[third]
const int kInterpolate = 9;       // dst = α·arena[src] + (1 − α)·arena[other], α per column: Philox, or draws[third]

void main() {
  if (stopped()) return;
  int i = int(gl_GlobalInvocationID.x);
  if (i >= u_count) return;
  int d = u_dst + i;
  if (u_mode == kFill) {
    arena[d] = u_value;
  } else if (u_mode == kCopyDraws) {
    arena[d] = draws[u_src + i];
  } else if (u_mode == kCopy) {
    arena[d] = arena[u_src + i];
  } else if (u_mode == kAddNoise) {
    arena[d] += u_value * normalAt(uint(i));
  } else if (u_mode == kAddDrawsNoise) {
    arena[d] += draws[u_src + i];
  } else if (u_mode == kLatentNormal) {
    arena[d] = normalAt(uint(i));
  } else if (u_mode == kLatentUniform) {
    arena[d] = -1.0 + 2.0 * uniformAt(uint(i));
  } else if (u_mode == kTimesDerivative) {
    arena[d] = arena[u_src + i] * derivativeFromOutput(u_act, arena[u_other + i]);
  } else if (u_mode == kSecondDerivative) {
    arena[d] = secondDerivativeFromOutput(u_act, arena[u_other + i]) * arena[u_src + i] * arena[u_third + i];
  } else if (u_mode == kInterpolate) {
    int column = i / u_rows;
    float alpha = u_third >= 0 ? draws[u_third + column] : uniformAt(uint(column));
    arena[d] = alpha * arena[u_src + i] + (1.0 - alpha) * arena[u_other + i];
  }
}
