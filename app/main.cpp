// ganscope: an interactive visualizer of GAN training on 1D and 2D toy distributions.
#include <exception>
#include <iostream>

#include "app/cli/cli_options.h"
#include "app/cli/run_program.h"
#include "app/gpu/gpu_engine.h"

int main(int argc, char** argv) {
  ganscope::registerGpuEngine(ganscope::makeGpuEngine);  // trainer=gpu|auto: the GPU trainer, app/gpu/
  try {
    return ganscope::runProgram(argc, argv, std::cout, std::cerr);
  } catch (const std::exception& e) {
    // runProgram reports what it expects; this is the last net, so no exception ever reaches std::terminate.
    std::cerr << "ganscope: stopped by an unexpected error: " << e.what() << "\n";
    return ganscope::kExitFailure;
  }
}
