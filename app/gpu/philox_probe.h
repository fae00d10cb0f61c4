#pragma once
// The GPU trainer's random numbers read back, for the tests that compare them with core/util/philox.h.
#include <array>
#include <cstdint>
#include <vector>

#include "core/util/philox.h"

namespace ganscope {

/// What the GPU computes for one Philox block and one stream's first elements.
struct PhiloxProbe {
  std::array<std::uint32_t, 4> block{};  ///< philox4x32(counter, key)
  std::vector<float> normals;            ///< the stream's elements as normals
  std::vector<float> uniforms;           ///< and as uniforms
};

/// Runs shaders/train_philox_probe.comp in a context of its own. Throws std::runtime_error without
/// OpenGL 4.3.
PhiloxProbe probePhiloxOnGpu(std::array<std::uint32_t, 4> counter, std::array<std::uint32_t, 2> key,
                             const PhiloxStream& stream, int count);

}  // namespace ganscope
