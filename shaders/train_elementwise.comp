// The GPU trainer's elementwise steps, one dispatch each (train_ops.glsl's elementwiseAt, one element per
// invocation): fills, copies, the random draws and the activation-derivative products of the double backprop.
layout(local_size_x = 256) in;

uniform int u_mode, u_count, u_dst, u_src, u_other, u_third, u_rows, u_act;
uniform float u_value;
uniform uvec2 u_seed, u_step;
uniform uint u_stream;

void main() {
  if (stopped()) return;
  int i = int(gl_GlobalInvocationID.x);
  if (i >= u_count) return;
  elementwiseAt(Elementwise(u_mode, u_count, u_dst, u_src, u_other, u_third, u_rows, u_act, u_value),
                RandomStream(u_seed, u_step, u_stream), i);
}
