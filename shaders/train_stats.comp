// After an update's gradient on the GPU: its norm into the statistics, or, when the loss or the gradient is NaN or
// infinite, the stop (the CPU trainer's checkFinite): every later kernel of the chunk then does nothing, so the update
// is not applied. One workgroup; the squares are summed in double, as the CPU does.
layout(local_size_x = 256) in;

uniform int u_grad, u_count, u_stats;
uniform int u_discriminator;   // 1: D's update (its loss is L_D plus the penalties), 0: G's

const int kLossD = 0, kLossG = 1, kPenalty = 2, kGradNormD = 5, kGradNormG = 6, kStopLoss = 7, kStopGradient = 8;
shared double sums[256];

void main() {
  if (stopped()) return;
  int t = int(gl_LocalInvocationID.x);
  double squares = 0.0;
  for (int i = t; i < u_count; i += 256) squares += double(arena[u_grad + i]) * double(arena[u_grad + i]);
  sums[t] = squares;
  barrier();
  for (int stride = 128; stride > 0; stride /= 2) {
    if (t < stride) sums[t] += sums[t + stride];
    barrier();
  }
  if (t != 0) return;
  float loss = u_discriminator != 0 ? arena[u_stats + kLossD] + arena[u_stats + kPenalty] : arena[u_stats + kLossG];
  float norm2 = float(sums[0]);
  if (isnan(loss) || isinf(loss) || isnan(sums[0]) || isinf(sums[0])) {
    control[0] = 1u;
    control[1] = u_step.x;
    control[2] = u_step.y;
    control[3] = uint(u_discriminator);
    arena[u_stats + kStopLoss] = loss;
    arena[u_stats + kStopGradient] = norm2;
  } else {
    arena[u_stats + (u_discriminator != 0 ? kGradNormD : kGradNormG)] = float(sqrt(sums[0]));
  }
}
