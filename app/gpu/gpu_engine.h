#pragma once
// The GPU trainer: a Trainer's iterations on OpenGL 4.3 compute shaders (GLSL 430), in an EGL context of its own,
// so it runs in the window, headless and in CI alike (Mesa's llvmpipe runs compute shaders on the CPU: correct, not
// fast). The Trainer selects it with trainer=gpu|auto and keeps everything else (core/gan/iteration_engine.h).
#include <memory>
#include <string>

#include "core/gan/iteration_engine.h"

namespace ganscope {

/// Makes the GPU engine on the calling thread (its own EGL context, made current only inside its calls and the
/// caller's restored after), or returns null with `whyNot` saying what is missing (no EGL display, no OpenGL 4.3).
/// The program passes it to registerGpuEngine() once at start.
std::unique_ptr<IterationEngine> makeGpuEngine(std::string& whyNot);

}  // namespace ganscope
