// GpuTimer: the GPU's time for a stretch of commands, collected without waiting.
#include "app/gl/gpu_timer.h"

#include <GL/glcorearb.h>
#include <doctest/doctest.h>

#include <chrono>

#include "app/gl/framebuffer.h"
#include "app/gl/shader_program.h"
#include "app/gl/vertex_array.h"
#include "tests/gl/hidden_context.h"

using namespace ganscope;
using ganscope::testing::HiddenContext;

namespace {

// A triangle over the whole target whose every pixel does some arithmetic and is blended, so no rasterizer
// can skip a draw.
ShaderProgram fullScreenProgram() {
  return ShaderProgram("timed full-screen triangle", R"(#version 330 core
void main() {
  vec2 corner = vec2((gl_VertexID == 1) ? 3.0 : -1.0, (gl_VertexID == 2) ? 3.0 : -1.0);
  gl_Position = vec4(corner, 0.0, 1.0);
})",
                       R"(#version 330 core
out vec4 colour;
void main() {
  float v = gl_FragCoord.x * 0.001;
  for (int i = 0; i < 16; ++i) v = fract(sin(v) * 43758.5453);
  colour = vec4(v, 0.5, 0.25, 0.1);
})");
}

// Draws the full-screen triangle `draws` times into a 512² target inside one timed stretch, waits for the GPU
// and collects the result.
double timeDraws(GpuTimer& timer, int draws, int attempt = 0) {
  Framebuffer target;
  target.resize(512, 512);
  const ShaderProgram program = fullScreenProgram();
  const VertexArray empty;
  target.bind();
  program.use();
  empty.bind();
  glEnable(GL_BLEND);
  glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
  const long long measuredBefore = timer.measured();
  const long long before = measuredBefore + timer.dropped();
  const auto start = std::chrono::steady_clock::now();
  timer.begin();
  for (int i = 0; i < draws; ++i) glDrawArrays(GL_TRIANGLES, 0, 3);
  timer.end();
  glFinish();
  timer.collect();
  const double wallMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(timer.measured() + timer.dropped() == before + 1);
  // Dropped as impossible (llvmpipe's time since boot, see GpuTimer::collect): once more, at most twice.
  if (timer.measured() == measuredBefore) {
    REQUIRE(attempt < 2);
    return timeDraws(timer, draws, attempt + 1);
  }
  CHECK(timer.lastMs() <= wallMs);  // never more than the time it had
  return timer.lastMs();
}

}  // namespace

TEST_CASE("gl: a GpuTimer measures its stretch once the GPU is done, and more work takes longer") {
  HiddenContext context;
  GpuTimer timer;
  CHECK(timer.measured() == 0);
  CHECK(timer.lastMs() == 0.0);
  CHECK(timer.meanMs() == 0.0);

  const double light = timeDraws(timer, 1);
  const double heavy = timeDraws(timer, 32);
  CHECK(light > 0.0);
  // 32 times the pixels shaded and blended: a timer that measured the issuing of commands (or nothing) would
  // not see it. The factor 2 leaves room for the GPU's fixed cost per stretch.
  CHECK(heavy > 2.0 * light);
  CHECK(timer.meanMs() == doctest::Approx(0.5 * (light + heavy)));
  CHECK(glGetError() == GL_NO_ERROR);
}

TEST_CASE("gl: a GpuTimer ignores an end without a begin and a second begin, and never waits for a result") {
  HiddenContext context;
  GpuTimer timer;
  timer.end();  // nothing started: nothing happens
  timer.begin();
  timer.begin();  // already timing: ignored (two active GL_TIME_ELAPSED queries would be a GL error)
  timer.end();
  CHECK(glGetError() == GL_NO_ERROR);
  // More stretches than queries, none waited for: those that find every query in flight go untimed, and each
  // one that was timed arrives exactly once.
  for (int i = 0; i < 10; ++i) {
    timer.begin();
    glClear(GL_COLOR_BUFFER_BIT);
    timer.end();
  }
  glFinish();
  timer.collect();
  const long long afterFinish = timer.measured() + timer.dropped();
  CHECK(afterFinish >= 4);  // at least the four queries' first round
  CHECK(afterFinish <= 11);
  timer.collect();
  CHECK(timer.measured() + timer.dropped() == afterFinish);  // nothing counted twice
  CHECK(glGetError() == GL_NO_ERROR);
}

TEST_CASE("gl: a GpuTimer's reset forgets its results and those still in flight") {
  HiddenContext context;
  GpuTimer timer;
  for (int i = 0; i < 2; ++i) {
    timer.begin();
    glClear(GL_COLOR_BUFFER_BIT);
    timer.end();
  }
  timer.reset();  // both stretches still in flight, or arrived but not collected
  CHECK(timer.measured() == 0);
  CHECK(timer.meanMs() == 0.0);
  glFinish();
  timer.collect();
  CHECK(timer.measured() == 0);  // their results came, and were not counted
  CHECK(timer.dropped() == 0);
  timer.begin();
  glClear(GL_COLOR_BUFFER_BIT);
  timer.end();
  glFinish();
  timer.collect();
  CHECK(timer.measured() + timer.dropped() == 1);  // a stretch after the reset counts again
}
