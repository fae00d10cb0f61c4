#include "app/gpu/philox_probe.h"

#include <GL/glcorearb.h>

#include "app/gpu/compute_context.h"
#include "app/gpu/compute_kernel.h"

namespace ganscope {

PhiloxProbe probePhiloxOnGpu(std::array<std::uint32_t, 4> counter, std::array<std::uint32_t, 2> key,
                             const PhiloxStream& stream, int count) {
  ComputeContext context;
  ComputeContext::Scope scope(context);
  ComputeKernel kernel("train_philox_probe.comp");
  GLuint buffers[3];
  glGenBuffers(3, buffers);
  const GLsizeiptr sizes[3] = {static_cast<GLsizeiptr>(2 * count * sizeof(float)), 4 * sizeof(std::uint32_t),
                               4};
  for (GLuint b = 0; b < 3; ++b) {
    glBindBuffer(GL_SHADER_STORAGE_BUFFER, buffers[b]);
    glBufferData(GL_SHADER_STORAGE_BUFFER, sizes[b], nullptr, GL_DYNAMIC_DRAW);
    glBindBufferBase(GL_SHADER_STORAGE_BUFFER, b, buffers[b]);
  }
  const std::uint32_t zeros[4] = {};
  glBindBuffer(GL_SHADER_STORAGE_BUFFER, buffers[1]);
  glBufferSubData(GL_SHADER_STORAGE_BUFFER, 0, sizeof zeros, zeros);
  kernel.set("u_key", key[0], key[1]);
  kernel.set("u_seed", static_cast<std::uint32_t>(stream.seed),
             static_cast<std::uint32_t>(stream.seed >> 32));
  kernel.set("u_step", static_cast<std::uint32_t>(stream.step),
             static_cast<std::uint32_t>(stream.step >> 32));
  kernel.setUnsigned("u_stream", stream.stream);
  kernel.set("u_count", count);
  kernel.set("u_counter", counter);
  kernel.dispatch(static_cast<std::uint32_t>((count + 63) / 64));
  PhiloxProbe probe;
  glBindBuffer(GL_SHADER_STORAGE_BUFFER, buffers[1]);
  glGetBufferSubData(GL_SHADER_STORAGE_BUFFER, 0, 4 * sizeof(std::uint32_t), probe.block.data());
  std::vector<float> values(static_cast<std::size_t>(2 * count));
  glBindBuffer(GL_SHADER_STORAGE_BUFFER, buffers[0]);
  glGetBufferSubData(GL_SHADER_STORAGE_BUFFER, 0, sizes[0], values.data());
  probe.normals.assign(values.begin(), values.begin() + count);
  probe.uniforms.assign(values.begin() + count, values.end());
  glDeleteBuffers(3, buffers);
  return probe;
}

}  // namespace ganscope
