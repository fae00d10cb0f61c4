// An update's gradient norm, or the stop on a NaN or infinity, one dispatch of one workgroup (train_ops.glsl's
// gradientCheckOp).
layout(local_size_x = WORKGROUP_SIZE) in;

uniform int u_grad, u_count, u_stats, u_discriminator;
uniform uvec2 u_step;

void main() {
  if (stopped()) return;
  gradientCheckOp(GradientCheck(u_grad, u_count, u_stats, u_discriminator), u_step, int(gl_LocalInvocationID.x));
}
