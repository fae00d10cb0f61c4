// A gradient penalty's value and its adjoint on the GPU (core/gan/penalty.cpp has the papers and the same
// formulas): per sample g = ∇ₓD(x_i), P = scale/n · Σ φ(‖g_i‖) with φ(r) = (r − 1)² (WGAN-GP, Gulrajani et al. 2017)
// or r² (R1/R2, Mescheder et al. 2018), and ∂P/∂g_i, which the double backprop carries to the weights. One
// workgroup; P is added to the penalty slot.
layout(local_size_x = 256) in;

uniform int u_rows, u_count;     // g is rows × count
uniform int u_grad, u_adjoint, u_stats;
uniform int u_zeroCentered;      // 1: ‖g‖², 0: (‖g‖ − 1)²
uniform float u_scale;

const int kPenalty = 2;
shared float sums[256];

void main() {
  if (stopped()) return;
  int t = int(gl_LocalInvocationID.x);
  float perSample = u_scale / float(u_count);
  float total = 0.0;
  for (int c = t; c < u_count; c += 256) {
    int column = u_grad + c * u_rows;
    float squares = 0.0;
    for (int r = 0; r < u_rows; ++r) squares += arena[column + r] * arena[column + r];
    float factor;
    if (u_zeroCentered != 0) {
      total += squares;
      factor = 2.0 * perSample;
    } else {
      float norm = sqrt(squares);
      total += (norm - 1.0) * (norm - 1.0);
      // d/dg (‖g‖ − 1)² = 2(‖g‖ − 1)·g/‖g‖; at g = 0 the direction is undefined and we take 0.
      factor = norm > 0.0 ? 2.0 * (norm - 1.0) / norm * perSample : 0.0;
    }
    for (int r = 0; r < u_rows; ++r) arena[u_adjoint + c * u_rows + r] = factor * arena[column + r];
  }
  sums[t] = total;
  barrier();
  for (int stride = 128; stride > 0; stride /= 2) {
    if (t < stride) sums[t] += sums[t + stride];
    barrier();
  }
  if (t == 0) arena[u_stats + kPenalty] += perSample * sums[0];
}
