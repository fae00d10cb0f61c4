// One optimizer step on the GPU, one parameter per invocation (core/nn/optimizer.h has the papers and the same
// rules): SGD, momentum, Adam with its bias correction (the step's factors come from the host, which counts the
// steps), RMSProp; then WGAN's weight clip when asked.
layout(local_size_x = 256) in;

uniform int u_count, u_params, u_grad, u_velocity, u_first, u_second, u_meanSquare;
uniform int u_kind;          // sgd, momentum, adam, rmsprop (OptimizerKind's order)
uniform int u_adamCounter;   // the control word counting this network's Adam steps
uniform int u_clip;          // 1: clip every parameter to [−clip, clip] after the step
uniform float u_lr, u_beta1, u_beta2, u_c1, u_c2, u_momentum, u_rho, u_eps, u_stepSize, u_rootCorrection, u_clipValue;

const int kSgd = 0, kMomentum = 1, kAdam = 2, kRmsProp = 3;

void main() {
  if (stopped()) return;
  int i = int(gl_GlobalInvocationID.x);
  if (i == 0 && u_kind == kAdam) control[u_adamCounter] += 1u;
  if (i >= u_count) return;
  float g = arena[u_grad + i];
  float p = arena[u_params + i];
  if (u_kind == kSgd) {
    p -= u_lr * g;
  } else if (u_kind == kMomentum) {
    float v = u_momentum * arena[u_velocity + i] + g;
    arena[u_velocity + i] = v;
    p -= u_lr * v;
  } else if (u_kind == kAdam) {
    float m = u_beta1 * arena[u_first + i] + u_c1 * g;
    float v = u_beta2 * arena[u_second + i] + u_c2 * (g * g);
    arena[u_first + i] = m;
    arena[u_second + i] = v;
    p -= u_stepSize * m / (sqrt(v) / u_rootCorrection + u_eps);
  } else {
    float s = u_rho * arena[u_meanSquare + i] + (1.0 - u_rho) * (g * g);
    arena[u_meanSquare + i] = s;
    p -= u_lr * g / (sqrt(s) + u_eps);
  }
  if (u_clip != 0) p = clamp(p, -u_clipValue, u_clipValue);
  arena[u_params + i] = p;
}
