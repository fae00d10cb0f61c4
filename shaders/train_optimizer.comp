// One optimizer step, one dispatch with one parameter per invocation (train_ops.glsl's optimizerAt).
layout(local_size_x = 256) in;

uniform int u_count, u_params, u_grad, u_velocity, u_first, u_second, u_meanSquare, u_kind, u_adamCounter, u_clip;
uniform float u_lr, u_beta1, u_beta2, u_c1, u_c2, u_momentum, u_rho, u_eps, u_stepSize, u_rootCorrection, u_clipValue;

void main() {
  if (stopped()) return;
  optimizerAt(OptimizerStep(u_count, u_params, u_grad, u_velocity, u_first, u_second, u_meanSquare, u_kind,
                            u_adamCounter, u_clip, u_lr, u_beta1, u_beta2, u_c1, u_c2, u_momentum, u_rho, u_eps,
                            u_stepSize, u_rootCorrection, u_clipValue),
              int(gl_GlobalInvocationID.x));
}
