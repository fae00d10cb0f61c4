// The window, run as a user would: under Xvfb (Mesa's software OpenGL), then its screenshot is checked.
#include <doctest/doctest.h>
#include <stb_image.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "app/views/plane_style.h"
#include "tests/subprocess.h"

namespace fs = std::filesystem;
using namespace ganscope;
using namespace ganscope::testing;

namespace {

// Pixels within `tolerance` (per channel, 0–255) of any colour in `palette`.
long countNear(const unsigned char* rgb, int pixels, const std::vector<glm::vec4>& palette, int tolerance) {
  long count = 0;
  for (int i = 0; i < pixels; ++i) {
    const unsigned char* p = rgb + 3 * i;
    for (const glm::vec4& c : palette) {
      if (std::abs(p[0] - static_cast<int>(c.r * 255 + 0.5f)) <= tolerance &&
          std::abs(p[1] - static_cast<int>(c.g * 255 + 0.5f)) <= tolerance &&
          std::abs(p[2] - static_cast<int>(c.b * 255 + 0.5f)) <= tolerance) {
        ++count;
        break;
      }
    }
  }
  return count;
}

// What a screenshot of the ring of 8 shows: pixels of each end of D's colormap and of each sample fill.
struct PictureCounts {
  long fakeSide = 0, realSide = 0, fakePoints = 0, realPoints = 0;
  int width = 0, height = 0;
  int fieldLeft = 0, fieldRight = 0;  // the leftmost and rightmost columns with D's colours (the view's extent)
  int cornerGrey = 0;                 // the bottom-left pixel's mean channel: the settings panel's background
};

PictureCounts countPicture(const fs::path& shot) {
  PictureCounts counts;
  int channels = 0;
  unsigned char* rgb = stbi_load(shot.c_str(), &counts.width, &counts.height, &channels, 3);
  REQUIRE(rgb != nullptr);
  std::vector<glm::vec4> fakeEnd, realEnd;
  for (float d = 0.0f; d <= 0.3f; d += 0.02f) fakeEnd.push_back(plane_style::fieldColor(d));
  for (float d = 0.7f; d <= 1.0f; d += 0.02f) realEnd.push_back(plane_style::fieldColor(d));
  const int pixels = counts.width * counts.height;
  counts.fakeSide = countNear(rgb, pixels, fakeEnd, 6);
  counts.realSide = countNear(rgb, pixels, realEnd, 6);
  counts.fakePoints = countNear(rgb, pixels, {plane_style::kFakeFill}, 40);
  counts.realPoints = countNear(rgb, pixels, {plane_style::kRealFill}, 40);
  counts.fieldLeft = counts.width;
  for (int y = 0; y < counts.height; y += 4) {
    for (int x = 0; x < counts.width; ++x) {
      if (countNear(rgb + 3 * (y * counts.width + x), 1, fakeEnd, 6) == 0) continue;
      counts.fieldLeft = std::min(counts.fieldLeft, x);
      counts.fieldRight = std::max(counts.fieldRight, x);
    }
  }
  const unsigned char* corner = rgb + 3 * ((counts.height - 4) * counts.width + 4);
  counts.cornerGrey = (corner[0] + corner[1] + corner[2]) / 3;
  stbi_image_free(rgb);
  return counts;
}

// The 1280 × 800 window on the ring of 8 after 400 iterations: both ends of D's colormap and both kinds of
// sample.
void checkRingPicture(const PictureCounts& picture) {
  CHECK(picture.width == 1280);
  CHECK(picture.height == 800);
  CAPTURE(picture.fakeSide);
  CAPTURE(picture.realSide);
  CAPTURE(picture.fakePoints);
  CAPTURE(picture.realPoints);
  CHECK(picture.fakeSide > 2000);   // the heatmap reaches the "surely fake" end of the colormap …
  CHECK(picture.realSide > 200);    // … and the "surely real" end
  CHECK(picture.fakePoints > 300);  // generated samples are drawn
  // Real samples are drawn. The ring's 2,500 samples (σ = 0.02, about a pixel here) overlap into 8 small
  // blobs, so their fill covers a few hundred pixels (248 measured); the field's orange differs from it by 65
  // levels in green, so no heatmap pixel counts here.
  CHECK(picture.realPoints > 100);
}

}  // namespace

TEST_CASE("gui: the window trains the ring of 8 and its screenshot shows the D surface, real and fake samples") {
  const TempFolder folder("gui");
  const fs::path shot = folder.root() / "ring8.png";
  const RunResult run =
      runCommand(windowCommand() + " --steps 400 --frames 120 --screenshot " + shellQuoted(shot.string()), folder);
  INFO("stderr: " << run.err);
  REQUIRE(run.code == 0);
  // The summary line: frames=N fps=F frame_ms_p50=… frame_ms_p99=… iterations=I it_per_s=R …
  // (parsed with sscanf: GCC 12 warns falsely inside <regex> in the sanitizer build)
  const auto at = run.out.find("frames=");
  REQUIRE(at != std::string::npos);
  long long frames = 0, iterations = 0;
  double fps = 0, p50 = 0, p99 = 0, rate = 0;
  REQUIRE(std::sscanf(run.out.c_str() + at, "frames=%lld fps=%lf frame_ms_p50=%lf frame_ms_p99=%lf iterations=%lld it_per_s=%lf",
                      &frames, &fps, &p50, &p99, &iterations, &rate) == 6);
  CHECK(frames >= 120);
  CHECK(fps > 0.0);
  CHECK(p50 <= p99);
  CHECK(iterations == 400);  // --steps 400: some hundreds of iterations, then paused
  CHECK(run.out.find(" field=cpu") != std::string::npos);  // auto on Mesa's llvmpipe: the CPU lattice

  checkRingPicture(countPicture(shot));
}

TEST_CASE("gui: --offscreen draws the same window with no display at all, through EGL") {
  const TempFolder folder("offscreen");
  const fs::path shot = folder.root() / "offscreen.png";
  const RunResult run = runCommand("ASAN_OPTIONS=detect_leaks=0 env -u DISPLAY -u WAYLAND_DISPLAY " +
                                       std::string(GANSCOPE_EXE) + " --offscreen --steps 400 --frames 60 " +
                                       "--screenshot " + shellQuoted(shot.string()),
                                   folder);
  INFO("stderr: " << run.err);
  REQUIRE(run.code == 0);
  CHECK(run.out.find("iterations=400 ") != std::string::npos);
  CHECK(run.out.find("(offscreen, EGL)") != std::string::npos);
  checkRingPicture(countPicture(shot));  // the same picture as in the window, drawn without a display
}

TEST_CASE("gui: --offscreen without --frames is refused in one line, since nothing could close it") {
  const TempFolder folder("offscreen-noframes");
  const RunResult run = runCommand("env -u DISPLAY " + std::string(GANSCOPE_EXE) + " --offscreen", folder);
  CHECK(run.code == 2);
  CHECK(run.err.find("--frames") != std::string::npos);
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  CHECK(run.out.empty());
}

TEST_CASE("gui: --field gpu forces the per-pixel field on Mesa, and the picture shows both ends of the colormap") {
  const TempFolder folder("gui-gpu");
  const fs::path shot = folder.root() / "gpu.png";
  // Few frames: per-pixel networks on a software rasterizer take about a second a frame.
  const RunResult run = runCommand(windowCommand() +
                                       " --field gpu --steps 400 --frames 2 --screenshot " +
                                       shellQuoted(shot.string()),
                                   folder);
  INFO("stderr: " << run.err);
  REQUIRE(run.code == 0);
  CHECK(run.out.find(" field=gpu") != std::string::npos);
  const PictureCounts picture = countPicture(shot);
  CAPTURE(picture.fakeSide);
  CAPTURE(picture.realSide);
  CHECK(picture.fakeSide > 2000);  // the thresholds of the CPU path's test above
  CHECK(picture.realSide > 200);
}

TEST_CASE(
    "gui: with no display the program says so in one line, points to --headless and --offscreen, exits 1") {
  const TempFolder folder("nodisplay");
  const RunResult run = runCommand("env -u DISPLAY -u WAYLAND_DISPLAY " + std::string(GANSCOPE_EXE) + " --frames 5", folder);
  CHECK(run.code == 1);
  CHECK(run.err.find("--headless") != std::string::npos);
  CHECK(run.err.find("--offscreen") != std::string::npos);
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
}

TEST_CASE("gui: the lecture layout at 1920x1080 and 1024x768 on both themes keeps the view at least half the width") {
  const TempFolder folder("lecture");
  struct Case {
    const char* window;
    const char* theme;
    int width, height;
  };
  for (const Case& c : {Case{"1920x1080", "light", 1920, 1080}, Case{"1920x1080", "dark", 1920, 1080},
                        Case{"1024x768", "light", 1024, 768}, Case{"1024x768", "dark", 1024, 768}}) {
    CAPTURE(c.window);
    CAPTURE(c.theme);
    const fs::path shot = folder.root() / (std::string("lecture-") + c.window + "-" + c.theme + ".png");
    const RunResult run = runCommand("ASAN_OPTIONS=detect_leaks=0 env -u DISPLAY -u WAYLAND_DISPLAY " +
                                         std::string(GANSCOPE_EXE) + " --offscreen --lecture --theme " + c.theme +
                                         " --window " + c.window + " --steps 400 --frames 40 --screenshot " +
                                         shellQuoted(shot.string()),
                                     folder);
    INFO("stderr: " << run.err);
    REQUIRE(run.code == 0);
    const PictureCounts picture = countPicture(shot);
    CHECK(picture.width == c.width);
    CHECK(picture.height == c.height);
    CHECK(picture.fakeSide > 2000);  // D's surface and both kinds of sample, as in the normal layout
    CHECK(picture.fakePoints > 300);
    CHECK(picture.realPoints > 100);
    // The lecture layout gives the view 60 % of the width where the panels can shrink that far.
    CHECK(picture.fieldRight - picture.fieldLeft >= c.width / 2);
    // The panels' background: near white on the light theme, near black on the dark one.
    CAPTURE(picture.cornerGrey);
    if (std::string(c.theme) == "light") CHECK(picture.cornerGrey > 200);
    else CHECK(picture.cornerGrey < 50);
  }
}

TEST_CASE("gui: slow motion at a phase and the model graph, from the command line, with no display") {
  const TempFolder folder("slow-motion");
  // The graph's highlight (an amber border on the phase's nodes) appears in slow motion and not on the graph alone.
  const auto amberPixels = [&](const std::string& args, const std::string& name) {
    const fs::path shot = folder.root() / name;
    const RunResult run = runCommand("ASAN_OPTIONS=detect_leaks=0 env -u DISPLAY -u WAYLAND_DISPLAY " +
                                         std::string(GANSCOPE_EXE) + " --offscreen --steps 300 --frames 30 " + args +
                                         " --screenshot " + shellQuoted(shot.string()),
                                     folder);
    INFO("stderr: " << run.err);
    REQUIRE(run.code == 0);
    int width = 0, height = 0, channels = 0;
    unsigned char* rgb = stbi_load(shot.c_str(), &width, &height, &channels, 3);
    REQUIRE(rgb != nullptr);
    const long amber = countNear(rgb, width * height, {glm::vec4(230 / 255.0f, 160 / 255.0f, 20 / 255.0f, 1.0f)}, 12);
    stbi_image_free(rgb);
    return amber;
  };
  const long graphAlone = amberPixels("--show graph", "graph.png");
  const long phase5 = amberPixels("--slow-motion 5", "phase5.png");
  const long phase1 = amberPixels("--slow-motion 1", "phase1.png");
  CAPTURE(graphAlone);
  CAPTURE(phase5);
  CAPTURE(phase1);
  CHECK(graphAlone < 50);
  CHECK(phase5 > 300);  // G, L_G and the gradient back to G
  CHECK(phase1 > 150);  // the noise and the real samples
}


TEST_CASE("gui: a comparison opens two views that train to the same step, with no ImGui ID clash") {
  const TempFolder folder("gui-compare");
  const fs::path shot = folder.root() / "compare.png";
  for (const char* layout : {"", " --lecture"}) {
    CAPTURE(layout);
    const RunResult run = runCommand(windowCommand() +
                                         " --preset ring8-collapse --compare-preset ring8-pacgan" + layout +
                                         " --steps 300 --frames 60 --screenshot " + shellQuoted(shot.string()),
                                     folder);
    INFO("stderr: " << run.err);
    REQUIRE(run.code == 0);
    CHECK(run.err.empty());  // an ImGui ID used twice would be reported here
    CHECK(run.out.find("iterations=300 ") != std::string::npos);
    const PictureCounts picture = countPicture(shot);
    CHECK(picture.fakeSide > 2000);   // D's surface is drawn
    CHECK(picture.fakePoints > 300);  // and generated samples
  }
}

TEST_CASE("gui: trainer=gpu with a setting the GPU trainer lacks trains on the CPU, with no ImGui ID clash") {
  const TempFolder folder("gui-trainer");
  const fs::path shot = folder.root() / "trainer.png";
  const RunResult run = runCommand(windowCommand() +
                                       " --set trainer=gpu --set spectral_norm=true --steps 200 --frames 30 "
                                       "--screenshot " + shellQuoted(shot.string()),
                                   folder);
  INFO("stderr: " << run.err);
  REQUIRE(run.code == 0);
  CHECK(run.err.empty());  // an ImGui ID used twice would be reported here
  CHECK(run.out.find("iterations=200 ") != std::string::npos);
}

// The GPU trainer's EGL context lives on the training thread beside the window's GLX one: the run trains, the
// window draws, and the engine is destroyed on the window's thread at exit (where glvnd refuses its context) cleanly.
TEST_CASE("gui: trainer=gpu trains on the GPU trainer's own context beside the window's, and exits cleanly") {
  const TempFolder folder("gui-trainer-gpu");
  const RunResult run =
      runCommand(windowCommand() + " --set trainer=gpu --set batch=32 --set generator.hidden=[16] "
                                   "--set discriminator.hidden=[16] --steps 60 --frames 30",
                 folder);
  INFO("stderr: " << run.err);
  REQUIRE(run.code == 0);
  CHECK(run.err.empty());
  CHECK(run.out.find("iterations=60 ") != std::string::npos);
}
