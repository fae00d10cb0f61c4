// A test's window on the GPU trainer's random numbers (app/gpu/philox_probe.h): one Philox block of a given counter and
// key into the control words, and elements 0..count-1 of a stream as normals and uniforms into the arena.
layout(local_size_x = 64) in;

uniform uvec4 u_counter;
uniform uvec2 u_key;
uniform int u_count;
uniform uvec2 u_seed, u_step;
uniform uint u_stream;

void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i == 0u) {
    uvec4 block = philox(u_counter, u_key);
    for (int w = 0; w < 4; ++w) control[w] = block[w];
  }
  if (int(i) >= u_count) return;
  RandomStream stream = RandomStream(u_seed, u_step, u_stream);
  arena[i] = normalAt(stream, i);
  arena[uint(u_count) + i] = uniformAt(stream, i);
}
