// Tests of the field path choice (app/views/field_path.h): names, the software-renderer test, and Auto.
#include "app/views/field_path.h"

#include <doctest/doctest.h>

using namespace ganscope;

TEST_CASE("field path: the command-line names parse both ways and nothing else parses") {
  for (const FieldChoice choice : {FieldChoice::Auto, FieldChoice::Gpu, FieldChoice::Cpu}) {
    const auto parsed = parseFieldChoice(fieldChoiceName(choice));
    REQUIRE(parsed.has_value());
    CHECK(*parsed == choice);
  }
  for (const char* bad : {"", "GPU", "Auto", "gpu ", "software", "c"})
    CHECK_FALSE(parseFieldChoice(bad).has_value());
  CHECK(fieldPathName(FieldPath::Gpu) == "gpu");
  CHECK(fieldPathName(FieldPath::Cpu) == "cpu");
}

TEST_CASE("field path: software rasterizers are recognised by GL_RENDERER, hardware ones are not") {
  CHECK(isSoftwareRenderer("llvmpipe (LLVM 15.0.6, 256 bits)"));
  CHECK(isSoftwareRenderer("OpenGL 4.5 (Core Profile) Mesa 22.3.6 — llvmpipe (LLVM 15.0.6, 256 bits)"));
  CHECK(isSoftwareRenderer("softpipe"));
  CHECK(isSoftwareRenderer("Software Rasterizer (swrast)"));
  CHECK(isSoftwareRenderer("Google SwiftShader"));
  CHECK(isSoftwareRenderer("GDI Generic"));
  CHECK(isSoftwareRenderer("Microsoft Basic Render Driver"));
  CHECK_FALSE(isSoftwareRenderer("NVIDIA H100 80GB HBM3/PCIe/SSE2"));
  CHECK_FALSE(isSoftwareRenderer("AMD Radeon RX 6800 XT (navi21, LLVM 15.0.6, DRM 3.49, 6.1.0-18-amd64)"));
  CHECK_FALSE(isSoftwareRenderer("Mesa Intel(R) UHD Graphics 620 (KBL GT2)"));
}

TEST_CASE(
    "field path: auto takes the GPU on hardware and the CPU on a software rasterizer, the others are "
    "forced") {
  CHECK(resolveFieldPath(FieldChoice::Auto, false) == FieldPath::Gpu);
  CHECK(resolveFieldPath(FieldChoice::Auto, true) == FieldPath::Cpu);
  for (const bool software : {false, true}) {
    CHECK(resolveFieldPath(FieldChoice::Gpu, software) == FieldPath::Gpu);
    CHECK(resolveFieldPath(FieldChoice::Cpu, software) == FieldPath::Cpu);
  }
}

TEST_CASE(
    "field path: auto leaves a GPU measured too slow, once enough pictures are timed, forced choices stay") {
  // Not judged on fewer pictures than kGpuPicturesJudged, however slow.
  CHECK_FALSE(gpuPicturesTooSlow(230.0, kGpuPicturesJudged - 1));
  CHECK(gpuPicturesTooSlow(230.0, kGpuPicturesJudged));
  // The budget itself is kept; just over it is not.
  CHECK_FALSE(gpuPicturesTooSlow(kGpuPictureBudgetMs, 100));
  CHECK(gpuPicturesTooSlow(kGpuPictureBudgetMs + 0.01, 100));
  CHECK_FALSE(gpuPicturesTooSlow(0.2, 100));
  CHECK(resolveFieldPath(FieldChoice::Auto, false, true) == FieldPath::Cpu);
  CHECK(resolveFieldPath(FieldChoice::Auto, false, false) == FieldPath::Gpu);
  CHECK(resolveFieldPath(FieldChoice::Gpu, false, true) == FieldPath::Gpu);  // the user's word stands
  CHECK(resolveFieldPath(FieldChoice::Cpu, false, false) == FieldPath::Cpu);
}
