// A gradient penalty's value and adjoint, one dispatch of one workgroup (train_ops.glsl's penaltyOp).
layout(local_size_x = WORKGROUP_SIZE) in;

uniform int u_rows, u_count, u_grad, u_adjoint, u_stats, u_zeroCentered;
uniform float u_scale;

void main() {
  if (stopped()) return;
  penaltyOp(Penalty(u_rows, u_count, u_grad, u_adjoint, u_stats, u_zeroCentered, u_scale),
            int(gl_LocalInvocationID.x));
}
