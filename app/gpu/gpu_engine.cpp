#include "app/gpu/gpu_engine.h"

namespace ganscope {

std::unique_ptr<IterationEngine> makeGpuEngine(std::string& whyNot) {
  whyNot = "the GPU trainer is being written";
  return nullptr;
}

}  // namespace ganscope
