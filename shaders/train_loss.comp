// The adversarial losses on the GPU (core/gan/gan_loss.h has the papers and the same formulas): from D's outputs,
// dL/dd per sample (already divided by the batch) and, in one workgroup, the loss and D's mean outputs into the
// statistics slots.
layout(local_size_x = 256) in;

uniform int u_which;   // 0: D's loss on [real | fake]; 1: G's loss on fake
uniform int u_loss;    // minimax, nonsaturating, wgan, wgan-gp, lsgan, hinge (LossKind's order)
uniform int u_batch;   // outputs of each kind
uniform int u_logits, u_grad, u_stats;

const int kMinimax = 0, kNonSaturating = 1, kWgan = 2, kWganGp = 3, kLsgan = 4, kHinge = 5;
// The statistics slots (gpu_engine.cpp's StatSlot).
const int kLossD = 0, kLossG = 1, kPenalty = 2, kDReal = 3, kDFake = 4;

shared float sums[3][256];

float softplus(float t) { return max(t, 0.0) + log(1.0 + exp(-abs(t))); }
float sigmoid(float t) { return 1.0 / (1.0 + exp(-t)); }

void main() {
  if (stopped()) return;
  int t = int(gl_LocalInvocationID.x);
  float inv = 1.0 / float(u_batch);
  bool probabilistic = u_loss == kMinimax || u_loss == kNonSaturating;
  float loss = 0.0, meanReal = 0.0, meanFake = 0.0;
  for (int i = t; i < u_batch; i += 256) {
    if (u_which == 0) {
      float r = arena[u_logits + i], f = arena[u_logits + u_batch + i];
      float gr, gf;
      if (probabilistic) {
        gr = -sigmoid(-r) * inv;
        gf = sigmoid(f) * inv;
        loss += softplus(-r) + softplus(f);
      } else if (u_loss == kWgan || u_loss == kWganGp) {
        gr = -inv;
        gf = inv;
        loss += f - r;
      } else if (u_loss == kLsgan) {
        gr = 2.0 * (r - 1.0) * inv;
        gf = 2.0 * f * inv;
        loss += (r - 1.0) * (r - 1.0) + f * f;
      } else {
        gr = r < 1.0 ? -inv : 0.0;
        gf = f > -1.0 ? inv : 0.0;
        loss += max(1.0 - r, 0.0) + max(1.0 + f, 0.0);
      }
      arena[u_grad + i] = gr;
      arena[u_grad + u_batch + i] = gf;
      meanReal += probabilistic ? sigmoid(r) : r;
      meanFake += probabilistic ? sigmoid(f) : f;
    } else {
      float f = arena[u_logits + i];
      float g;
      if (u_loss == kMinimax) {
        g = -sigmoid(f) * inv;
        loss -= softplus(f);
      } else if (u_loss == kNonSaturating) {
        g = -sigmoid(-f) * inv;
        loss += softplus(-f);
      } else if (u_loss == kLsgan) {
        g = 2.0 * (f - 1.0) * inv;
        loss += (f - 1.0) * (f - 1.0);
      } else {
        g = -inv;
        loss -= f;
      }
      arena[u_grad + i] = g;
    }
  }
  sums[0][t] = loss;
  sums[1][t] = meanReal;
  sums[2][t] = meanFake;
  barrier();
  for (int stride = 128; stride > 0; stride /= 2) {
    if (t < stride) {
      for (int s = 0; s < 3; ++s) sums[s][t] += sums[s][t + stride];
    }
    barrier();
  }
  if (t != 0) return;
  if (u_which == 0) {
    arena[u_stats + kLossD] = sums[0][0] * inv;
    arena[u_stats + kDReal] = sums[1][0] * inv;
    arena[u_stats + kDFake] = sums[2][0] * inv;
    arena[u_stats + kPenalty] = 0.0;  // the D update's penalties add to it
  } else {
    arena[u_stats + kLossG] = sums[0][0] * inv;
  }
}
