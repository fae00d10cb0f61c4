// The adversarial losses, one dispatch of one workgroup (train_ops.glsl's lossOp).
layout(local_size_x = WORKGROUP_SIZE) in;

uniform int u_which, u_loss, u_batch, u_logits, u_grad, u_stats;

void main() {
  if (stopped()) return;
  lossOp(Loss(u_which, u_loss, u_batch, u_logits, u_grad, u_stats), int(gl_LocalInvocationID.x));
}
