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

/// The GPU time of one picture's networks (D per pixel and G per vertex) above which Auto leaves the GPU
/// path: the budget for the field, which the CPU lattice keeps on a desktop core (1–3 ms a refresh).
inline constexpr double kGpuPictureBudgetMs = 3.0;

/// How many pictures the GPU path is timed over before Auto judges it.
inline constexpr long long kGpuPicturesJudged = 3;

/// Whether the GPU path is too slow for Auto to keep: at least kGpuPicturesJudged pictures timed, at a mean
/// GPU time over kGpuPictureBudgetMs. A compute GPU is: NVIDIA's H100 runs vertex and fragment shaders on 2
/// of its 66 TPCs (NVIDIA H100 Tensor Core GPU Architecture, 2022), and took 59 ms for D per pixel and 157 ms
/// for the 100,000-sample cloud at 1280 × 800.
bool gpuPicturesTooSlow(double meanPictureMs, long long picturesTimed);

/// The path for a choice: Auto is the CPU on a software renderer or where the GPU path was measured too slow
/// (gpuPicturesTooSlow), and the GPU otherwise; the others are forced.
FieldPath resolveFieldPath(FieldChoice choice, bool softwareRenderer, bool gpuTooSlow = false);

}  // namespace ganscope
