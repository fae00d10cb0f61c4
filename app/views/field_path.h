#pragma once
// Where D's decision surface is computed: on the CPU over a lattice, or on the GPU at every pixel.
#include <optional>
#include <string_view>

namespace ganscope {

/// What the user asked for: automatic (GPU on a hardware renderer, CPU on a software one), or either path.
enum class FieldChoice { Auto, Gpu, Cpu };

/// The path in use: D on a 128 × 128 lattice by the CPU (smoothed), or D per pixel in a fragment shader, with
/// the generated samples computed per vertex.
enum class FieldPath { Cpu, Gpu };

/// "auto", "gpu" or "cpu" as a FieldChoice; nothing for anything else.
std::optional<FieldChoice> parseFieldChoice(std::string_view text);

/// The command-line name of a choice: "auto", "gpu" or "cpu".
std::string_view fieldChoiceName(FieldChoice choice);

/// The summary-line name of a path: "gpu" or "cpu".
std::string_view fieldPathName(FieldPath path);

/// Whether GL_RENDERER names a software rasterizer (Mesa's llvmpipe, softpipe or swrast, SwiftShader,
/// Microsoft's GDI Generic / Basic Render Driver), where per-pixel networks would cost the CPU more than the
/// lattice does.
bool isSoftwareRenderer(std::string_view glRenderer);

/// The path for a choice: Auto is the CPU on a software renderer and the GPU otherwise.
FieldPath resolveFieldPath(FieldChoice choice, bool softwareRenderer);

}  // namespace ganscope
