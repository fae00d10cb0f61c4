#pragma once
// The GPU trainer: a Trainer's iterations on OpenGL 4.3 compute shaders (GLSL 430), in an EGL context of its
// own, so it runs in the window, headless and in CI alike (Mesa's llvmpipe runs compute shaders on the CPU:
// correct, not fast). The Trainer selects it with trainer=gpu|auto and keeps everything else
// (core/gan/iteration_engine.h).
#include <memory>
#include <string>

#include "core/gan/iteration_engine.h"

namespace ganscope {

/// How the GPU trainer issues an iteration's operations.
enum class GpuPath {
  Auto,        ///< persistent for networks under kPersistentMaxFlops on a GPU, else dispatch
  Dispatch,    ///< one dispatch an operation (tiled products over many workgroups: wide layers, software
               ///< renderers)
  Persistent,  ///< one workgroup runs a chunk of iterations of recorded commands in one dispatch (small
               ///< networks)
};

/// Below this many floating-point operations an iteration (iterationFlops), `Auto` runs the persistent kernel
/// on a GPU: there launching an iteration's few dozen dispatches costs more than their arithmetic. An
/// estimate, to be measured on a GPU (scripts/gpu_figures.sh times both paths).
inline constexpr double kPersistentMaxFlops = 20e6;

/// Makes the GPU engine on the calling thread (its own EGL context, made current only inside its calls and
/// the caller's restored after), or returns null with `whyNot` saying what is missing (no EGL display, no
/// OpenGL 4.3). The program passes it to registerGpuEngine() once at start.
/// GANSCOPE_GPU_PATH=dispatch|persistent in the environment forces a path (for the benchmark).
std::unique_ptr<IterationEngine> makeGpuEngine(std::string& whyNot);

/// The same with the path chosen by the caller (the tests run both).
std::unique_ptr<IterationEngine> makeGpuEngine(std::string& whyNot, GpuPath path);

}  // namespace ganscope
